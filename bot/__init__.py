"""Rasa-side code of the social-insurance hotline assistant: NLU components, launcher, tools."""

from bot.privacy import install_log_redaction

# Every process that loads the project's code (the Rasa server loads the NLU components and
# channels from here) masks personal data in its logs.
install_log_redaction()

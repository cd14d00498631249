"""The action server's custom actions (``rasa run actions --actions actions``)."""

from bot.privacy import install_log_redaction

install_log_redaction()

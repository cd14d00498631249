"""Rasa-side code of the social-insurance hotline assistant: NLU components, launcher, tools."""

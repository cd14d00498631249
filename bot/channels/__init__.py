"""Rasa input channels of the project, one module each, registered in credentials.yml."""

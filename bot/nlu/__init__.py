"""Rasa NLU components of the project: language detection and bilingual tokenization."""

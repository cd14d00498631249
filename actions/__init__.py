"""The action server's custom actions (``rasa run actions --actions actions``)."""

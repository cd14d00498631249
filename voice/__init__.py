"""The phone gateway: SIP and AudioSocket calls, speech recognition and synthesis."""

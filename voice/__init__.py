"""The phone gateway: SIP and AudioSocket calls, speech recognition and synthesis.

``call`` is the call loop (menu, turns, keypad, transfer, silence) behind typing.Protocol
interfaces; ``audiosocket`` the Asterisk AudioSocket server; ``endpointing`` where utterances
start and end; ``assistant`` Rasa's voice channel; ``records`` the per-call record;
``asr`` and ``tts`` speech recognition and synthesis, ``spoken`` answers made fit for the ear;
``gateway`` wires them from bot.settings.VoiceSettings, ``__main__`` runs it; ``caller`` is a
caller over AudioSocket for tests, the benchmark and a check of the line.
"""

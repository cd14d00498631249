"""The phone gateway: SIP and AudioSocket calls, speech recognition and synthesis.

``call`` is the call loop (menu, turns, keypad, transfer, silence) behind typing.Protocol
interfaces; ``audiosocket`` the Asterisk AudioSocket server; ``endpointing`` where utterances
start and end; ``assistant`` Rasa's voice channel; ``records`` the per-call record;
``gateway`` wires them from bot.settings.VoiceSettings.
"""

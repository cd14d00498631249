"""Zalo Official Account channel (OA API v3): ``POST /webhooks/zalo/webhook``.

Zalo pushes signed JSON events to the webhook; the channel checks the signature, the app id,
the timestamp and the message id, acknowledges at once, and runs the turn in the background.
Replies go out through the OA message API (``POST /v3.0/oa/message/cs``) with the OA access
token, refreshed with the single-use refresh token when Zalo says it expired.

Modules: ``events`` (reading and checking a webhook), ``api`` (tokens and the message API),
``replies`` (what Zalo can show: plain text under its length limit, fixed bilingual replies),
``channel`` (the Rasa input and output channels). Configuration: ``bot.settings.ZaloSettings``.
"""

from bot.channels.zalo.channel import ZaloInput, ZaloOutput

__all__ = ["ZaloInput", "ZaloOutput"]

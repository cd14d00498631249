"""The website widget's channel: Rasa's socket.io channel, mended (registered in
credentials.yml; the widget connects to the page's own origin, see bot/channels/webchat.py).

Two things Rasa 3.6's socket.io channel gets wrong are mended in its handlers:

- it calls ``sio.enter_room`` without ``await`` (RasaHQ/rasa#13027). Since python-socketio 5.10
  that is a coroutine, so with ``session_persistence: true`` a browser never joins its
  session's room and never receives a reply;
- it passes whatever text arrives to the assistant: here every message first goes through
  ``clean_text`` like the other channels' (a message too long gets a bilingual reply and goes
  no further, a payload without a text message is dropped), and none is ever logged.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import socketio
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from bot.channels.message_text import MessageError, clean_text

MAX_SESSION_ID_CHARS = 128

TOO_LONG_REPLY = "您的消息太长了，请分几次发送。/ Tin nhắn quá dài, xin gửi thành nhiều phần."


class SocketIOInput(socketio.SocketIOInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        self._mend_handlers()
        return blueprint

    def _mend_handlers(self) -> None:
        sio = self.sio
        handle_message = sio.handlers[self.namespace or "/"][self.user_message_evt]

        async def checked_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                return
            try:
                data["message"] = clean_text(data["message"])
            except MessageError:
                await sio.emit(self.bot_message_evt, {"text": TOO_LONG_REPLY}, room=sid)
                return
            if data["message"]:
                await handle_message(sid, data)

        sio.on(self.user_message_evt, checked_message, namespace=self.namespace)
        if not self.session_persistence:
            return

        async def session_request(sid: str, data: Any) -> None:
            # Rasa's steps: a new session id unless the widget sends the one it kept, the
            # socket joins the session's room, then session_confirm with the id.
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not isinstance(session_id, str) or not 0 < len(session_id) <= MAX_SESSION_ID_CHARS:
                session_id = uuid.uuid4().hex
            entered = sio.enter_room(sid, session_id)
            if inspect.isawaitable(entered):  # python-socketio >= 5.10
                await entered
            await sio.emit("session_confirm", session_id, room=sid)

        sio.on("session_request", session_request, namespace=self.namespace)

"""The WeChat push protocol: signatures, safe XML parsing, safe (AES) mode, passive replies.

WeChat signs every push with ``sha1`` of the sorted token, timestamp and nonce (``signature``
in the query) and, in safe mode, the ciphertext too (``msg_signature``). Bodies are XML from
the internet: they are parsed with defusedxml (no DTD, so no entity expansion and no external
entities), at most ``MAX_BODY_BYTES`` long and ``MAX_DEPTH`` elements deep, and only the
root's direct children are kept, as WeChat's messages are flat.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from wechatpy.crypto import WeChatCrypto

from bot.channels.message_text import MessageError

MAX_BODY_BYTES = 64 * 1024
# <xml><Field>…</Field></xml> is 2 deep; a few events nest lists (SendPicsInfo/PicList/item/…).
MAX_DEPTH = 6
# Platform ids: an openid is 28 characters of [A-Za-z0-9_-], an account id "gh_" + 12 hex.
_ACCOUNT_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_DIGITS = re.compile(r"[0-9]{1,20}")


def signature(*parts: str) -> str:
    """WeChat's signature: sha1 of the parts sorted and joined."""
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def signature_matches(given: str, *parts: str) -> bool:
    """Whether ``given`` is the signature of ``parts``, compared in constant time."""
    return hmac.compare_digest(signature(*parts).encode(), given.lower().encode("utf-8"))


class _TooDeep(Exception):
    pass


class _FlatFields:
    """An XML parser target that keeps the root's tag and the text of its direct children
    (the first of each name), and refuses documents nested deeper than ``MAX_DEPTH``."""

    def __init__(self) -> None:
        self.depth = 0
        self.root: str | None = None
        self.fields: dict[str, str] = {}
        self._text: list[str] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep
        if self.depth == 1:
            self.root = tag
        elif self.depth == 2:
            self._text = []

    def end(self, tag: str) -> None:
        if self.depth == 2:
            self.fields.setdefault(tag, "".join(self._text))
        self.depth -= 1

    def data(self, data: str) -> None:
        if self.depth == 2:
            self._text.append(data)

    def close(self) -> tuple[str | None, dict[str, str]]:
        return self.root, self.fields


def parse_xml(body: bytes) -> dict[str, str]:
    """The fields of a WeChat XML document ``<xml><Name>text</Name>…</xml>``; raises
    MessageError (400, or 413 when too long) for anything else."""
    if len(body) > MAX_BODY_BYTES:
        raise MessageError(f"body too large: at most {MAX_BODY_BYTES} bytes", 413)
    target = _FlatFields()
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(body)
        root, fields = parser.close()
    except _TooDeep:
        raise MessageError(f"XML nested deeper than {MAX_DEPTH} elements") from None
    except DefusedXmlException as error:  # a DTD, entities, external references
        raise MessageError(f"XML refused: {type(error).__name__}") from None
    except Exception:  # ParseError, and whatever else expat finds wrong
        raise MessageError("body is not well-formed XML") from None
    if root != "xml":
        raise MessageError("body must be an <xml> document")
    return fields


@dataclass(frozen=True)
class Push:
    """One message or event pushed by WeChat."""

    to_user: str  # the Official Account (gh_…)
    from_user: str  # the user's openid
    create_time: str
    msg_type: str  # text, voice, image, location, link, video, shortvideo, file, event …
    msg_id: str | None
    content: str
    recognition: str
    event: str

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> Push:
        def get(name: str) -> str:
            return fields.get(name, "").strip()

        to_user, from_user = get("ToUserName"), get("FromUserName")
        for name, value in (("ToUserName", to_user), ("FromUserName", from_user)):
            if not _ACCOUNT_ID.fullmatch(value):
                raise MessageError(f"<{name}> must be a WeChat account id")
        create_time = get("CreateTime")
        if not _DIGITS.fullmatch(create_time):
            raise MessageError("<CreateTime> must be a timestamp")
        msg_type = get("MsgType").lower()
        if not msg_type or len(msg_type) > 32:
            raise MessageError("<MsgType> is missing")
        msg_id = get("MsgId") or None
        if msg_id is not None and not _DIGITS.fullmatch(msg_id):
            raise MessageError("<MsgId> must be a number")
        return cls(
            to_user=to_user,
            from_user=from_user,
            create_time=create_time,
            msg_type=msg_type,
            msg_id=msg_id,
            content=fields.get("Content", ""),
            recognition=fields.get("Recognition", ""),
            event=get("Event").lower(),
        )

    @property
    def key(self) -> str:
        """What WeChat's retries of this push have in common: the MsgId of a message, the
        sender and time of an event."""
        if self.msg_id and self.msg_type != "event":
            return f"msg:{self.msg_id}"
        return f"event:{self.from_user}:{self.create_time}"


def cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text_reply(push: Push, content: str) -> str:
    """The passive reply to a push: a text message back to its sender."""
    return (
        "<xml>"
        f"<ToUserName>{cdata(push.from_user)}</ToUserName>"
        f"<FromUserName>{cdata(push.to_user)}</FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime>"
        "<MsgType><![CDATA[text]]></MsgType>"
        f"<Content>{cdata(content)}</Content>"
        "</xml>"
    )


class SafeMode:
    """Safe (and compatible) mode: AES-256-CBC with the EncodingAESKey, by wechatpy."""

    def __init__(self, token: str, encoding_aes_key: str, app_id: str) -> None:
        if not app_id:
            raise ValueError("WECHAT_APP_ID is needed with WECHAT_ENCODING_AES_KEY (safe mode)")
        try:
            self._crypto = WeChatCrypto(token, encoding_aes_key, app_id)
        except Exception:
            raise ValueError(
                "WECHAT_ENCODING_AES_KEY must be the 43-character EncodingAESKey"
            ) from None
        self._token = token

    def decrypt(self, encrypt: str, msg_signature: str, timestamp: str, nonce: str) -> bytes:
        """The plaintext XML of an ``<Encrypt>`` field; MessageError 403 for a wrong
        ``msg_signature``, 400 for a ciphertext that is not ours."""
        if not signature_matches(msg_signature, self._token, timestamp, nonce, encrypt):
            raise MessageError("msg_signature does not match", 403)
        try:
            # A dict, not the XML: wechatpy would parse XML with xmltodict, unguarded.
            plaintext = self._crypto.decrypt_message(
                {"Encrypt": encrypt}, msg_signature.lower(), timestamp, nonce
            )
        except Exception:
            raise MessageError("the message could not be decrypted") from None
        return plaintext.encode("utf-8")

    def encrypt(self, reply_xml: str, nonce: str) -> str:
        """A reply in safe mode: ``<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>``."""
        return self._crypto.encrypt_message(reply_xml, nonce, str(int(time.time())))

"""SIP messages (RFC 3261): parsing and building requests and responses, name-addresses, URIs
and digest authentication (RFC 2617, as SIP registrars use it)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field

VERSION = "SIP/2.0"
# RFC 3261 7.3.3: the one-letter forms of common headers.
COMPACT = {
    "i": "call-id",
    "m": "contact",
    "e": "content-encoding",
    "l": "content-length",
    "c": "content-type",
    "f": "from",
    "s": "subject",
    "k": "supported",
    "t": "to",
    "v": "via",
    "r": "refer-to",
    "b": "referred-by",
}
MAGIC_COOKIE = "z9hG4bK"  # RFC 3261 branches start with it
_PARAM = re.compile(r';\s*([^=;,\s]+)(?:=("[^"]*"|[^;,\s]*))?')


class SipError(ValueError):
    """Not a SIP message."""


@dataclass
class Message:
    start: str  # the request line or the status line
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    @property
    def is_request(self) -> bool:
        return not self.start.startswith(VERSION)

    @property
    def method(self) -> str:
        return self.start.split(" ", 1)[0] if self.is_request else self.cseq[1]

    @property
    def uri(self) -> str:
        return self.start.split(" ")[1]

    @property
    def status(self) -> int:
        return 0 if self.is_request else int(self.start.split(" ")[1])

    @property
    def cseq(self) -> tuple[int, str]:
        number, _, method = (self.get("CSeq") or "0 ").partition(" ")
        return int(number), method.strip().upper()

    @property
    def branch(self) -> str:
        return param(self.get("Via") or "", "branch") or ""

    def get(self, name: str) -> str | None:
        values = self.get_all(name)
        return values[0] if values else None

    def get_all(self, name: str) -> list[str]:
        wanted = canonical(name)
        return [value for key, value in self.headers if canonical(key) == wanted]

    def add(self, name: str, value: str) -> Message:
        self.headers.append((name, value))
        return self

    def encode(self) -> bytes:
        lines = [self.start]
        lines += [
            f"{name}: {value}"
            for name, value in self.headers
            if canonical(name) != "content-length"
        ]
        lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body


def canonical(name: str) -> str:
    lower = name.strip().lower()
    return COMPACT.get(lower, lower)


def parse(data: bytes) -> Message:
    head, separator, body = data.partition(b"\r\n\r\n")
    if not separator:
        head, separator, body = data.partition(b"\n\n")
    lines = head.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    start = lines[0].strip()
    parts = start.split(" ", 2)
    is_response = start.startswith(VERSION + " ")
    if len(parts) < 3 or not (is_response or parts[2] == VERSION):
        raise SipError(f"not a SIP start line: {start[:60]!r}")
    if is_response and not parts[1].isdigit():
        raise SipError(f"not a SIP status: {start[:60]!r}")
    message = Message(start)
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and message.headers:  # a folded header goes on
            name, value = message.headers[-1]
            message.headers[-1] = (name, f"{value} {line.strip()}")
        elif line.strip():
            name, colon, value = line.partition(":")
            if not colon:
                raise SipError(f"not a header: {line[:60]!r}")
            message.headers.append((name.strip(), value.strip()))
    length = message.get("Content-Length")
    message.body = body[: int(length)] if length and length.isdigit() else body
    for required in ("Via", "From", "To", "Call-ID", "CSeq"):
        if message.get(required) is None:
            raise SipError(f"no {required} header")
    return message


def request(method: str, uri: str) -> Message:
    return Message(f"{method} {uri} {VERSION}")


def response(
    to: Message, status: int, reason: str, to_tag: str | None = None, body: bytes = b""
) -> Message:
    """A response to the request ``to``, with its Via, From, To, Call-ID and CSeq."""
    reply = Message(f"{VERSION} {status} {reason}", body=body)
    for name in ("Via", "Record-Route", "From", "To", "Call-ID", "CSeq"):
        for value in to.get_all(name):
            if canonical(name) == "to" and to_tag and not param(value, "tag"):
                value = f"{value};tag={to_tag}"
            reply.add(name, value)
    return reply


def param(header: str, name: str) -> str | None:
    """A ``;name=value`` parameter of a header value (outside its <URI>), unquoted."""
    outside = header.rsplit(">", 1)[-1] if ">" in header else header
    for key, value in _PARAM.findall(outside):
        if key.lower() == name.lower():
            return value.strip('"')
    return None


def address_uri(name_addr: str) -> str:
    """The URI of a name-address: ``"Name" <sip:a@b>;tag=x`` gives ``sip:a@b``."""
    if "<" in name_addr:
        return name_addr.split("<", 1)[1].split(">", 1)[0].strip()
    return name_addr.split(";", 1)[0].strip()


def host_port(uri: str, default_port: int = 5060) -> tuple[str, int]:
    """Where to send a request for ``uri`` (``sip:user@host:port;params``)."""
    rest = uri.split(":", 1)[1] if uri.lower().startswith(("sip:", "sips:")) else uri
    rest = rest.split(";", 1)[0].split("?", 1)[0]
    host = rest.rsplit("@", 1)[-1]
    name, colon, port = host.partition(":")
    return name, int(port) if colon and port.isdigit() else default_port


def new_tag() -> str:
    return secrets.token_hex(6)


def new_branch() -> str:
    return MAGIC_COOKIE + secrets.token_hex(8)


def digest_authorization(
    challenge: str, method: str, uri: str, username: str, password: str, cnonce: str = ""
) -> str:
    """The Authorization value answering a ``Digest`` WWW-/Proxy-Authenticate ``challenge``."""
    params = dict(
        (key.lower(), value.strip('"'))
        for key, value in re.findall(r'(\w+)=("[^"]*"|[^,\s]+)', challenge)
    )
    realm, nonce = params.get("realm", ""), params.get("nonce", "")

    def md5(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()  # the protocol's hash, not for secrecy

    ha1 = md5(f"{username}:{realm}:{password}")
    ha2 = md5(f"{method}:{uri}")
    fields = [f'username="{username}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"']
    qops = [qop.strip() for qop in params.get("qop", "").split(",")]
    if "auth" in qops:
        cnonce = cnonce or secrets.token_hex(8)
        digest = md5(f"{ha1}:{nonce}:00000001:{cnonce}:auth:{ha2}")
        fields += ["qop=auth", "nc=00000001", f'cnonce="{cnonce}"']
    else:
        digest = md5(f"{ha1}:{nonce}:{ha2}")
    fields += [f'response="{digest}"', "algorithm=MD5"]
    if "opaque" in params:
        fields.append(f'opaque="{params["opaque"]}"')
    return "Digest " + ", ".join(fields)

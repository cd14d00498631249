"""The website page: ``GET /webchat`` serves the agency's chat page with the rasa-webchat widget.

The page (``web/index.html``, ``web/style.css``, ``web/webchat.js``) and the widget
(``web/node_modules/rasa-webchat/lib/index.js``, rasa-webchat 1.0.1 installed by
``scripts/setup.sh`` with ``npm ci``) are served by the Rasa server itself, never from a CDN.
The widget talks to Rasa's own socket.io channel (``socketio:`` in credentials.yml) on the page's
origin (bot/channels/socket_io.py); this channel receives no messages itself.

Rasa mounts every channel under ``/webhooks/<url_prefix>``, joined with ``urljoin``
(``rasa.core.channels.channel.register``), so an absolute prefix, ``/webchat``, puts the page at
the root of the site instead.

Only the files named in ``PAGE_FILES`` are served (no path is taken from the request), with a
Content-Security-Policy that lets the page load and connect to its own origin only. The widget's
bundled stylesheet imports a web font from Google; that import is removed when the file is read,
so the page makes no request to any other host.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import PROJECT_DIR

logger = logging.getLogger(__name__)

WEB_DIR = PROJECT_DIR / "web"
URL_PREFIX = "/webchat"
WIDGET = Path("node_modules/rasa-webchat/lib/index.js")

HTML = "text/html; charset=utf-8"
CSS = "text/css; charset=utf-8"
JAVASCRIPT = "text/javascript; charset=utf-8"

# What may be asked for under /webchat/, and the file (relative to the web directory) it is.
PAGE_FILES: dict[str, tuple[Path, str]] = {
    "": (Path("index.html"), HTML),
    "style.css": (Path("style.css"), CSS),
    "webchat.js": (Path("webchat.js"), JAVASCRIPT),
    "widget.js": (WIDGET, JAVASCRIPT),
}

# Its own origin only. The widget injects its stylesheets as <style> elements and inlines its
# icons as data: URLs; 'self' covers the socket.io websocket to the same host.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
    ]
)

# `@import url(https://fonts.googleapis.com/...);` in the widget's bundled CSS.
_REMOTE_IMPORT = re.compile(rb"@import url\(https?://[^)]*\);")


def strip_remote_imports(source: bytes) -> bytes:
    """The widget's code without the stylesheet imports that would fetch fonts from elsewhere."""
    return _REMOTE_IMPORT.sub(b"", source)


@dataclass(frozen=True)
class Asset:
    body: bytes
    content_type: str
    etag: str
    mtime_ns: int


class PageFiles:
    """The page's files as served: read when first asked for and again when they change."""

    def __init__(self, web_dir: Path) -> None:
        self.web_dir = web_dir
        self._cache: dict[str, Asset] = {}

    def get(self, name: str) -> Asset | None:
        """The file served as ``name``, or None if there is no such file (or it is missing)."""
        if name not in PAGE_FILES:
            return None
        relative, content_type = PAGE_FILES[name]
        path = self.web_dir / relative
        try:
            mtime_ns = path.stat().st_mtime_ns
        except OSError:
            return None
        cached = self._cache.get(name)
        if cached is not None and cached.mtime_ns == mtime_ns:
            return cached
        body = path.read_bytes()
        if relative == WIDGET:
            body = strip_remote_imports(body)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        asset = Asset(body, content_type, etag, mtime_ns)
        self._cache[name] = asset
        return asset


def _headers(asset: Asset) -> dict[str, str]:
    headers = {
        "ETag": asset.etag,
        # Revalidated every time (a 304 when unchanged), so an update is seen at once.
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    if asset.content_type == HTML:
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return headers


class WebchatPage(InputChannel):
    """Serves the chat page and the widget's files at /webchat."""

    def __init__(self, web_dir: Path = WEB_DIR) -> None:
        self.files = PageFiles(web_dir)
        if self.files.get("widget.js") is None:
            logger.warning(
                "The chat widget is missing (%s): run scripts/setup.sh to install it; "
                "until then /webchat shows the page without the chat.",
                web_dir / WIDGET,
            )

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def url_prefix(self) -> str:
        return URL_PREFIX

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        page = Blueprint("hotline_webchat_page", __name__)

        def serve(request: Request, name: str) -> HTTPResponse:
            asset = self.files.get(name)
            if asset is None:
                return response.json({"error": "not found"}, status=404)
            headers = _headers(asset)
            if request.headers.get("if-none-match") == asset.etag:
                return response.empty(status=304, headers=headers)
            return response.raw(asset.body, content_type=asset.content_type, headers=headers)

        @page.route("/", methods=["GET"])
        async def index(request: Request) -> HTTPResponse:
            return serve(request, "")

        @page.route("/<name:str>", methods=["GET"])
        async def page_file(request: Request, name: str) -> HTTPResponse:
            return serve(request, name)

        return page

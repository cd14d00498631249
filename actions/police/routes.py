"""Where each region's fraud reports go: the routes file (``HOTLINE_POLICE_ROUTES``).

    routes:
      - name: beijing                  # a label for logs and the outbox listing
        country: CN
        regions: [北京]                 # words of the caller's region that select it
        http:
          url: https://intake.example/reports
          secret_env: POLICE_BEIJING_SECRET   # the HMAC key, from the environment
      - name: hanoi-email
        country: VN
        regions: [Hà Nội, Ha Noi]
        email: {to: tiepnhan@example.vn}
      - name: cn-default               # no regions: the country's catch-all
        country: CN
        http: {url: ..., secret_env: ...}

A report goes to every route of its country whose regions match its region, or else to the
country's catch-all routes. ``${NAME}`` in a URL or an address takes the environment's value.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from actions.people import comparable_name


class RoutesError(ValueError):
    """The routes file cannot be used; the message says where."""


@dataclass(frozen=True)
class Route:
    name: str
    country: str
    regions: tuple[str, ...] = ()
    url: str | None = None  # an HTTP intake
    secret: str = field(default="", repr=False)
    email_to: str | None = None  # or an e-mail address

    def matches(self, region: str) -> bool:
        wanted = comparable_name(region or "")
        return any(comparable_name(place) in wanted for place in self.regions)


def _expand(value: object, env: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}", lambda m: env.get(m.group(1), ""), str(value or ""))


def load(path: Path, env: dict[str, str] | None = None) -> list[Route]:
    env = dict(os.environ if env is None else env)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise RoutesError(f"{path}: {error}") from None
    routes = []
    for number, entry in enumerate(document.get("routes") or [], 1):
        where = f"{path}: route {number}"
        if not isinstance(entry, dict) or entry.get("country") not in ("CN", "VN"):
            raise RoutesError(f"{where}: needs a country, CN or VN")
        http, email = entry.get("http"), entry.get("email")
        if bool(http) == bool(email):
            raise RoutesError(f"{where}: needs exactly one of http or email")
        secret = ""
        if http:
            http = {**http, "url": _expand(http.get("url"), env)}
            if not http["url"].startswith(("http://", "https://")):
                raise RoutesError(f"{where}: http.url must be an http(s) URL")
            secret = env.get(http.get("secret_env", ""), "")
            if not secret:
                raise RoutesError(f"{where}: set the HMAC key in ${http.get('secret_env')}")
        elif "@" not in _expand(email.get("to"), env):
            raise RoutesError(f"{where}: email.to must be an address")
        routes.append(
            Route(
                name=str(entry.get("name") or f"route-{number}"),
                country=entry["country"],
                regions=tuple(str(r) for r in entry.get("regions") or ()),
                url=http.get("url") if http else None,
                secret=secret,
                email_to=_expand(email.get("to"), env) if email else None,
            )
        )
    return routes


def routes_for(routes: list[Route], country: str, region: str) -> list[Route]:
    """The routes a report of ``country`` and ``region`` is delivered to."""
    of_country = [r for r in routes if r.country == country]
    matching = [r for r in of_country if r.regions and r.matches(region)]
    return matching or [r for r in of_country if not r.regions]

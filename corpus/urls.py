"""Canonical URLs: the same article reached by different links is recognised as the same.

http and https, `www.`, a trailing slash, a fragment, default ports and tracking parameters
(`utm_*`, `fbclid`, …) do not make a different article; the remaining query parameters are
sorted. Paths keep their case, because servers may distinguish it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|ref|ref_src"
    r"|cmpid|ncid|ocid|smid|smtyp|sr_share|at_\w+|__twitter_impression|guccounter|guce_\w+|mkt_tok|spm)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {80, 443}


def domain_of(url: str | None) -> str | None:
    """`https://www.kyivpost.com/post/1` → `kyivpost.com`."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def canonical_url(url: str | None) -> str | None:
    """The form of a URL used to recognise the same article; None for anything not a web URL."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = domain_of(url) or ""
    if port and port not in _DEFAULT_PORTS:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    return urlunsplit(("https", host, path, urlencode(query), ""))

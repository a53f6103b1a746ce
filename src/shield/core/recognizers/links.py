"""Links in text, found once per scan and sorted into what they are: a profile on a listed
platform (a ``handle``), a payment link (a ``payment_handle``), a WhatsApp link (a ``phone``) or
any other link (a ``url``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from shield.core.recognizers.base import Explanation, Found, Recognizer, Scan
from shield.core.recognizers.e164 import parse as parse_phone

BARE_TLDS = (
    "com|net|org|io|me|ly|app|gg|co|uk|de|fr|es|it|nl|ru|info|biz|xyz|to|tv|cc|ai|link|site|"
    "online|live|us|ca|au|in|ng|ph|pk|ke|gh|za|br|mx|tk|ml|ga|cf|gq|top|club|shop|store|vip|"
    "lol|page|click|am|be|ch|eu|ie|pl|se|no|dk|fi|pt|gr|tr|ua|id|my|sg|nz|ws|su|la|sh|im|fm"
)
LINK = re.compile(
    r"(?<![\w@.\-/])(?:(?P<scheme>https?)://|(?=www\.))?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9\-]{0,62})\.){1,6}(?P<tld>[a-z]{2,24}))"
    r"(?P<port>:\d{1,5})?(?P<rest>[/?#][^\s<>\"'`]{0,2000})?",
    re.IGNORECASE,
)
LINK_GATE = re.compile(r"[A-Za-z0-9]\.[A-Za-z]")
BARE_TLD = re.compile(rf"^(?:{BARE_TLDS})$")
TRAILING = ".,;:!?)]}'\"*"
TRACKING = frozenset({"fbclid", "igsh", "igshid", "gclid"})
USERNAME = re.compile(r"^[a-z0-9_][a-z0-9_.\-]{0,59}$")

# host -> platform; the path shapes that are a profile on it.
PROFILE_HOSTS = {
    "instagram.com": "instagram",
    "instagr.am": "instagram",
    "snapchat.com": "snapchat",
    "tiktok.com": "tiktok",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "m.me": "messenger",
    "messenger.com": "messenger",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "kik.me": "kik",
    "discord.com": "discord",
    "x.com": "x",
    "twitter.com": "x",
    "reddit.com": "reddit",
    "onlyfans.com": "onlyfans",
    "tinder.com": "tinder",
    "line.me": "line",
}
WHATSAPP_HOSTS = ("wa.me", "whatsapp.com")
"""Hosts of links to a WhatsApp number (reported as a phone)."""
PAYMENT_HOSTS = {
    "paypal.me": "paypal",
    "paypal.com": "paypal",
    "cash.app": "cashapp",
    "venmo.com": "venmo",
    "revolut.me": "revolut",
    "monzo.me": "monzo",
    "wise.com": "wise",
}
RESERVED = frozenset(
    [
        "p",
        "reel",
        "reels",
        "explore",
        "stories",
        "accounts",
        "direct",
        "tv",
        "home",
        "i",
        "search",
        "intent",
        "share",
        "hashtag",
        "groups",
        "events",
        "watch",
        "photo",
        "photos",
        "pages",
        "story.php",
        "joinchat",
        "s",
        "c",
        "login",
        "signup",
        "about",
        "help",
        "legal",
        "privacy",
        "settings",
        "messages",
        "notifications",
        "invite",
    ]
)
PROFILE_PATHS = {
    "snapchat": re.compile(r"^/(?:add/|@)([^/]+)$"),
    "tiktok": re.compile(r"^/@([^/]+)$"),
    "tinder": re.compile(r"^/@([^/]+)$"),
    "reddit": re.compile(r"^/(?:u|user)/([^/]+)$"),
    "discord": re.compile(r"^/users/(\d{5,20})$"),
    "messenger": re.compile(r"^/(?:t/)?([^/]+)$"),
    "line": re.compile(r"^/ti/p/~?([^/]+)$"),
}
PAYMENT_PATHS = {
    "paypal.com": re.compile(r"^/paypalme/([^/]+)$"),
    "cash.app": re.compile(r"^/[$£]([^/]+)$"),
    "venmo.com": re.compile(r"^/(?:u/)?([^/]+)$"),
    "wise.com": re.compile(r"^/pay/me/([^/]+)$"),
}
ANY_PATH = re.compile(r"^/([^/]+)$")


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    url: str
    kind: str  # url, handle, payment_handle or phone
    normalized: str
    platform: str | None
    shape: str  # which link shape decided the kind, for explanations


def base_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in ("www.", "m.", "mobile.", "web.", "api.", "account.", "story."):
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def normalize_url(raw: str) -> str | None:
    """Scheme + lower-case host + path; no trailing '/', no fragment, no tracking query."""
    text = raw.strip()
    if not re.match(r"^[a-z][a-z0-9+.\-]*://", text, re.IGNORECASE):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host or "." not in host:
        return None
    scheme = parts.scheme.lower()
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING
    ]
    return f"{scheme}://{host}{path}" + (f"?{urlencode(query)}" if query else "")


def classify(url: str) -> tuple[str, str, str | None, str] | None:
    """(kind, normalized, platform or service, shape) of one normalized URL."""
    parts = urlsplit(url)
    host = base_host(parts.hostname or "")
    path = parts.path
    platform = PROFILE_HOSTS.get(host)
    if host == "wa.me" or (host == "whatsapp.com" and path == "/send"):
        digits = (
            path.strip("/") if host == "wa.me" else dict(parse_qsl(parts.query)).get("phone", "")
        )
        phone = parse_phone("+" + digits, "GB") if digits.isdigit() else None
        if phone is not None:
            return ("phone", phone, "whatsapp", f"{host} link")
    if host == "facebook.com" and path == "/profile.php":
        user_id = dict(parse_qsl(parts.query)).get("id", "")
        if user_id.isdigit():
            return ("handle", f"facebook:{user_id}", "facebook", "facebook.com/profile.php")
    if platform is not None:
        shape = PROFILE_PATHS.get(platform, ANY_PATH)
        m = shape.match(path)
        name = m.group(1).lower().lstrip("@") if m else ""
        if name and name not in RESERVED and USERNAME.match(name):
            return ("handle", f"{platform}:{name}", platform, f"{host} profile")
    service = PAYMENT_HOSTS.get(host)
    if service is not None:
        m = PAYMENT_PATHS.get(host, ANY_PATH).match(path)
        name = m.group(1).lower().lstrip("$£@") if m else ""
        if name and name not in RESERVED and USERNAME.match(name):
            return ("payment_handle", f"{service}:{name}", service, f"{host} payment link")
    return None


def find_links(scan: Scan) -> list[Link]:
    cached = scan.links
    if cached is not None:
        return cached
    links: list[Link] = []
    if scan.linkish:
        for m in LINK.finditer(scan.text):
            if m.group("scheme") is None and not m.group("host").lower().startswith("www."):
                host = base_host(m.group("host"))
                known = host in PROFILE_HOSTS or host in PAYMENT_HOSTS or host == "wa.me"
                if not known and not BARE_TLD.match(m.group("tld").lower()):
                    continue
                if not known and m.group("rest") is None and not _looks_like_site(host):
                    continue
            raw = m.group(0).rstrip(TRAILING)
            read = read_link(raw)
            if read is None:
                continue
            url, kind, normalized, platform, shape = read
            links.append(
                Link(m.start(), m.start() + len(raw), url, kind, normalized, platform, shape)
            )
    scan.links = links
    return links


@lru_cache(maxsize=4096)
def read_link(raw: str) -> tuple[str, str, str, str | None, str] | None:
    """(url, kind, normalized, platform, shape) of one link as written, or None. Remembered: a
    conversation repeats its links."""
    url = normalize_url(raw)
    if url is None:
        return None
    sorted_out = classify(url)
    if sorted_out is None:
        return (url, "url", url, None, "link")
    return (url, *sorted_out)


def _looks_like_site(host: str) -> bool:
    """A bare ``name.tld`` with no path: a site only with a common web TLD (not ``e.g``/``i.e``)."""
    label, _, tld = host.rpartition(".")
    return len(label) >= 3 and tld in {
        "com",
        "net",
        "org",
        "io",
        "me",
        "ly",
        "app",
        "gg",
        "co",
        "uk",
        "xyz",
    }


def linked(
    recognizer: Recognizer,
    scan: Scan,
    *,
    context: tuple[str, ...] = (),
    platform: str | None = None,
    pattern: str | None = None,
) -> Iterator[Found]:
    """The links in the text that are of ``recognizer``'s kind, reported by it: a profile link
    is a handle, a payment link a payment handle, a wa.me link a phone, the rest urls."""
    for link in find_links(scan):
        if link.kind == recognizer.kind:
            yield recognizer.found(
                scan,
                link.start,
                link.end,
                link.normalized,
                Explanation(pattern or link.shape, recognizer.validator, context),
                platform=platform or link.platform,
            )

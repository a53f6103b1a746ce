"""Links that are not a profile on a listed platform nor a payment link."""

from __future__ import annotations

from collections.abc import Iterator

from shield.core.recognizers.base import LINKISH, Example, Found, Gate, Recognizer, Scan
from shield.core.recognizers.links import LINK, classify, linked, normalize_url


class UrlRecognizer(Recognizer):
    kind = "url"
    validator = (
        "URL syntax (scheme or www. or a known top-level domain), not a profile or payment link"
    )
    gate = Gate((LINKISH,))
    examples = (
        Example("HTTPS://Bit.ly/3xYz/?utm_source=a", ("https://bit.ly/3xYz",)),
        Example(
            "look www.Example.org/Path/Page.html?id=7&fbclid=zz#top.",
            ("https://www.example.org/Path/Page.html?id=7",),
        ),
        Example("my cv linkedin.com/in/jess-smith", ("https://linkedin.com/in/jess-smith",)),
        Example(
            "join discord.gg/abc123 and tinyurl.com/y7k2x9",
            ("https://discord.gg/abc123", "https://tinyurl.com/y7k2x9"),
        ),
        Example("instagram.com/jess_x92 and paypal.me/jess and wa.me/447400123456"),
        Example("e.g. this, i.e. that, file.txt, version 2.0.1, 3.14"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        yield from linked(self, scan, pattern="link")

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        text = raw.strip()
        m = LINK.fullmatch(text)
        url = normalize_url(text) if m else None
        if url is None:
            raise self.invalid(raw, "not a link")
        if classify(url) is not None:
            raise self.invalid(raw, "a profile or payment link, not a url")
        return url

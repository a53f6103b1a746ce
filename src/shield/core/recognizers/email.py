"""E-mail addresses; gmail.com/googlemail.com addresses lose dots and ``+tag`` in the local part."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shield.core.recognizers.base import Example, Explanation, Found, Gate, Mark, Recognizer, Scan

PATTERN = re.compile(
    r"(?<![\w.%+\-])([A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]{0,63}))"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})\.){1,8}[A-Za-z]{2,24})(?![\w\-])"
)
FULL = re.compile(PATTERN.pattern.replace(r"(?<![\w.%+\-])", "^") + "$")
FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "webp", "heic", "mp4", "mov", "pdf", "svg"})
GMAIL = frozenset({"gmail.com", "googlemail.com"})


def _normal(local: str, domain: str) -> str | None:
    local, domain = local.lower(), domain.lower()
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return None
    if domain.rsplit(".", 1)[-1] in FILE_SUFFIXES:
        return None
    if domain in GMAIL:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
        if not local:
            return None
    return f"{local}@{domain}"


class EmailRecognizer(Recognizer):
    kind = "email"
    validator = "address syntax (RFC 5322 dot-atom), a real top-level label, not a file name"
    gate = Gate((Mark("@", r"(?<=[a-z0-9._%+\-]@)[a-z0-9]"),))  # local part @ domain
    examples = (
        Example("pay me at Jess.X92+pay@GoogleMail.com now", ("jessx92@gmail.com",)),
        Example("email: dan.price@outlook.co.uk.", ("dan.price@outlook.co.uk",)),
        Example(
            "contact m.smith+work@proton.me or k_l@yahoo.fr",
            ("m.smith+work@proton.me", "k_l@yahoo.fr"),
        ),
        Example("see logo@2x.png and the @ sign"),
        Example("not..valid@example.com nor trailing.@x.org nor a@b"),
        Example("meet me @ 5 at the park"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        if "@" not in scan.text:
            return
        for m in PATTERN.finditer(scan.text):
            normalized = _normal(m.group(1), m.group(2))
            if normalized is None:
                continue
            yield self.found(
                scan, m.start(), m.end(), normalized, Explanation("email", self.validator)
            )

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        m = FULL.match(raw.strip())
        normalized = _normal(m.group(1), m.group(2)) if m else None
        if normalized is None:
            raise self.invalid(raw, "not an e-mail address")
        return normalized

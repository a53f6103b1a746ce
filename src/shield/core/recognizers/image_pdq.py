"""PDQ hashes of photos (256 bits, 64 hex digits), named as PDQ in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shield.core.recognizers.base import (
    LONG_RUN,
    Example,
    Explanation,
    Found,
    Gate,
    Recognizer,
    Scan,
    words,
)

HEX64 = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{64}(?![0-9A-Za-z])")
CONTEXT = words("pdq", "pdq hash", "photo hash", "image hash", "perceptual hash")


class ImagePdqRecognizer(Recognizer):
    kind = "image_pdq"
    validator = "64 hexadecimal digits named as a PDQ hash (a bare 64-hex value may be SHA-256)"
    gate = Gate((LONG_RUN,))
    examples = (
        Example(
            "pdq: F8F8F0CEE0F4A84F06370A22038F63F0B36E2ED596621E1D33E6B39C4E9C9B22",
            ("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22",),
        ),
        Example("sha256 f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"),
        Example("pdq f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b2"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        if "pdq" not in scan.lower and "hash" not in scan.lower:
            return
        for m in HEX64.finditer(scan.text):
            context = scan.near(m.start(), m.end(), CONTEXT, before=40, after=20)
            if context:
                explanation = Explanation("64 hex digits", self.validator, context)
                yield self.found(scan, m.start(), m.end(), m.group(0).lower(), explanation)

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        text = raw.strip()
        if not HEX64.fullmatch(text):
            raise self.invalid(raw, "not 64 hexadecimal digits")
        return text.lower()

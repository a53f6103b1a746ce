"""MD5 digests of image files (32 hex digits), named as MD5 in the text."""

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

HEX32 = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{32}(?![0-9A-Za-z])")
CONTEXT = words("md5", "md5sum", "md5 hash")


class ImageMd5Recognizer(Recognizer):
    kind = "image_md5"
    validator = "32 hexadecimal digits named as an MD5 digest"
    gate = Gate((LONG_RUN,))
    examples = (
        Example("md5 9E107D9D372BB6826BD81D3542A419D6", ("9e107d9d372bb6826bd81d3542a419d6",)),
        Example("id 9e107d9d372bb6826bd81d3542a419d6 in the logs"),
        Example("md5 9e107d9d372bb6826bd81d3542a419d"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        if "md5" not in scan.lower:
            return
        for m in HEX32.finditer(scan.text):
            context = scan.near(m.start(), m.end(), CONTEXT, before=40, after=20)
            if context:
                explanation = Explanation("32 hex digits", self.validator, context)
                yield self.found(scan, m.start(), m.end(), m.group(0).lower(), explanation)

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        text = raw.strip()
        if not HEX32.fullmatch(text):
            raise self.invalid(raw, "not 32 hexadecimal digits")
        return text.lower()

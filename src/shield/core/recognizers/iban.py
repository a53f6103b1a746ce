"""IBANs that pass mod-97 and their country's length and structure (schwifty)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from schwifty import IBAN, registry
from schwifty.exceptions import SchwiftyException

from shield.core.recognizers.base import Example, Explanation, Found, Gate, Mark, Recognizer, Scan

CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ \-]?[A-Za-z0-9]){10,32}")
OCR_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9OoIlSB]{2}(?:[ \-]?[A-Za-z0-9]){10,32}")
SPEC_PART = re.compile(r"(\d+)!?([nac])")
TO_DIGIT = {"O": "0", "o": "0", "I": "1", "l": "1", "S": "5", "B": "8"}
TO_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B"}


@lru_cache(maxsize=128)
def layout(country: str) -> str | None:
    """One character per IBAN position: 'n' digit, 'a' letter, 'c' either; None if unknown."""
    try:
        spec = registry.get_iban_spec(country)
    except (KeyError, SchwiftyException):
        return None
    body = "".join(kind * int(count) for count, kind in SPEC_PART.findall(spec.bban_spec))
    return "aann" + body if len(body) + 4 == spec.iban_length else None


@lru_cache(maxsize=4096)
def valid(compact: str) -> bool:
    try:
        IBAN(compact, validate_bban=False)
    except (SchwiftyException, ValueError):
        return False
    return True


def _forced_fix(compact: str, shape: str) -> str | None:
    """Swap confusables only where the country's layout says the character is of the wrong
    type (a letter where a digit must be, or the reverse); None if nothing needed fixing."""
    out = []
    for seen, kind in zip(compact, shape, strict=True):
        char = seen
        if kind == "n" and not seen.isdigit():
            if seen not in TO_DIGIT:
                return None
            char = TO_DIGIT[seen]
        elif kind == "a" and not seen.isalpha():
            if seen not in TO_LETTER:
                return None
            char = TO_LETTER[seen]
        out.append(char)
    fixed = "".join(out).upper()
    return fixed if fixed != compact.upper() else None


class IbanRecognizer(Recognizer):
    kind = "iban"
    validator = "ISO 13616 mod-97 and the country's length and layout (schwifty)"
    gate = Gate(
        (Mark("0-9", r"(?<=[a-z]{2}[0-9])[0-9](?:[ \-]?[a-z0-9]){10}"),)
    )  # CANDIDATE's start
    examples = (
        Example("iban gb82 west 1234 5698 7654 32 thanks", ("GB82WEST12345698765432",)),
        Example("DE89370400440532013000.", ("DE89370400440532013000",)),
        Example("FR14 2004 1010 0505 0001 3M02 606", ("FR1420041010050500013M02606",)),
        Example("GB82WEST12345698765433 has a bad check"),
        Example("GB82 WEST 1234 5698 7654 3"),
        Example("ocr GB82 WEST 1234 5698 76S4 32", ("GB82WEST12345698765432",), ocr=True),
        Example("no ocr GB82 WEST 1234 5698 76S4 32"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        if len(scan.text) < 14 or not (scan.digits or scan.ocr):
            return
        pattern = OCR_CANDIDATE if scan.ocr else CANDIDATE
        text = scan.text
        for m in pattern.finditer(text):
            country = m.group(0)[:2].upper()
            shape = layout(country)
            if shape is None:
                continue
            positions = [i for i, c in enumerate(m.group(0)) if c.isalnum()]
            if len(positions) < len(shape):
                continue
            end = m.start() + positions[len(shape) - 1] + 1
            if end < len(text) and text[end].isalnum():
                continue
            compact = "".join(c for c in m.group(0)[: end - m.start()] if c.isalnum())
            corrected_from = None
            if not valid(compact.upper()):
                fixed = _forced_fix(compact, shape) if scan.ocr else None
                if fixed is None or not valid(fixed):
                    continue
                corrected_from, compact = compact, fixed
            explanation = Explanation("iban", self.validator, (), corrected_from)
            yield self.found(scan, m.start(), end, compact.upper(), explanation)

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        compact = "".join(c for c in raw if c.isalnum()).upper()
        if len(compact) > 40 or not valid(compact):
            raise self.invalid(raw, "fails mod-97 or its country's layout")
        return compact

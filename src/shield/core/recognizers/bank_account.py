"""UK bank details: a sort code and an eight-digit account number, said together."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shield.core.recognizers.base import (
    Example,
    Explanation,
    Found,
    Gate,
    Mark,
    Recognizer,
    Scan,
    words,
)

SORT = r"(?P<sort>\d{2}[- ]?\d{2}[- ]?\d{2})(?![\d])"
ACC = r"(?P<acc>\d{8})(?!\d)"
SORT_WORD = r"(?:sort\s?code|sortcode|sort|s/c|sc)"
ACC_WORD = r"(?:account|acct|acc|a/c)"
SORT_FIRST = re.compile(
    rf"(?<![a-z]){SORT_WORD}[^\w\n]{{0,5}}(?:is[^\w\n]{{0,3}})?{SORT}[^\d\n]{{0,40}}?{ACC}"
)
ACC_FIRST = re.compile(
    rf"(?<![a-z]){ACC_WORD}[^\d\n]{{0,25}}?{ACC}[^\d\n]{{0,40}}?{SORT_WORD}[^\w\n]{{0,5}}(?:is[^\w\n]{{0,3}})?{SORT}"
)
BARE = re.compile(rf"(?<![\d\-])(?P<sort>\d{{2}}-\d{{2}}-\d{{2}})[ ,/|]{{1,3}}{ACC}")
BANK_WORDS = words(
    "bank",
    "account",
    "acc",
    "acct",
    "a/c",
    "sort code",
    "sort",
    "transfer",
    "bacs",
    "pay",
    "send",
    "barclays",
    "lloyds",
    "hsbc",
    "natwest",
    "santander",
    "monzo",
    "starling",
    "halifax",
    "nationwide",
)
NORMAL = re.compile(r"^(\d{6})-(\d{8})$")
EIGHT_DIGITS = re.compile(r"\d{8}")


def _normal(sort: str, acc: str) -> str | None:
    digits = re.sub(r"\D", "", sort)
    if len(digits) != 6 or digits == "000000" or acc == "00000000":
        return None
    return f"{digits}-{acc}"


class BankAccountRecognizer(Recognizer):
    kind = "bank_account"
    validator = (
        "UK sort code (6 digits) with an 8-digit account number and bank words (no modulus table)"
    )
    gate = Gate((Mark(r"\d", r"\d{7}"),))  # eight digits in a row
    examples = (
        Example("sort code 12-34-56 acc 12345678", ("123456-12345678",)),
        Example("acc no: 87654321, sort code is 40 11 62", ("401162-87654321",)),
        Example("barclays 20-45-77 / 93456781 pay today", ("204577-93456781",)),
        Example("s/c 309634 account 01234567", ("309634-01234567",)),
        Example("meeting 12-05-23 12345678 attendees"),
        Example("sort it out, 12345678 people"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        lower = scan.lower
        if len(lower) < 14 or not scan.digits or EIGHT_DIGITS.search(lower) is None:
            return
        spans: list[tuple[int, int]] = []
        for pattern, name in (
            (SORT_FIRST, "sort code then account"),
            (ACC_FIRST, "account then sort code"),
        ):
            for m in pattern.finditer(lower):
                normalized = _normal(m.group("sort"), m.group("acc"))
                if normalized is None:
                    continue
                start = min(m.start("sort"), m.start("acc"))
                end = max(m.end("sort"), m.end("acc"))
                if any(s < end and start < e for s, e in spans):
                    continue
                spans.append((start, end))
                words_fired = scan.near(start, end, BANK_WORDS)
                yield self.found(
                    scan, start, end, normalized, Explanation(name, self.validator, words_fired)
                )
        for m in BARE.finditer(lower):
            context = scan.near(m.start(), m.end(), BANK_WORDS)
            normalized = _normal(m.group("sort"), m.group("acc"))
            if (
                not context
                or normalized is None
                or any(s < m.end() and m.start() < e for s, e in spans)
            ):
                continue
            yield self.found(
                scan,
                m.start(),
                m.end(),
                normalized,
                Explanation("sort code, account", self.validator, context),
            )

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        text = raw.strip()
        m = NORMAL.match(text)
        if m:
            return text
        for pattern in (SORT_FIRST, ACC_FIRST, BARE):
            found = pattern.search(text.lower())
            if found:
                normalized = _normal(found.group("sort"), found.group("acc"))
                if normalized is not None:
                    return normalized
        m2 = re.fullmatch(r"(\d{2}[- ]?\d{2}[- ]?\d{2})[\s,/|\-]{1,3}(\d{8})", text)
        normalized = _normal(m2.group(1), m2.group(2)) if m2 else None
        if normalized is None:
            raise self.invalid(raw, "not a sort code and an 8-digit account number")
        return normalized

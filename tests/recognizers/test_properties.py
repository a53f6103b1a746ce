"""Properties: normalize is idempotent for every kind; recognize never fails and stays linear on
hostile input (long runs built to make a backtracking pattern explode). No timing assertions:
the patterns are linear by construction, and these inputs would hang a test run otherwise."""

from __future__ import annotations

import hashlib
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from shield.core.checksums import base58
from shield.core.checksums.eip55 import checksummed
from shield.core.errors import InvalidIdentifier
from shield.core.recognizers import RECOGNIZERS, normalize, recognize, resolve
from shield.core.recognizers.base import Scan
from shield.core.vocabulary import IDENTIFIER_KINDS, PLATFORMS

names = st.from_regex(r"[A-Za-z][A-Za-z0-9_.]{1,14}[A-Za-z0-9]", fullmatch=True)
seeds = st.binary(min_size=1, max_size=16)


def digest(seed: bytes, n: int) -> bytes:
    return hashlib.sha256(seed).digest()[:n]


RAW = {
    "email": st.builds(
        lambda n, d: f"{n}@{d}.com", names, st.sampled_from(["GoogleMail", "Mail", "x"])
    ),
    "phone": st.builds(lambda n: f"07400 {n:06d}", st.integers(0, 999_999)),
    "handle": st.builds(lambda p, n: f"{p}:@{n}", st.sampled_from(PLATFORMS), names),
    "url": st.builds(lambda n: f"HTTPS://Example.COM/{n}/?utm_source=x&q=1", names),
    "crypto_wallet": st.one_of(
        st.builds(lambda s: base58.encode_check(b"\x00" + digest(s, 20)), seeds),
        st.builds(lambda s: checksummed("0x" + digest(s, 20).hex()), seeds),
        st.builds(lambda s: base58.encode_check(b"\x41" + digest(s, 20)), seeds),
    ),
    "bank_account": st.builds(
        lambda a, b: f"sort code {a:06d} acc {b:08d}",
        st.integers(1, 999_999),
        st.integers(1, 99_999_999),
    ),
    "iban": st.sampled_from(["gb82 west 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00"]),
    "payment_handle": st.builds(lambda n: f"${n}".replace(".", "_"), names),
    "gift_card": st.builds(lambda s: f"steam:{digest(s, 6).hex()}", seeds),
    "image_pdq": st.builds(lambda s: digest(s, 32).hex().upper(), seeds),
    "image_md5": st.builds(lambda s: digest(s, 16).hex().upper(), seeds),
}


def test_every_kind_has_a_strategy() -> None:
    assert sorted(RAW) == sorted(IDENTIFIER_KINDS) == sorted(RECOGNIZERS)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(IDENTIFIER_KINDS).flatmap(lambda k: st.tuples(st.just(k), RAW[k])))
def test_normalize_is_idempotent(kind_raw: tuple[str, str]) -> None:
    kind, raw = kind_raw
    try:
        once = normalize(kind, raw)
    except InvalidIdentifier:
        return  # e.g. a generated phone number outside the allocated ranges
    assert normalize(kind, once) == once


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(IDENTIFIER_KINDS), st.text(max_size=60))
def test_normalize_rejects_or_is_idempotent_on_any_text(kind: str, raw: str) -> None:
    try:
        once = normalize(kind, raw)
    except InvalidIdentifier:
        return
    assert normalize(kind, once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_recognize_never_fails_and_spans_are_sound(text: str, ocr: bool) -> None:
    found = recognize(text, ocr=ocr)
    for f in found:
        assert text[f.start : f.end] == f.value
        assert f.kind in IDENTIFIER_KINDS
    ends = [(f.start, f.end) for f in found]
    assert all(a[1] <= b[0] for a, b in pairwise(ends))


PIECES = [
    "a",
    "1",
    "0",
    " ",
    ".",
    "-",
    "@",
    "$",
    "£",
    "_",
    ":",
    "/",
    "snap ",
    "ig: ",
    "https://",
    "www.",
    "x.",
    "12-",
    "sort code ",
    "acc ",
    "0x",
    "bc1",
    "GB82",
    "steam ",
    "+44",
    "(",
]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.integers(500, 4000), st.booleans()
)
def test_long_adversarial_runs_finish(pattern: list[str], repeat: int, ocr: bool) -> None:
    text = "".join(pattern) * repeat
    text = text[:40_000]
    for f in recognize(text, ocr=ocr):
        assert text[f.start : f.end] == f.value


def test_huge_text_is_read_in_windows() -> None:
    filler = "lorem ipsum " * 90_000  # over a million characters
    text = filler + " snap: Jess_x92 " + filler + " 07400 123456"
    got = [(f.kind, f.normalized) for f in recognize(text)]
    assert got == [("handle", "snapchat:jess_x92"), ("phone", "+447400123456")]


def full_path(text: str) -> list[tuple[str, str, int]]:
    scan = Scan(text)
    return [
        (f.kind, f.normalized, f.start)
        for f in resolve([f for r in RECOGNIZERS.values() for f in r.find(scan)])
    ]


CHATTY = st.lists(
    st.sampled_from(
        [
            "hey",
            "snap",
            "insta",
            "@",
            "$",
            "£",
            "x",
            "07400",
            "123456",
            ".",
            "com",
            "bit.ly/a",
            "steam",
            "ABCD-EFGH-IJKL",
            "pdq",
            "md5",
            "a" * 25,
            " ",
            ":",
            "cash",
            "app",
            "9",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(CHATTY, st.text(max_size=80)))
def test_the_quiet_fast_path_hides_nothing(text: str) -> None:
    assert [(f.kind, f.normalized, f.start) for f in recognize(text)] == full_path(text)


WORDY = st.lists(
    st.sampled_from(
        [
            "snap",
            "snapchat",
            "tik",
            "tok",
            "tiktok",
            "cash",
            "app",
            "ca$h",
            "google",
            "play",
            "of",
            "x",
            "ig",
            "big",
            "_",
            "@",
            ":",
            " ",
            "  ",
            "\n",
            "2",
            "$",
            "£",
            ".",
            "steam",
            "gift",
            "card",
            "pay pal",
            "paypal",
            "wise",
            "line id",
            "psn",
        ]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(WORDY, st.text(max_size=60)))
def test_occurrences_equal_a_full_scan(text: str) -> None:
    from shield.core.recognizers import gift_card, handle, payment_handle

    scan = Scan(text)
    for module in (handle, payment_handle):
        fast = [(m.start(), m.end()) for m in scan.occurrences(module.GATE, module.KEYWORD)]
        assert fast == [(m.start(), m.end()) for m in module.KEYWORD.finditer(scan.lower)]
    fast = [(m.start(), m.end()) for m in scan.occurrences(gift_card.GATE, gift_card.BRAND)]
    assert fast == [(m.start(), m.end()) for m in gift_card.BRAND.finditer(scan.lower)]

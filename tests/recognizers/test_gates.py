"""The prefilter's promise: a text it turns away holds no identifier. Every member's gate must
hold wherever that member finds something, and ``recognize`` (prefilter first, then only the
members whose gate admits the text) must report what running every member reports."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.test_properties import CHATTY, RAW, WORDY
from shield.core.recognizers import RECOGNIZERS, recognize, resolve
from shield.core.recognizers.base import (
    CASELESS,
    LINKISH,
    LONG_RUN,
    Recognizer,
    Scan,
    lower_case,
)
from shield.core.recognizers.platforms import WEAK_WORDS
from shield.core.recognizers.registry import PREFILTER

EXAMPLES = [
    pytest.param(recognizer, example.text, id=f"{kind}-{i}")
    for kind, recognizer in RECOGNIZERS.items()
    for i, example in enumerate(recognizer.examples)
    if not example.ocr
]


def every_member(text: str) -> list[tuple[str, str, int, str]]:
    """What the members report with no prefilter and no gate: each one reads the whole text."""
    scan = Scan(text)
    found = resolve([f for r in RECOGNIZERS.values() for f in r.find(scan)])
    return [(f.kind, f.normalized, f.start, str(f.explanation)) for f in found]


def fast(text: str) -> list[tuple[str, str, int, str]]:
    return [(f.kind, f.normalized, f.start, str(f.explanation)) for f in recognize(text)]


def gates_hold(text: str) -> None:
    scan = Scan(text)
    wanted, _ = PREFILTER.wanted(scan.lower)
    for recognizer in RECOGNIZERS.values():
        if any(True for _ in recognizer.find(Scan(text))):
            assert recognizer in wanted, (recognizer.kind, text)
            assert PREFILTER.admits(scan.lower), (recognizer.kind, text)


@pytest.mark.parametrize(("recognizer", "text"), EXAMPLES)
def test_every_example_passes_its_gate(recognizer: Recognizer, text: str) -> None:
    gates_hold(text)
    assert fast(text) == every_member(text)


WEAK_NAMED = [
    *("jess_99 on of", "@ryan on x", "lola_22 (sc)", "lola_22 [ tt ]", "of: jess_99"),
    *("x is jess_99", "follow jess_99 on the tele", "add me on x @kay_1", "i got 7 out of 39"),
]


@pytest.mark.parametrize("text", WEAK_NAMED)
def test_weak_platform_words_pass_the_gate_with_a_name(text: str) -> None:
    gates_hold(text)
    assert fast(text) == every_member(text)
    assert bool(fast(text)) == ("out of" not in text)


def test_a_gate_turns_away_ordinary_chat() -> None:
    # Not a promise of the contract but the point of the prefilter: plain chat costs one pass.
    for text in ("did u finish the chem homework", "we won 3-2", "I got 7 out of 39 on the test"):
        assert not PREFILTER.admits(lower_case(text))


# Identifiers as members' tables and generators spell them, set in chat with context words.
VALUES = st.sampled_from(
    [e.text for r in RECOGNIZERS.values() for e in r.examples if e.expected and not e.ocr]
) | st.sampled_from(sorted(RAW)).flatmap(lambda kind: RAW[kind])
CONTEXT = st.sampled_from(
    """|snap|my insta is|cash app|steam card|sort code|acc|btc|pdq|md5|whatsapp|iban|paypal|
    google play|venmo|solana|call me on|order no""".replace("\n    ", "").split("|")
)
# Weak platform words ("of", "x") count only beside a strong sign or a name: mix them all.
WEAK = st.lists(
    st.sampled_from(
        """of|x|line|tele|gram|sc|tt|dc|tg|disc|hinge|line id|snap|:|=|-|@|is|its|it's|id|name|
        username|user name|handle|on|at|in|from|via|my|the|me|here|acc|(|[|]|)|➡️|
        🔥|,|.|jess_99|mike.b77|lola|_x|99| |  |
""".replace("\n        ", "").split("|")
    ),
    max_size=10,
).map("".join) | st.lists(st.sampled_from(["of", "x", ":", " ", "@jo_1", "on", "(", "is"])).map(
    " ".join
)
NAMED = st.tuples(
    st.sampled_from(["jess_99", "@ryan", "lola.b", "kay", ""]),
    st.sampled_from([" on ", " at the ", " via my ", "  in ", " from ", " (", " [ ", " ", ""]),
    st.sampled_from(sorted(WEAK_WORDS)),
    st.sampled_from([": ", " is ", " = ", " - ", " ", " @", " its ", " name ", ") ", ""]),
    st.sampled_from(["jess_99", "ryan", "k", "99", ""]),
).map("".join)
MIXED = st.lists(
    st.one_of(VALUES, CONTEXT, CHATTY, WORDY, WEAK, NAMED, st.text(max_size=20)),
    min_size=1,
    max_size=5,
).flatmap(lambda parts: st.sampled_from([" ", "\n", "", ": "]).map(lambda sep: sep.join(parts)))


@settings(max_examples=400, deadline=None)
@given(MIXED)
def test_the_prefilter_hides_nothing(text: str) -> None:
    gates_hold(text)
    assert fast(text) == every_member(text)


@settings(max_examples=200, deadline=None)
@given(MIXED.map(str.upper) | MIXED.map(lambda t: "İ" + t.title()))
def test_the_prefilter_hides_nothing_in_other_cases(text: str) -> None:
    gates_hold(text)
    assert fast(text) == every_member(text)


def test_caseless_letters_are_what_case_insensitive_patterns_read() -> None:
    # The link and address patterns read [a-z] case-insensitively; the gates read the
    # lower-cased text. Every character the first matches must, lower-cased as Scan does,
    # be one of CASELESS, or a gate would turn away a link a member finds.
    letter = re.compile("[a-z]", re.IGNORECASE)
    caseless = re.compile(f"[{CASELESS}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if letter.fullmatch(char):
            assert caseless.fullmatch(lower_case(char)), hex(code)
    assert re.search(LINKISH.pattern, "x.ıt") and re.fullmatch(LONG_RUN.pattern, "ſ" * 25)

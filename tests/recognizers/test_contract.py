"""The recognizer family's contract: the registry names every kind, and every member's own
examples (valid values, and look-alikes that must not be reported) hold."""

from __future__ import annotations

import pytest

from shield.core.errors import InvalidIdentifier
from shield.core.recognizers import RECOGNIZERS, normalize, recognize
from shield.core.recognizers.base import Example, Recognizer, Scan
from shield.core.vocabulary import IDENTIFIER_KINDS

# Kinds whose value as seen carries everything; the others need their context words (a handle's
# platform word, a gift card's brand), and normalize takes them with those words or normal form.
SELF_CONTAINED = frozenset({"email", "phone", "url", "iban", "crypto_wallet"})

CASES = [
    pytest.param(recognizer, example, id=f"{kind}-{i}")
    for kind, recognizer in RECOGNIZERS.items()
    for i, example in enumerate(recognizer.examples)
]


def test_registry_names_equal_the_contract_kinds() -> None:
    assert sorted(RECOGNIZERS) == sorted(IDENTIFIER_KINDS)


def test_every_member_has_positive_and_negative_examples() -> None:
    for kind, recognizer in RECOGNIZERS.items():
        assert any(e.expected for e in recognizer.examples), kind
        assert any(not e.expected for e in recognizer.examples), kind


@pytest.mark.parametrize(("recognizer", "example"), CASES)
def test_member_finds_exactly_its_examples(recognizer: Recognizer, example: Example) -> None:
    scan = Scan(example.text, ocr=example.ocr)
    got = sorted(f.normalized for f in recognizer.find(scan))
    assert got == sorted(example.expected)


@pytest.mark.parametrize(("recognizer", "example"), CASES)
def test_recognize_reports_each_example_once(recognizer: Recognizer, example: Example) -> None:
    found = recognize(example.text, ocr=example.ocr)
    got = sorted(f.normalized for f in found if f.kind == recognizer.kind)
    assert got == sorted(example.expected)
    for f in found:
        assert example.text[f.start : f.end] == f.value
        assert f.explanation.pattern and f.explanation.validator


@pytest.mark.parametrize(("recognizer", "example"), CASES)
def test_normalize_agrees_with_recognize(recognizer: Recognizer, example: Example) -> None:
    for f in recognizer.find(Scan(example.text, ocr=example.ocr)):
        assert normalize(recognizer.kind, f.normalized) == f.normalized
        if f.normalized.startswith("sol:"):
            continue  # a bare Solana key has no checksum: it needs its context words
        if f.explanation.corrected_from is None and recognizer.kind in SELF_CONTAINED:
            alone = normalize(recognizer.kind, f.value)
            if recognizer.kind == "crypto_wallet":  # context words may pick the network
                alone, f_address = alone.split(":", 1)[1], f.normalized.split(":", 1)[1]
                assert alone == f_address
            else:
                assert alone == f.normalized


def test_unknown_kind_and_bad_value_raise_one_error() -> None:
    with pytest.raises(InvalidIdentifier, match="unknown identifier kind"):
        normalize("fax", "123")
    with pytest.raises(InvalidIdentifier) as raised:
        normalize("iban", "GB82WEST12345698765433")
    assert raised.value.code == "invalid_identifier"
    assert "\n" not in str(raised.value)

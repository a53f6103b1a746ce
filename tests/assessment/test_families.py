"""The family contract: every family's own examples match and its counter-examples do not."""

from __future__ import annotations

import pytest

from shield.core.assessment.families import FAMILIES, find_hits
from shield.core.assessment.normal import normalize
from shield.core.vocabulary import STAGES


def test_names_are_unique_and_stages_are_the_contracts() -> None:
    names = [f.name for f in FAMILIES]
    assert len(names) == len(set(names))
    pointed = {f.stage for f in FAMILIES if f.stage}
    assert pointed == set(STAGES), "every stage has a family and no family invents a stage"


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_family_examples(family) -> None:  # type: ignore[no-untyped-def]
    assert family.examples and family.counter_examples and family.about
    for example in family.examples:
        assert family.pattern.search(normalize(example).text), example
    for example in family.counter_examples:
        assert not family.pattern.search(normalize(example).text), example


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("p4y or i s3nd the vid 2 ur fam", "threat"),
        ("I'll make u viral", "threat"),
        ("ruin ur life", "threat"),
        ("or ur mum gets the video", "threat"),
        ("ur nudes go 2 ur followers", "threat"),
        ("screenshot of ur followers list", "proof"),
        ("u have 10 mins", "deadline"),
        ("buy a £50 steam card", "payment"),
        ("i screen recorded u", "capture"),
        ("i cant go on", "distress"),
    ],
)
def test_disguised_indicators_are_found(text: str, family: str) -> None:
    assert family in {h.family for h in find_hits(normalize(text))}


def test_hits_quote_the_original_words() -> None:
    hits = find_hits(normalize("P@Y M3 N0W"))
    assert any(h.family == "payment" and h.phrase == "P@Y" for h in hits)


def test_hostile_input_is_handled() -> None:
    text = normalize("send " * 5000 + "ur " * 5000 + "a" * 50_000)
    assert isinstance(find_hits(text), list)

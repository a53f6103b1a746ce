"""No output, for any answers, ever advises paying, negotiating or deleting evidence."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidance.answers import every_answer
from shield.adapters.guidance_file import load_guidance
from shield.core.guidance import Answers, Plan, advice_lines, plan
from shield.core.unsafe_advice import unsafe_advice
from shield.core.vocabulary import STAGES
from shield.services.guidance import GuidanceService

RULES = load_guidance()
SERVICE = GuidanceService(RULES)

UNSAFE = [
    ("Pay them.", "pay"),
    ("Just pay the £200 and it will go away.", "pay"),
    ("Paying is the quickest way out.", "pay"),
    ("The best thing is to pay", "pay"),
    ("Send them the money tonight.", "pay"),
    ("Send them more photos so they calm down", "pay"),
    ("Buy the gift cards they asked for.", "pay"),
    ("transfer the money to their account", "pay"),
    ("Do what they say until it stops.", "comply"),
    ("Give in for now.", "comply"),
    ("Try to negotiate a lower amount.", "negotiate"),
    ("You could bargain with them", "negotiate"),
    ("Make a deal with them.", "negotiate"),
    ("Delete the chat.", "delete evidence"),
    ("Delete everything right away.", "delete evidence"),
    ("Wipe your messages so nobody sees them", "delete evidence"),
    ("Get rid of the screenshots.", "delete evidence"),
    ("First, erase the conversation.", "delete evidence"),
    ("Clear your chat history", "delete evidence"),
    ("Don't panic, just delete your account.", "delete evidence"),
    ("It is not your fault, but pay them.", "pay"),
    ("Don't stop paying until they go away.", "pay"),
    ("Do not wait to pay them.", "pay"),
    ("Never hesitate to negotiate.", "negotiate"),
    ("Consider paying a small amount.", "pay"),
    ("Keep paying", "pay"),
]

SAFE = [
    "Do not pay.",
    "Don't pay them.",
    "Never pay, and never negotiate.",
    "Do not pay again.",
    "If you paid before, do not pay again.",
    "Paying does not make them stop.",
    "Paying rarely helps.",
    "Stop contact without deleting anything.",
    "Deactivate rather than delete your account.",
    "Do not reply, and do not delete the chat.",
    "Do not try to negotiate or bargain with them.",
    "Be careful of anyone who asks for money to find or remove your photos.",
    "Take screenshots of their payment details.",
    "Report it to PayPal.",
    "People who paid once are often asked again and again.",
    "You did nothing wrong by paying.",
    "Keep the whole chat.",
]


@pytest.mark.parametrize(("text", "harm"), UNSAFE)
def test_the_guard_finds_advice_to_pay_negotiate_or_delete(text: str, harm: str) -> None:
    found = unsafe_advice(text)
    assert found, text
    assert found[0].harm == harm


@pytest.mark.parametrize("text", SAFE)
def test_the_guard_lets_negated_and_descriptive_sentences_through(text: str) -> None:
    assert unsafe_advice(text) == []


@functools.cache
def harms(text: str) -> tuple[str, ...]:
    """The guard's verdict on one string (the same strings recur across plans)."""
    return tuple(f"{u.harm}: {u.clause}" for u in unsafe_advice(text))


def every_string(result: Plan) -> list[str]:
    strings: list[str] = []
    for step in result.steps:
        strings += [step.text, step.why]
    for service in result.services:
        strings += [service.name, service.does, service.who, service.contact()]
    return strings + advice_lines(result, core_only=False)


def test_no_plan_for_any_combination_of_answers_advises_harm() -> None:
    checked = 0
    for answers in every_answer():
        for text in every_string(plan(RULES, answers)):
            assert harms(text) == (), (answers, text)
            checked += 1
    assert checked > 10_000


def test_no_advice_line_for_check_advises_harm() -> None:
    for answers in every_answer():
        for stages in ((), STAGES, ("threat", "payment_demand")):
            lines = SERVICE.advice(
                sextortion=answers.sextortion,
                urgent=answers.urgent,
                stages=stages,
                country=answers.country,
                age=answers.age,
            )
            assert lines
            for line in lines:
                assert harms(line) == (), (answers, stages, line)


TRI = st.sampled_from(["yes", "no", "unknown"])
ANSWERS = st.builds(
    Answers,
    age=st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
    country=st.from_regex(r"[A-Za-z]{2}", fullmatch=True),
    paid=TRI,
    shared=TRI,
    in_contact=TRI,
    urgent=st.booleans(),
    sextortion=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(ANSWERS)
def test_property_any_age_and_any_country_code_gets_safe_advice(answers: Answers) -> None:
    result = plan(RULES, answers)
    assert result.steps
    for text in every_string(result):
        assert harms(text) == ()
    if answers.urgent:
        assert result.steps[0].id == "get-help-now"
    if answers.age is not None and answers.age < 18:
        assert any("child_report" in s.roles for s in result.services)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=5000))
def test_the_guard_reads_any_text_without_failing(text: str) -> None:
    for found in unsafe_advice(text):
        assert found.clause in text

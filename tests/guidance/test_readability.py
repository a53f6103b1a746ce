"""Every piece of advice reads at about age 12: Flesch-Kincaid grade at most 7."""

from __future__ import annotations

from guidance.answers import every_answer
from guidance.readability import _EXCEPTIONS, grade, syllables
from shield.adapters.guidance_file import load_guidance
from shield.core.guidance import advice_lines, plan

RULES = load_guidance()
MAX_GRADE = 7.0

# Hand-counted syllables of everyday words, none of them in the counter's exception list.
COUNTED = {
    "pay": 1,
    "money": 2,
    "photo": 2,
    "photos": 2,
    "family": 3,
    "friends": 1,
    "trouble": 2,
    "report": 2,
    "evidence": 3,
    "danger": 2,
    "message": 2,
    "messages": 3,
    "account": 2,
    "private": 2,
    "criminal": 3,
    "seriously": 4,
    "threaten": 2,
    "threatens": 2,
    "helpline": 2,
    "teacher": 2,
    "parent": 2,
    "careful": 2,
    "remove": 2,
    "removed": 2,
    "blocked": 1,
    "expect": 2,
    "number": 2,
    "numbers": 2,
    "details": 2,
    "payment": 2,
    "followers": 3,
    "together": 3,
    "happen": 2,
    "happens": 2,
    "national": 3,
    "service": 2,
    "services": 3,
    "counsellor": 3,
    "listen": 2,
    "judge": 1,
    "experts": 2,
    "stolen": 2,
    "reply": 2,
    "today": 2,
    "simple": 2,
    "little": 2,
    "make": 1,
    "made": 1,
    "shared": 1,
    "asked": 1,
    "chat": 1,
    "safe": 1,
    "save": 1,
    "time": 1,
    "free": 1,
    "alone": 2,
    "fault": 1,
    "again": 2,
    "another": 3,
    "normal": 2,
    "ashore": 2,
    "apps": 1,
    "scam": 1,
    "stop": 1,
    "quickly": 2,
    "usually": 4,
    "everything": 3,
    "emergency": 4,
    "image": 2,
    "search": 1,
}


def test_the_syllable_counter_agrees_with_hand_counts() -> None:
    assert not set(COUNTED) & set(_EXCEPTIONS)
    wrong = {w: (syllables(w), n) for w, n in COUNTED.items() if syllables(w) != n}
    assert len(wrong) <= len(COUNTED) // 10, wrong


def test_the_grade_tells_plain_from_dense_text() -> None:
    plain = "Do not pay. Save the chat. Tell an adult you trust."
    dense = (
        "Notwithstanding considerable psychological discomfort, individuals experiencing "
        "extortionate communications should systematically document correspondence."
    )
    assert grade(plain) < 3 < MAX_GRADE < grade(dense)


def advice_strings() -> dict[str, str]:
    """Every distinct piece of advice a person can be shown, with where it comes from.

    A service's line in a plan ("Childline (under 18): call 0800 1111, or go to
    childline.org.uk.") is its name and contact, not advice: proper names such as "NCMEC
    CyberTipline" cannot be simplified, so those lines are not graded; what the service does,
    written by us, is.
    """
    names = tuple(f"{s.name}" for s in RULES.services)
    strings: dict[str, str] = {}
    for step in RULES.steps:
        strings.setdefault(step.text, f"step {step.id} text")
        strings.setdefault(step.why, f"step {step.id} why")
    for service in RULES.services:
        strings.setdefault(service.does, f"service {service.id} does")
    for answers in every_answer():
        result = plan(RULES, answers)
        for step in result.steps:
            strings.setdefault(step.text, f"step {step.id} text for {answers.country}")
            strings.setdefault(step.why, f"step {step.id} why for {answers.country}")
        for line in advice_lines(result):
            if not line.startswith(names):
                strings.setdefault(line, "advice line")
    return strings


def test_every_advice_string_reads_at_grade_7_or_below() -> None:
    strings = advice_strings()
    assert len(strings) > 80
    too_hard = {
        where: round(grade(text), 1) for text, where in strings.items() if grade(text) > MAX_GRADE
    }
    assert not too_hard, too_hard

"""Every branch of the shipped rules: who gets which step and which service."""

from __future__ import annotations

import pytest

from guidance.answers import SUPPORTED, every_answer
from shield.adapters.guidance_file import load_guidance
from shield.core.errors import BadInput
from shield.core.guidance import Answers, Plan, Rulebook, plan
from shield.services.guidance import GuidanceService

RULES: Rulebook = load_guidance()
SERVICE = GuidanceService(RULES)

# The national child-protection report line and image take-down tool of each country.
CHILD_REPORT = {
    "GB": "gb-ceop",
    "IE": "ie-hotline",
    "US": "us-ncmec-cybertipline",
    "CA": "ca-cybertip",
    "AU": "au-accce",
    "FR": "intl-ncmec-cybertipline",
}
CHILD_REMOVAL = {
    "GB": "gb-report-remove",
    "IE": "ie-hotline",
    "US": "us-take-it-down",
    "CA": "ca-needhelpnow",
    "AU": "au-esafety",
    "FR": "intl-take-it-down",
}
# Crisis lines that must come first when urgent: (number, for under-18 only?).
CRISIS = {
    "GB": {"116 123": False, "0800 1111": True},
    "IE": {"116 123": False, "1800 66 66 66": True},
    "US": {"988": False},
    "CA": {"988": False, "1-800-668-6868": True},
    "AU": {"13 11 14": False, "1800 55 1800": False},
}
EMERGENCY = {"GB": "999", "IE": "112", "US": "911", "CA": "911", "AU": "000"}

PAY_STEPS = {"yes": "do-not-pay-again", "no": "do-not-pay", "unknown": "do-not-pay-unknown"}


def ids(p: Plan) -> list[str]:
    return [s.id for s in p.steps]


def service_ids(p: Plan) -> set[str]:
    return {s.id for s in p.services}


def country_key(code: str) -> str:
    code = {"uk": "GB", "gb": "GB"}.get(code, code)
    return code if code in SUPPORTED else "FR"


ALL = list(every_answer())


def test_the_shipped_file_covers_the_five_countries_and_everywhere_else() -> None:
    assert {"GB", "IE", "US", "CA", "AU", "INTL"} <= set(RULES.countries)
    assert RULES.problems() == []


def test_an_under_18_always_gets_the_child_report_line_and_a_trusted_adult() -> None:
    young = [a for a in ALL if a.band == "under-18"]
    assert len(young) > 800
    for answers in young:
        check_under_18(answers)


def check_under_18(answers: Answers) -> None:
    result = plan(RULES, answers)
    key = country_key(answers.country)
    assert CHILD_REPORT[key] in service_ids(result)
    texts = " ".join(s.text for s in result.steps).lower()
    assert "adult you trust" in texts
    if answers.sextortion:
        assert "tell-trusted-adult" in ids(result)
        assert CHILD_REMOVAL[key] in service_ids(result)
    # nothing meant only for adults
    assert all(s.ages != "adult" for s in result.services)


def test_an_adult_gets_no_under_18_only_service() -> None:
    for answers in (a for a in ALL if a.band == "adult"):
        result = plan(RULES, answers)
        assert all(s.ages != "under-18" for s in result.services), answers
        assert "tell-trusted-adult" not in ids(result)


def test_an_adult_in_the_uk_gets_the_revenge_porn_helpline_and_stopncii() -> None:
    result = plan(RULES, Answers(age=24, country="GB"))
    assert {"gb-revenge-porn-helpline", "gb-stopncii", "gb-police"} <= service_ids(result)
    assert "gb-ceop" not in service_ids(result)


def test_an_unknown_age_gets_both_and_is_told_about_a_trusted_adult_if_young() -> None:
    result = plan(RULES, Answers(age=None, country="GB"))
    assert {"gb-ceop", "gb-report-remove", "gb-revenge-porn-helpline"} <= service_ids(result)
    assert "tell-trusted-adult-if-young" in ids(result)
    labelled = [s for s in result.services if s.ages != "any"]
    assert labelled and all(s.who for s in labelled)


def test_urgent_always_puts_crisis_lines_first() -> None:
    urgent = [a for a in ALL if a.urgent]
    assert len(urgent) > 1000
    for answers in urgent:
        check_urgent(answers)


def check_urgent(answers: Answers) -> None:
    result = plan(RULES, answers)
    first = result.steps[0]
    assert first.id == "get-help-now"
    assert first.services and all("crisis" in s.roles for s in first.services)
    # the plan's service list starts with the crisis lines too
    assert result.services[: len(first.services)] == first.services
    key = country_key(answers.country)
    if key in EMERGENCY:
        assert EMERGENCY[key] in first.text
        numbers = {s.phone for s in first.services}
        for number, young_only in CRISIS[key].items():
            if not young_only or answers.band != "adult":
                assert number in numbers, (number, numbers)
    else:
        assert "local emergency number" in first.text
    lines = SERVICE.advice(
        sextortion=answers.sextortion,
        urgent=True,
        stages=[],
        country=answers.country,
        age=answers.age,
    )
    assert lines[0] == first.text
    crisis_lines = lines[1 : 1 + len(first.services)]
    assert len(crisis_lines) == len(first.services)
    for line, service in zip(crisis_lines, first.services, strict=True):
        assert line.startswith(service.name)
        assert service.contact() in line


def test_without_urgency_there_is_no_crisis_step_but_someone_to_talk_to() -> None:
    result = plan(RULES, Answers(age=15, country="GB"))
    assert "get-help-now" not in ids(result)
    talk = next(s for s in result.steps if s.id == "talk-to-someone")
    assert "gb-childline" in {s.id for s in talk.services}


@pytest.mark.parametrize("paid", ["yes", "no", "unknown"])
def test_exactly_one_do_not_pay_step_fits_what_was_paid(paid: str) -> None:
    result = plan(RULES, Answers(age=16, paid=paid))
    assert [i for i in ids(result) if i.startswith("do-not-pay")] == [PAY_STEPS[paid]]
    if paid == "yes":
        step = next(s for s in result.steps if s.id == "do-not-pay-again")
        assert "ask for more" in step.text


@pytest.mark.parametrize(
    ("shared", "step"),
    [("yes", "prepare-people-shared"), ("no", "prepare-people"), ("unknown", "prepare-people")],
)
def test_friends_and_family_are_prepared_whether_or_not_it_was_shared(
    shared: str, step: str
) -> None:
    assert step in ids(plan(RULES, Answers(age=30, shared=shared)))


@pytest.mark.parametrize(
    ("in_contact", "step"),
    [("yes", "stop-contact"), ("unknown", "stop-contact"), ("no", "stay-out-of-contact")],
)
def test_contact_steps(in_contact: str, step: str) -> None:
    result = plan(RULES, Answers(in_contact=in_contact))
    assert step in ids(result)


def test_evidence_is_saved_before_blocking_and_accounts_are_deactivated_not_deleted() -> None:
    order = ids(plan(RULES, Answers(age=16, in_contact="yes")))
    assert order.index("save-evidence") < order.index("stop-contact")
    assert {"deactivate-not-delete", "lock-down", "check-photo", "beware-recovery"} <= set(order)
    assert order[0] == "not-alone"


def test_a_country_without_its_own_list_says_so_and_gets_services_that_work_anywhere() -> None:
    result = plan(RULES, Answers(age=16, country="fr"))
    assert not result.supported
    assert ids(result)[0] == "no-local-list"
    assert all(s.country == "INTL" for s in result.services)


def test_not_sextortion_is_short_and_calm() -> None:
    for answers in (Answers(sextortion=False), Answers(age=40, sextortion=False)):
        result = plan(RULES, answers)
        assert ids(result)[0] == "general-calm"
        assert len(result.steps) <= 3
        assert all(s.id.startswith("general-") for s in result.steps)


def test_every_step_and_every_service_is_reached_by_some_answers() -> None:
    steps: set[str] = set()
    services: set[str] = set()
    for answers in ALL:
        result = plan(RULES, answers)
        steps |= set(ids(result))
        services |= service_ids(result)
    assert steps == {s.id for s in RULES.steps}
    assert services == {s.id for s in RULES.services}


def test_advice_for_check_is_the_core_steps_only() -> None:
    lines = SERVICE.advice(sextortion=True, urgent=False, stages=["threat"], age=15)
    assert lines[0] == "You are not alone, and this is not your fault."
    joined = "\n".join(lines)
    assert "CEOP" in joined
    assert "Do not pay" in joined
    assert "Make your accounts private" not in joined  # in the full plan, not the short one
    calm = SERVICE.advice(sextortion=False, urgent=False, stages=[], country="US", age=30)
    assert calm[0].startswith("This does not look like blackmail")
    assert len(calm) <= 4


@pytest.mark.parametrize(
    "kwargs",
    [{"age": -1}, {"age": 121}, {"paid": "maybe"}, {"shared": "Yes"}, {"in_contact": ""}],
)
def test_answers_out_of_range_are_bad_input(kwargs: dict[str, object]) -> None:
    with pytest.raises(BadInput):
        Answers(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("country", ["X", "GBR", "1A", "", "ÉÉ"])
def test_a_country_that_is_not_a_code_is_bad_input(country: str) -> None:
    with pytest.raises(BadInput, match="two-letter"):
        plan(RULES, Answers(country=country))


def test_services_lists_a_countrys_catalogue() -> None:
    assert {s.id for s in SERVICE.services("uk")} >= {"gb-childline", "gb-ceop"}
    assert all(s.country == "INTL" for s in SERVICE.services("DE"))

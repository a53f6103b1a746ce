"""The guidance file is checked at start: a broken copy is one line naming the file and why."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

import shield
from shield.adapters.guidance_file import default_guidance_path, load_guidance, parse_guidance
from shield.bootstrap import build_guidance
from shield.core.errors import InvalidGuidance
from shield.core.guidance import Answers
from shield.settings import Settings

SHIPPED = default_guidance_path()


def shipped() -> dict:  # type: ignore[type-arg]
    document = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "guidance.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def problem(tmp_path: Path, document: object) -> str:
    path = write(tmp_path, document)
    with pytest.raises(InvalidGuidance) as caught:
        load_guidance(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert caught.value.code == "invalid_guidance"
    return message


def test_the_default_file_ships_inside_the_package() -> None:
    assert SHIPPED.is_file()
    assert SHIPPED.resolve().is_relative_to(Path(shield.__file__).resolve().parent)
    assert load_guidance().steps


def test_a_helpline_copy_set_in_settings_is_used(tmp_path: Path) -> None:
    document = shipped()
    for service in document["services"]:
        if service["id"] == "gb-samaritans":
            service["phone"] = "116 999"
    path = write(tmp_path, document)
    service = build_guidance(Settings(guidance_file=path, _env_file=None))  # type: ignore[call-arg]
    result = service.plan(Answers(age=30, urgent=True))
    assert "116 999" in {s.phone for s in result.steps[0].services}


def test_a_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(InvalidGuidance, match="no such file") as caught:
        load_guidance(tmp_path / "nope.yaml")
    assert str(tmp_path / "nope.yaml") in str(caught.value)


def test_a_folder_or_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidGuidance, match="folder"):
        load_guidance(tmp_path)
    binary = tmp_path / "g.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InvalidGuidance, match="UTF-8"):
        load_guidance(binary)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("version: 1\ncountries: [\n  GB: {name: x\n", encoding="utf-8")
    with pytest.raises(InvalidGuidance, match=r"line \d+"):
        load_guidance(path)


def test_not_a_mapping(tmp_path: Path) -> None:
    assert "mapping" in problem(tmp_path, ["a", "b"])


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    document = shipped()
    del document["services"][0]["checked"]
    assert "services.0.checked: Field required" in problem(tmp_path, document)


def test_an_unknown_field_is_refused(tmp_path: Path) -> None:
    document = shipped()
    document["steps"][1]["txt"] = "typo"
    assert "steps.1.txt" in problem(tmp_path, document)


def test_an_unknown_role_or_age_band_is_refused(tmp_path: Path) -> None:
    document = shipped()
    document["services"][0]["roles"] = ["crisis", "helpdesk"]
    assert "services.0.roles.1" in problem(tmp_path, document)
    document = shipped()
    document["services"][0]["ages"] = "teen"
    assert "services.0.ages" in problem(tmp_path, document)


def test_a_bad_date_is_refused(tmp_path: Path) -> None:
    document = shipped()
    document["services"][2]["checked"] = "last week"
    assert "services.2.checked" in problem(tmp_path, document)


@pytest.mark.parametrize(
    ("text", "harm"),
    [
        ("Pay them what they ask.", "pay"),
        ("Try to negotiate a smaller amount.", "negotiate"),
        ("Delete the chat so nobody sees it.", "delete evidence"),
    ],
)
def test_a_step_that_advises_harm_is_refused(tmp_path: Path, text: str, harm: str) -> None:
    document = shipped()
    document["steps"][3]["why"] = text
    message = problem(tmp_path, document)
    assert f"advice to {harm}" in message
    assert document["steps"][3]["id"] in message


def test_a_country_without_a_child_report_line_is_refused(tmp_path: Path) -> None:
    document = shipped()
    document["services"] = [s for s in document["services"] if s["id"] != "gb-ceop"]
    assert "country GB: no child_report service for under-18" in problem(tmp_path, document)


def test_a_country_without_crisis_lines_is_refused(tmp_path: Path) -> None:
    document = shipped()
    document["services"] = [s for s in document["services"] if "crisis" not in s["roles"]]
    assert "no crisis service" in problem(tmp_path, document)


def test_the_urgent_step_must_come_first(tmp_path: Path) -> None:
    document = shipped()
    document["steps"].append(document["steps"].pop(0))
    assert "first step must be the urgent crisis step" in problem(tmp_path, document)


def test_unknown_placeholders_and_duplicate_ids_are_refused(tmp_path: Path) -> None:
    document = shipped()
    document["steps"][2]["text"] = "Call {emergencey} now."
    assert "unknown placeholder {emergencey}" in problem(tmp_path, document)
    document = shipped()
    document["steps"].append(copy.deepcopy(document["steps"][2]))
    assert "defined twice" in problem(tmp_path, document)


def test_a_service_nobody_can_reach_is_refused(tmp_path: Path) -> None:
    document = shipped()
    for key in ("phone", "sms", "url"):
        document["services"][0].pop(key, None)
    assert "no phone, text number or url" in problem(tmp_path, document)


def test_bare_yes_and_no_are_read_as_answers() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    assert "paid: [no]" in text  # YAML reads this as false; the loader takes it back
    rules = parse_guidance(text, path="inline")
    step = next(s for s in rules.steps if s.id == "do-not-pay")
    assert step.when.paid == frozenset({"no"})


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 2_000_001)
    with pytest.raises(InvalidGuidance, match="at most"):
        load_guidance(path)


def test_aliases_and_deep_nesting_are_refused(tmp_path: Path) -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    path = tmp_path / "laughs.yaml"
    path.write_text(laughs, encoding="utf-8")
    with pytest.raises(InvalidGuidance, match="aliases"):
        load_guidance(path)
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InvalidGuidance):
        load_guidance(deep)

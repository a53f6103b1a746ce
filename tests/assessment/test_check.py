from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from shield.cli.main import cli, main
from shield.core.assessment.pasted import split_pasted
from shield.services.fallback_advice import FallbackAdvisor

CONTRACT = {"sextortion", "risk", "stages", "identifiers", "amounts", "advice"}


def run(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, input=stdin)
    return result.exit_code, result.output


def test_check_json_has_the_contract_fields() -> None:
    code, out = run(["check", "p4y £200 or i s3nd ur n00dz 2 ur fam", "--json"])
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= CONTRACT
    assert doc["sextortion"] is True and 0.5 <= doc["risk"] <= 1
    assert "threat" in doc["stages"] and "payment_demand" in doc["stages"]
    assert doc["explanation"] and doc["advice"]
    assert doc["model"].startswith("shield-assessment-")
    assert doc["sextortion"] == (doc["risk"] >= doc["threshold"])


def test_check_reads_a_pasted_conversation_from_stdin() -> None:
    chat = (
        "[21:03] Mia: hey cutie 😘\n"
        "[21:04] Sam: hi\n"
        "[21:10] Mia: i recorded u lol. £100 or ur followers see it\n"
        "[21:11] Sam: please dont, i want to die\n"
    )
    code, out = run(["check", "-", "--json"], stdin=chat)
    assert code == 0
    doc = json.loads(out)
    assert doc["sextortion"] and doc["urgent"]
    assert [m["role"] for m in doc["messages"]] == ["suspect", "victim", "suspect", "victim"]
    assert doc["advice"][0].startswith("If you are thinking about hurting yourself")


def test_check_human_output() -> None:
    code, out = run(["check", "see you at the cinema at 8"])
    assert code == 0
    assert "does not look like sextortion" in out


def test_empty_input_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "   "]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no text" in err


def test_pasted_lines() -> None:
    lines = split_pasted("14/02/2024, 21:03 - Jess: pay now\n14/02/2024, 21:04 - Tom: no\nmore")
    assert lines is not None
    assert [(x.sender, x.text) for x in lines] == [("Jess", "pay now"), ("Tom", "no\nmore")]
    assert split_pasted("just one message: with a colon") is None
    assert split_pasted("see https://example.com\nand more") is None


NEVER = re.compile(r"\b(you should pay|pay them|pay the|negotiat\w*|delete (the|your|all))\b", re.I)


@given(st.booleans(), st.booleans(), st.lists(st.sampled_from(["threat", "approach"])))
@settings(max_examples=50)
def test_fallback_advice_never_says_pay_or_delete(
    sextortion: bool, urgent: bool, stages: list[str]
) -> None:
    lines = FallbackAdvisor().advice(sextortion=sextortion, urgent=urgent, stages=stages)
    assert lines
    assert not any(NEVER.search(line) for line in lines)
    if urgent:
        assert "999" in lines[0]


def test_hostile_input_is_answered() -> None:
    from shield.bootstrap import build_checker

    checker = build_checker()
    for text in ("i will " * 28_000, "A: pay or i send\nB: no\n" * 8_000, "😈" * 150_000):
        result = checker.check(text)
        assert 0.0 <= result.risk <= 1.0


def test_chat_export_seam() -> None:
    from shield.bootstrap import build_checker
    from shield.core.conversation import ChatMessage

    messages = [
        ChatMessage(0, "Jess", "hey cutie, add me on snap"),
        ChatMessage(1, "Tom", "ok"),
        ChatMessage(2, "Jess", "", kind="media", attachments=("photo.jpg",)),
        ChatMessage(3, "Jess", "i saved ur pics. pay £100 or ur fam sees them"),
    ]
    result = build_checker().chat(messages, {"Jess": "suspect", "Tom": "victim"})
    assert result.sextortion
    assert len(result.messages) == 4
    assert result.messages[1].stages == () and result.messages[2].stages == ()
    assert {"threat", "payment_demand"} <= set(result.messages[3].stages)

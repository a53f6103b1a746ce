from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from shield.cli.main import cli, main
from shield.core.assessment.pasted import split_pasted

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
    # urgent: crisis support comes first
    assert "999" in doc["advice"][0] and "Samaritans" in " ".join(doc["advice"][:4])


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


def test_check_reports_identifiers_and_amounts_from_the_recognizers() -> None:
    code, out = run(
        ["check", "send £250 to $JessX92 or ur fam sees it. add me on snap: jess_x92", "--json"]
    )
    assert code == 0
    doc = json.loads(out)
    found = {(i["kind"], i["normalized"]) for i in doc["identifiers"]}
    assert ("payment_handle", "cashapp:jessx92") in found
    assert ("handle", "snapchat:jess_x92") in found
    assert {"amount": 250.0, "currency": "GBP"} in doc["amounts"]


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

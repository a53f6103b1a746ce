"""`shield extract`: every chat source becomes the structure of CONTRACTS.md section 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from shield.bootstrap import build_extractor
from shield.cli.main import cli, main
from shield.core.extraction import Extraction
from shield.schemas import ExtractOut
from shield.services.extract import ExtractService

DATA = Path(__file__).parent / "data"
EXAMPLES = sorted(p for p in (DATA / "exports").glob("*/*") if p.is_dir())


@pytest.fixture(scope="module")
def extractor() -> ExtractService:
    return build_extractor()


def check_invariants(x: Extraction) -> None:
    keys = [(i.kind, i.normalized) for i in x.identifiers]
    assert len(keys) == len(set(keys)), "each (kind, normalized) appears once"
    positions = {(m.source, m.index) for m in x.messages}
    for i in x.identifiers:
        assert i.message is None or i.message in positions
        assert i.role in ("victim", "suspect", "unknown")
    for a in x.amounts:
        assert a.message in positions and len(a.currency) == 3
    for number, source in enumerate(x.sources):
        assert source.messages == sum(1 for m in x.messages if m.source == number)
        assert len(source.sha256) == 64
    roles = {p.role for p in x.participants}
    assert roles <= {"victim", "suspect", "unknown"}
    assert 0.0 <= x.assessment.risk <= 1.0


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{p.parent.name}/{p.name}" for p in EXAMPLES])
def test_every_parser_example_extracts(extractor: ExtractService, example: Path) -> None:
    result = extractor.extract([example])
    check_invariants(result)
    assert {s.format for s in result.sources} == {example.parent.name}
    ExtractOut.of(result)  # renders to the public shape


def test_a_labelled_sextortion_chat(extractor: ExtractService) -> None:
    folder = DATA / "extract" / "whatsapp_sextortion"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    result = extractor.extract([folder])
    check_invariants(result)
    assert {p.name: p.role for p in result.participants} == expected["participants"]
    found = {f"{i.kind} {i.normalized}": i.role for i in result.identifiers}
    assert found == expected["identifiers"]
    assert [[a.amount, a.currency] for a in result.amounts] == expected["amounts"]
    assert result.assessment.sextortion is expected["sextortion"]
    assert set(expected["stages_include"]) <= set(result.assessment.stages)
    # the victim's own messages carry no offender stages
    assert all(not m.stages for m in result.messages if m.sender == "Sam")
    assert result.versions["assessment"].startswith("shield-assessment-")


def test_victim_named_explicitly_and_unknown_victim(extractor: ExtractService) -> None:
    folder = DATA / "extract" / "whatsapp_sextortion"
    assert {p.name: p.role for p in extractor.extract([folder], victim="sam").participants}[
        "Sam"
    ] == "victim"
    code = main(["extract", str(folder), "--victim", "Nobody"])
    assert code == 2


def test_cli_json_is_the_contract_shape() -> None:
    folder = DATA / "extract" / "whatsapp_sextortion"
    result = CliRunner().invoke(cli, ["extract", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) >= {
        "sources",
        "participants",
        "messages",
        "identifiers",
        "amounts",
        "assessment",
    }
    assert set(doc["sources"][0]) >= {"path", "format", "sha256", "messages"}
    assert set(doc["messages"][0]) >= {"source", "index", "ts", "sender", "text", "stages"}
    assert doc["messages"][1]["ts"] == "2024-02-14T21:01:00Z"
    ident = doc["identifiers"][0]
    assert set(ident) >= {"kind", "value", "normalized", "platform", "role", "message"}
    assert ident["message"] == [0, 3]
    assert set(doc["assessment"]) >= {"sextortion", "risk", "stages"}


def test_screenshots_are_read_with_ocr(extractor: ExtractService) -> None:
    folder = DATA / "screenshots" / "whatsapp_light_zoe"
    result = extractor.extract([folder])
    check_invariants(result)
    assert [s.format for s in result.sources] == ["screenshot"]
    roles = {p.name: p.role for p in result.participants}
    assert roles["Me"] == "victim"  # the right-hand bubbles are the phone's owner
    assert set(roles) == {"Zoe", "Me"}
    texts = [m.text for m in result.messages]
    assert "send 0.01 btc to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa" in texts
    found = {(i.kind, i.normalized) for i in result.identifiers}
    assert ("crypto_wallet", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa") in found


def test_nothing_readable_is_a_one_line_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.bin"
    junk.write_bytes(b"\x00\x01\x02 not a chat")
    assert main(["extract", str(junk)]) == 2
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2

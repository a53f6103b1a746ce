"""`shield pack` through the command line: without extraction it says so; with an extractor
wired it packs files and vault items, logging custody; --about details reach the report."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from pack_support import TranscriptExtractor, screenshot
from shield.bootstrap import Shield, build
from shield.cli.main import cli
from shield.services.pack import verify_pack
from support import SteppingClock, make_settings, run_cli


@pytest.fixture
def wired(tmp_path: Path) -> Iterator[Shield]:
    app = build(make_settings(tmp_path), clock=SteppingClock(), extractor=TranscriptExtractor())
    yield app
    app.close()


def given(tmp_path: Path) -> Path:
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / "chat.txt").write_text(
        "Jess: hi, mail me at Jess.Pay@Example.org\nSam: who is this\nJess: pay or else\n",
        encoding="utf-8",
    )
    screenshot(folder / "shot.png", "Jess: pay now")
    return folder


def invoke(app: Shield, args: list[str]) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(cli, args, obj={"shield": app}, catch_exceptions=True)
    error = str(result.exception) if result.exception and result.exit_code else ""
    return result.exit_code, result.stdout, error


def test_packing_real_exports_and_screenshots_agrees_with_extract(tmp_path: Path) -> None:
    """Issue 6's acceptance on the real extractor: the PDF holds every suspect identifier and
    amount, and the spreadsheets say what `shield extract --json` says."""
    data = Path(__file__).parent / "data"
    inputs = [
        str(data / "extract" / "whatsapp_sextortion"),
        str(data / "exports" / "snapchat" / "new_layout"),
        str(data / "screenshots" / "whatsapp_light_zoe"),
    ]
    extracted = run_cli(["extract", *inputs, "--json"], tmp_path / "data")
    assert extracted.returncode == 0, extracted.stderr
    doc = json.loads(extracted.stdout)
    out = tmp_path / "pack.zip"
    packed = run_cli(["pack", *inputs, "--out", str(out)], tmp_path / "data")
    assert packed.returncode == 0, packed.stderr
    assert verify_pack(out).ok
    with zipfile.ZipFile(out) as z:
        text = "".join(
            (page.extract_text() or "")
            for page in PdfReader(io.BytesIO(z.read("report.pdf"))).pages
        )
        flat = "".join(text.split())
        suspects = [i for i in doc["identifiers"] if i["role"] == "suspect"]
        assert suspects
        for ident in suspects:
            assert "".join(ident["normalized"].split()) in flat, ident
        for amount in doc["amounts"]:
            assert f"{amount['amount']:,.2f}" in text or f"{amount['amount']:.2f}" in text, amount

        def table(name: str) -> list[dict[str, str]]:
            return list(csv.DictReader(io.StringIO(z.read(name).decode("utf-8-sig"))))

        rows = table("identifiers.csv")
        timeline, amounts = table("timeline.csv"), table("amounts.csv")

    # cells that a spreadsheet would run as a formula (= + - @) carry a leading quote
    def cell(value: str) -> str:
        return value[1:] if value[:2] in {"'=", "'+", "'-", "'@"} else value

    assert {(r["kind"], cell(r["normalized"])) for r in rows} == {
        (i["kind"], i["normalized"]) for i in doc["identifiers"]
    }
    assert [(int(r["source"]), int(r["index"]), r["stages"]) for r in timeline] == [
        (m["source"], m["index"], ";".join(m["stages"])) for m in doc["messages"]
    ]
    assert [
        (float(r["amount"]), r["currency"], int(r["source"]), int(r["index"])) for r in amounts
    ] == [(a["amount"], a["currency"], *a["message"]) for a in doc["amounts"]]


def test_pack_files_with_about_and_json(wired: Shield, tmp_path: Path) -> None:
    folder = given(tmp_path)
    about = tmp_path / "about.yaml"
    about.write_text(
        "alias: sam_e\nage_band: 16-17\npolice_area: Thames Valley\n"
        "references:\n  - value: TVP-24-0001\n    issuer: Thames Valley Police\n",
        encoding="utf-8",
    )
    out = tmp_path / "pack.zip"
    code, stdout, error = invoke(
        wired,
        [
            "pack",
            str(folder),
            "--out",
            str(out),
            "--victim",
            "Sam",
            "--about",
            str(about),
            "--json",
        ],
    )
    assert code == 0, error
    doc = json.loads(stdout)
    names = {f["name"] for f in doc["files"]}
    assert {"evidence/given/chat.txt", "evidence/given/shot.png", "report.pdf"} <= names
    assert verify_pack(out).ok
    [(paths, victim, region)] = wired.packs.extractor.calls  # type: ignore[union-attr]
    assert victim == "Sam" and region == "GB" and paths == [folder]
    with zipfile.ZipFile(out) as z:
        text = "\n".join(
            p.extract_text() for p in PdfReader(io.BytesIO(z.read("report.pdf"))).pages
        )
    for expected in ("sam_e", "16-17", "Thames Valley", "TVP-24-0001", "Jess.Pay@Example.org"):
        assert expected in text


def test_no_media_and_human_output(wired: Shield, tmp_path: Path) -> None:
    folder = given(tmp_path)
    out = tmp_path / "pack.zip"
    code, stdout, error = invoke(wired, ["pack", str(folder), "--out", str(out), "--no-media"])
    assert code == 0, error
    assert "left out (left out with --no-media): given/shot.png" in stdout
    assert "manifest.json SHA-256" in stdout
    with zipfile.ZipFile(out) as z:
        assert not any(n.endswith(".png") for n in z.namelist())


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("nickname: x\n", "unknown field"),
        ("- a list\n", "must be a mapping"),
        ("age_band: twelve\n", "age_band must be one of"),
        ("name: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_about_files_are_refused(
    wired: Shield, tmp_path: Path, content: str, problem: str
) -> None:
    about = tmp_path / "about.yaml"
    about.write_text(content, encoding="utf-8")
    out = tmp_path / "pack.zip"
    code, _, error = invoke(
        wired, ["pack", str(given(tmp_path)), "--out", str(out), "--about", str(about)]
    )
    assert code != 0
    assert problem in error and str(about) in error
    assert not out.exists()


def test_pack_from_the_vault_carries_custody_and_logs_the_export(
    wired: Shield, tmp_path: Path
) -> None:
    folder = given(tmp_path)
    added = wired.vault.add([folder], actor="officer")
    ids = [a.item.id for a in added]
    out = tmp_path / "pack.zip"
    code, stdout, error = invoke(wired, ["pack", "--from-vault", *ids, "--out", str(out), "--json"])
    assert code == 0, error
    result = json.loads(stdout)
    assert verify_pack(out).ok
    with zipfile.ZipFile(out) as z:
        lines = z.read("custody.jsonl").decode().splitlines()
        manifest = json.loads(z.read("manifest.json"))
    events = [json.loads(line) for line in lines]
    assert {e["item"] for e in events} == set(ids)
    actions = [(e["action"], e["item"]) for e in events]
    for item in ids:
        assert ("received", item) in actions and ("viewed", item) in actions
    assert {f.get("vault_item") for f in manifest["files"] if "vault_item" in f} == set(ids)
    assert manifest["custody_head"] == events[-1]["hash"]
    after = wired.vault.evidence.events()
    exported = [e for e in after if e.action == "exported"]
    assert {e.item for e in exported} == set(ids)
    assert all(e.details["pack_manifest_sha256"] == result["manifest_sha256"] for e in exported)
    assert wired.vault.verify(actor="checker").ok


def test_unknown_vault_items_are_refused(wired: Shield, tmp_path: Path) -> None:
    out = tmp_path / "pack.zip"
    code, _, error = invoke(wired, ["pack", "--from-vault", "feedfacefeedface", "--out", str(out)])
    assert code != 0 and "no evidence item" in error
    assert not out.exists()

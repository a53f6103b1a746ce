"""The evidence pack's contents: originals byte for byte, manifest, SHA256SUMS, spreadsheets,
safe names, reproducible bytes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pack_support import HOSTILE, evidence_files, request
from shield import __version__
from shield.adapters.pdf import ReportLabRenderer
from shield.core.about import About, Reference
from shield.core.errors import BadInput, FileChanged
from shield.services.pack import PackService
from shield.services.pack.archive import is_safe_member, safe_names
from shield.services.pack.sheets import neutralise
from support import SteppingClock

GENERATED = {
    "SHA256SUMS",
    "manifest.json",
    "report.pdf",
    "identifiers.csv",
    "timeline.csv",
    "amounts.csv",
    "case.jsonld",
}


def packer() -> PackService:
    return PackService(ReportLabRenderer(), SteppingClock(), version=__version__)


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    return evidence_files(tmp_path / "given")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_pack_holds_originals_byte_for_byte_and_lists_every_file(
    tmp_path: Path, files: list[Path]
) -> None:
    result = packer().build(request(files), tmp_path / "pack.zip")
    content = members(result.path)
    assert set(content) >= GENERATED
    evidence = {n: b for n, b in content.items() if n.startswith("evidence/")}
    assert sorted(evidence.values()) == sorted(p.read_bytes() for p in files)
    manifest = json.loads(content["manifest.json"])
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(listed) == set(content) - {"manifest.json", "SHA256SUMS"}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(content[name]).hexdigest()
        assert entry["size"] == len(content[name])
    assert manifest["created"] == result.created.isoformat()
    assert manifest["versions"]["recognizers"] == "2024.03-1"
    sums = dict(
        reversed(line.split("  ", 1)) for line in content["SHA256SUMS"].decode().splitlines()
    )
    assert set(sums) == set(content) - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256(content[name]).hexdigest() == digest
    assert result.manifest_sha256 == hashlib.sha256(content["manifest.json"]).hexdigest()
    originals = {f["original_name"] for f in manifest["files"] if "original_name" in f}
    assert originals == {p.name for p in files}


def test_sha256sum_checks_an_unpacked_pack(tmp_path: Path, files: list[Path]) -> None:
    if subprocess.run(["which", "sha256sum"], capture_output=True, check=False).returncode:
        pytest.skip("sha256sum is not installed")
    result = packer().build(request(files), tmp_path / "pack.zip")
    out = tmp_path / "unpacked"
    with zipfile.ZipFile(result.path) as z:
        z.extractall(out)
    done = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(members(result.path)) - 1


def test_same_inputs_and_clock_give_the_same_bytes(tmp_path: Path, files: list[Path]) -> None:
    first = packer().build(request(files), tmp_path / "one.zip")
    second = packer().build(request(files), tmp_path / "two.zip")
    assert first.path.read_bytes() == second.path.read_bytes()
    later = PackService(
        ReportLabRenderer(), SteppingClock(first.created.replace(year=2025)), version=__version__
    ).build(request(files), tmp_path / "three.zip")
    assert later.path.read_bytes() != first.path.read_bytes()


def test_the_same_pack_from_another_process_is_byte_identical(
    tmp_path: Path, files: list[Path]
) -> None:
    here = packer().build(request(files), tmp_path / "here.zip")
    script = (
        "import sys; sys.path[:0] = [sys.argv[1]]\n"
        "from pathlib import Path\n"
        "from pack_support import request\n"
        "from test_pack import packer\n"
        "files = [Path(p) for p in sys.argv[3:]]\n"
        "packer().build(request(files), Path(sys.argv[2]))\n"
    )
    there = tmp_path / "there.zip"
    tests = str(Path(__file__).parent)
    subprocess.run(
        [sys.executable, "-c", script, tests, str(there), *map(str, files)],
        check=True,
        timeout=300,
    )
    assert there.read_bytes() == here.path.read_bytes()


def test_zip_entries_are_sorted_with_one_timestamp(tmp_path: Path, files: list[Path]) -> None:
    result = packer().build(request(files), tmp_path / "pack.zip")
    with zipfile.ZipFile(result.path) as z:
        infos = z.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2024, 3, 1, 12, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_no_media_leaves_images_out_but_keeps_their_hashes(
    tmp_path: Path, files: list[Path]
) -> None:
    result = packer().build(request(files, no_media=True), tmp_path / "pack.zip")
    content = members(result.path)
    assert not any(n.endswith(".png") for n in content)
    assert any(n.endswith(".txt") for n in content)
    manifest = json.loads(content["manifest.json"])
    [omitted] = manifest["omitted"]
    assert omitted["original_name"] == files[1].name
    assert omitted["sha256"] == hashlib.sha256(files[1].read_bytes()).hexdigest()


def test_a_file_that_changes_after_it_was_hashed_is_refused(
    tmp_path: Path, files: list[Path]
) -> None:
    req = request(files)
    files[0].write_text("something else entirely", encoding="utf-8")
    with pytest.raises(FileChanged):
        packer().build(req, tmp_path / "pack.zip")
    assert not (tmp_path / "pack.zip").exists()
    assert not list(tmp_path.glob(".*.partial"))


def test_an_existing_out_file_is_never_overwritten(tmp_path: Path, files: list[Path]) -> None:
    out = tmp_path / "pack.zip"
    out.write_bytes(b"keep me")
    with pytest.raises(BadInput, match="already exists"):
        packer().build(request(files), out)
    assert out.read_bytes() == b"keep me"


def test_csvs_follow_the_extraction_and_neutralise_formulas(
    tmp_path: Path, files: list[Path]
) -> None:
    req = request(files)
    content = members(packer().build(req, tmp_path / "pack.zip").path)

    def table(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(content[name].decode("utf-8"), newline="")))

    idents = table("identifiers.csv")
    assert [(r["kind"], r["normalized"]) for r in idents] == [
        (i.kind, neutralise(i.normalized)) for i in req.extraction.identifiers
    ]
    hyperlink = next(r for r in idents if "HYPERLINK" in r["value"])
    assert hyperlink["value"].startswith("'=")
    timeline = table("timeline.csv")
    assert len(timeline) == len(req.extraction.messages)
    assert timeline[3]["text"] == HOSTILE
    assert timeline[0]["ts"] == "2024-03-12T21:04:00+00:00"
    assert timeline[0]["stages"] == "approach"
    assert timeline[2]["stages"] == "threat;payment_demand"
    formula = timeline[5]
    assert formula["sender"].startswith("'=")
    assert formula["text"].startswith("'+")
    amounts = table("amounts.csv")
    assert [(r["amount"], r["currency"], r["status"]) for r in amounts] == [
        ("250.00", "GBP", "demanded"),
        ("1500.00", "GBP", "paid"),
        ("90.00", "EUR", "mentioned"),
    ]
    for name in ("identifiers.csv", "timeline.csv", "amounts.csv"):
        for row in csv.reader(io.StringIO(content[name].decode("utf-8"), newline="")):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_about_details_reach_the_report(tmp_path: Path, files: list[Path]) -> None:
    from pypdf import PdfReader

    about = About(
        name="Sam Ŝample",
        age_band="16-17",
        police_area="West Midlands",
        contact="parent: 07700 900123",
        references=(Reference("WMP-2024-001234", "West Midlands Police"),),
    )
    result = packer().build(replace(request(files), about=about), tmp_path / "pack.zip")
    reader = PdfReader(io.BytesIO(members(result.path)["report.pdf"]))
    text = reader.pages[0].extract_text()
    for expected in ("Sam Ŝample", "16-17", "West Midlands", "07700 900123", "WMP-2024-001234"):
        assert expected in text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=120), min_size=1, max_size=12))
def test_evidence_names_are_safe_and_distinct(names: list[str]) -> None:
    result = safe_names(names)
    assert len(result) == len(names)
    assert len({r.lower() for r in result}) == len(result)
    for r in result:
        assert r.startswith("evidence/")
        assert is_safe_member(r)
        assert ".." not in r.split("/")
        assert all(len(part) <= 90 for part in r.split("/"))


def test_hostile_names_become_plain_ones() -> None:
    names = ["../../etc/passwd", "/abs/photo.JPG", "C:\\Users\\x\\chat.txt", ".env"]
    assert safe_names(names) == [
        "evidence/etc/passwd",
        "evidence/abs/photo.JPG",
        "evidence/C/Users/x/chat.txt",
        "evidence/env",
    ]
    assert safe_names(["chat.txt", "CHAT.TXT", "chat?.txt", "Zoë <3>.png", "chat.txt"]) == [
        "evidence/chat.txt",
        "evidence/CHAT-2.TXT",
        "evidence/chat_.txt",
        "evidence/Zoe_3_.png",
        "evidence/chat-3.txt",
    ]


def test_hostile_about_details_and_names_are_printed_as_text(
    tmp_path: Path, files: list[Path]
) -> None:
    from pypdf import PdfReader

    about = About(
        name="<font size=90 color=red>Sam</font> &amp; <br/>",
        contact="\u202e00900 00770\u202c",
        notes="<para>\x1b[31m" + "N" * 3000,
    )
    hostile_name = tmp_path / "given" / "<b>chat<b>&amp;.txt"
    hostile_name.write_text("Jess: hi\n", encoding="utf-8")
    req = replace(request([*files, hostile_name]), about=about)
    result = packer().build(req, tmp_path / "pack.zip")
    content = members(result.path)
    assert "evidence/b_chat_b_amp_.txt" in content
    reader = PdfReader(io.BytesIO(content["report.pdf"]))
    flat = "".join("".join(p.extract_text().split()) for p in reader.pages)
    assert "<fontsize=90color=red>Sam</font>&amp;<br/>" in flat
    assert "[U+202E]00900" in flat
    assert "<para>[U+001B][31m" in flat

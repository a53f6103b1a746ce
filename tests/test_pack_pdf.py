"""report.pdf: every identifier and amount is in its text, hostile chat text is printed and
never interpreted, nothing runs off the page, every page renders, long timelines paginate."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pack_support import evidence_files, extraction_for, originals, request
from shield.core.extraction import (
    ExtractedIdentifier,
    ExtractedMessage,
    Extraction,
    Verdict,
)
from shield.services.pack import PackRequest
from test_pack import packer


def report_of(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("report.pdf")


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[PackRequest, bytes]:
    root = tmp_path_factory.mktemp("pdf")
    req = request(evidence_files(root / "given"))
    return req, report_of(packer().build(req, root / "pack.zip").path)


def test_every_suspect_identifier_and_amount_is_in_the_text(
    built: tuple[PackRequest, bytes],
) -> None:
    req, pdf = built
    text = squash(text_of(pdf))
    for ident in req.extraction.identifiers:
        assert squash(ident.value) in text, ident
        assert squash(ident.normalized) in text, ident
    for expected in ("£250.00GBP", "£1,500.00GBP", "€90.00EUR", "demanded", "paid", "mentioned"):
        assert expected in text


def test_the_report_reads_like_a_report(built: tuple[PackRequest, bytes]) -> None:
    req, pdf = built
    text = text_of(pdf)
    for heading in (
        "Who reports",
        "What happened",
        "The offender's identifiers",
        "Money demanded and paid",
        "Timeline of the conversation",
        "Evidence files",
        "How this pack was made",
        "How to verify it",
        "sha256sum -c SHA256SUMS",
    ):
        assert heading in text
    assert "Zoë Ñandú" in text
    assert "2024-03-12 21:04:00 +00:00 (GMT)" in text  # times carry their zone
    assert "+02:00" in text
    assert "(time zone not known)" in text
    assert "rapidocr 1.3 (PP-OCRv4)" in text and "rules-7" in text
    flat = squash(text)
    for original in req.originals:
        assert original.sha256 in flat
    for stage in ("APPROACH", "THREAT", "PAYMENT DEMAND", "ESCALATION"):
        assert stage in text


def test_hostile_text_is_printed_not_interpreted(built: tuple[PackRequest, bytes]) -> None:
    _, pdf = built
    text = text_of(pdf)
    flat = squash(text)
    for literal in ("<b>bold</b>", "<fontcolor='red'size=40>big</font>", "&amp;", "&lt;x&gt;"):
        assert literal in flat
    for placeholder in ("[U+0007]", "[U+0000]", "[U+202E]", "[U+2066]", "[U+1F600]", "[U+1F525]"):
        assert placeholder in flat
    assert "\u202e" not in text and "\x07" not in text
    assert "morecharacters:seetimeline.csv" in flat  # the 10,000-character line, cut openly


def test_pages_parse_and_use_only_embedded_fonts(built: tuple[PackRequest, bytes]) -> None:
    """Runs everywhere: each page's drawing instructions parse, every font a page selects is in
    its resources and the text font is embedded, and each page yields text."""
    _, pdf = built
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3
    for page in reader.pages:
        operations = ContentStream(page.get_contents(), reader).operations
        assert operations
        fonts = page["/Resources"]["/Font"]
        for operands, operator in operations:
            if operator == b"Tf":
                assert operands[0] in fonts
        for ref in fonts.values():
            font = ref.get_object()
            if font["/Subtype"] == "/TrueType":
                assert "/FontFile2" in font["/FontDescriptor"].get_object()
        assert page.extract_text().strip()
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx((595.2756, 841.8898), abs=1)


def render(pdf: bytes, folder: Path, dpi: int = 40) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.pdf").write_bytes(pdf)
    done = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "report.pdf", "page"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert not done.stderr.strip(), done.stderr
    return sorted(folder.glob("page-*.png"))


needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


@needs_pdftoppm
def test_every_page_renders_and_nothing_runs_off_the_page(
    built: tuple[PackRequest, bytes], tmp_path: Path
) -> None:
    _, pdf = built
    pages = render(pdf, tmp_path)
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages)
    for png in pages:
        with Image.open(png) as image:
            grey = image.convert("L")
            width, height = grey.size
            margin = int(width * 12 / 210)  # the outer 12 mm of the 15 mm right margin
            strip = grey.crop((width - margin, 0, width, height))
            assert strip.getextrema()[0] > 240, f"{png.name}: ink in the right margin"


def long_request(root: Path, messages: int) -> PackRequest:
    files = evidence_files(root)
    ex = extraction_for(files, messages=messages)
    last = ExtractedMessage(
        0,
        10**6,
        "Jess",
        "the very last message: goodbye QX7-LAST",
        datetime(2024, 4, 1, tzinfo=UTC),
    )
    ex = replace(ex, messages=(*ex.messages, last))
    return PackRequest(ex, originals(files))


def test_a_long_conversation_is_paginated_not_truncated(tmp_path: Path) -> None:
    req = long_request(tmp_path / "given", 1500)
    pdf = report_of(packer().build(req, tmp_path / "pack.zip").path)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 40
    text = text_of(pdf)
    assert "All 1508 messages" in text
    assert "the very last message: goodbye QX7-LAST" in text
    for n in (0, 749, 1499):
        assert f"message number {n} of a long chat" in text
    assert "page 1" in text and f"page {len(reader.pages)}" in text


def test_cells_taller_than_a_page_continue_in_the_next_row(tmp_path: Path) -> None:
    files = evidence_files(tmp_path / "given")
    ex = extraction_for(files)
    giant = "W" * 3000 + "\n" * 300 + "END-OF-GIANT"
    wide_id = "0x" + "W" * 6000
    ex = replace(
        ex,
        messages=(*ex.messages, ExtractedMessage(0, 99, "Jess", giant)),
        identifiers=(
            *ex.identifiers,
            ExtractedIdentifier("url", wide_id, wide_id, None, "suspect", (0, 99)),
        ),
    )
    result = packer().build(PackRequest(ex, originals(files)), tmp_path / "pack.zip")
    pdf = report_of(result.path)
    text = text_of(pdf)
    assert "(continued)" in text
    assert "END-OF-GIANT" in text
    # both columns of the identifier continue row by row: every character is still there
    assert text.count("W") >= 2 * 6000 + 3000
    if shutil.which("pdftoppm"):
        assert render(pdf, tmp_path / "pages", dpi=20)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_printable_leaves_only_drawable_visible_characters(text: str) -> None:
    from shield.adapters.pdf import _font, markup, printable

    glyphs, _ = _font()
    shown = printable(text, glyphs)
    for ch in shown:
        assert ch == "\n" or ord(ch) in glyphs
        assert unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Cn") or ch == "\n"
    visible = "".join(ch for ch in text if ch not in "\ufe0e\ufe0f")
    assert len(shown) >= len(visible.replace("\t", ""))  # nothing silently dropped
    assert "<" not in markup(text, glyphs).replace("<br/>", "")


def test_an_empty_extraction_still_makes_a_readable_pack(tmp_path: Path) -> None:
    files = evidence_files(tmp_path / "given")
    empty = Extraction((), (), (), (), (), Verdict(False, 0.0))
    result = packer().build(PackRequest(empty, originals(files)), tmp_path / "pack.zip")
    text = text_of(report_of(result.path))
    assert "No identifier of the offender was found." in text
    assert "No amount of money was found" in text
    assert "no versions recorded" in text

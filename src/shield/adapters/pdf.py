"""Draws a Document as PDF with ReportLab (BSD) and the Noto Sans font (SIL OFL, from PyPI).

Reproducible: ReportLab's invariant mode fixes the creation date and document id, so the same
document gives the same bytes. Every string is escaped before ReportLab's paragraph parser
sees it, so chat text such as ``<font>`` or ``&amp;`` prints as written. Control and
direction-changing characters (an RTL override can make ``gpj.exe`` look like ``exe.jpg``) and
characters the font has no glyph for (most emoji) print as a visible ``[U+XXXX]``. Long words
break across lines rather than run off the page. Long tables go out in slices so that a
10,000-message timeline lays out in linear time.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

import fontpkg_noto_sans
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from shield.core.document import Block, Document, Fields, Heading, Table, Text

FONT = "ShieldNotoSans"
MONO = "Courier"
SLICE = 40  # rows per table slice
WIDEST_GLYPH = 7.5  # points: no character of the cell styles is wider
PIECE_LINES = 40  # a cell longer than this many lines continues in the next row
CELL_SIZE, CELL_LEADING = 7.5, 9.2
MONO_SIZE = 7.0
PADDING = 2.5
DROPPED = {"\ufe0e", "\ufe0f"}  # emoji presentation selectors: they carry no content
KEPT_CONTROLS = {"\n", "\t"}


@lru_cache(maxsize=1)
def _font() -> tuple[frozenset[int], dict[int, int]]:
    """Register the font once; its characters, and their widths in 1/1000 of the font size."""
    path = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
    font = TTFont(FONT, str(path))
    pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph), dict(font.face.charWidths)


class Measure:
    """Fast string widths and line breaking for table cells drawn as plain text lines."""

    def __init__(self, widths: dict[int, int], size: float, default: int = 600) -> None:
        self.widths = widths
        self.scale = size / 1000
        self.default = default

    def width(self, text: str) -> float:
        get = self.widths.get
        return sum(get(ord(ch), self.default) for ch in text) * self.scale

    def wrap(self, text: str, width: float) -> list[str]:
        """Lines no wider than ``width``: break at spaces, and inside words too long for a line."""
        lines: list[str] = []
        space = self.width(" ")
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self.width(word)
                if line and used + space + size <= width:
                    line, used = f"{line} {word}", used + space + size
                    continue
                if line:
                    lines.append(line)
                rest = word
                while size > width:
                    cut = self._fit(rest, width)
                    lines.append(rest[:cut])
                    rest = rest[cut:]
                    size = self.width(rest)
                line, used = rest, size
            lines.append(line)
        return lines

    def _fit(self, word: str, width: float) -> int:
        total, get = 0.0, self.widths.get
        for n, ch in enumerate(word):
            total += get(ord(ch), self.default) * self.scale
            if total > width:
                return max(n, 1)
        return len(word)


def printable(text: str, glyphs: frozenset[int]) -> str:
    """Text the font can draw, nothing hidden: invisible or missing characters become [U+XXXX]."""
    if text.isascii() and text.isprintable():
        return text  # the font draws every printable ASCII character
    out = []
    for ch in text:
        if ch in DROPPED:
            continue
        if ch == "\t":
            out.append("    ")
            continue
        if ch == "\n" or (unicodedata.category(ch)[0] not in "CZ" and ord(ch) in glyphs):
            out.append(ch)
        elif ch == " " or (unicodedata.category(ch) == "Zs" and ord(ch) in glyphs):
            out.append(" ")
        else:
            out.append(f"[U+{ord(ch):04X}]")
    return "".join(out)


def markup(text: str, glyphs: frozenset[int]) -> str:
    return escape(printable(text, glyphs)).replace("\n", "<br/>")


class _Styles:
    def __init__(self) -> None:
        base = ParagraphStyle(
            "body", fontName=FONT, fontSize=8.5, leading=11, alignment=TA_LEFT, splitLongWords=1
        )
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2)
        self.mono = ParagraphStyle("mono", parent=self.cell, fontName=MONO, fontSize=7)
        self.head = ParagraphStyle(
            "headcell", parent=self.cell, textColor=colors.white, fontSize=7.5
        )
        self.h = {
            1: ParagraphStyle("h1", parent=base, fontSize=16, leading=20, spaceAfter=6),
            2: ParagraphStyle(
                "h2",
                parent=base,
                fontSize=12.5,
                leading=16,
                spaceBefore=10,
                spaceAfter=4,
                textColor=colors.HexColor("#1f3a5f"),
            ),
            3: ParagraphStyle(
                "h3",
                parent=base,
                fontSize=10,
                leading=13,
                spaceBefore=6,
                spaceAfter=3,
                textColor=colors.HexColor("#1f3a5f"),
            ),
        }


TABLE_STYLE = TableStyle(
    [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3a5f")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa5b1")),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
)


class ReportLabRenderer:
    """Implements the DocumentRenderer port."""

    def __init__(self) -> None:
        self.glyphs, widths = _font()
        self.styles = _Styles()
        self.width = A4[0] - 30 * mm
        self.cell = Measure(widths, CELL_SIZE)
        self.mono = Measure({}, MONO_SIZE, default=600)  # Courier: every glyph 600 wide

    def render(self, document: Document) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=18 * mm,
            title=printable(document.title, self.glyphs),
            subject=printable(document.subject, self.glyphs),
            author="Shield",
            creator="Shield",
            producer="Shield (ReportLab)",
            keywords=list(document.keywords),
            invariant=1,
        )
        story: list[Flowable] = []
        for block in document.blocks:
            story += self._block(block)
        footer = printable(document.footer, self.glyphs)

        def on_page(canvas: Canvas, _doc: object) -> None:
            canvas.saveState()
            canvas.setFont(FONT, 7)
            canvas.setFillColor(colors.HexColor("#555555"))
            canvas.drawString(15 * mm, 10 * mm, footer)
            canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"page {canvas.getPageNumber()}")
            canvas.restoreState()

        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
        return buffer.getvalue()

    def _para(self, text: str, style: ParagraphStyle) -> Paragraph:
        if style.fontName == MONO and not text.isascii():
            style = self.styles.cell
        return Paragraph(markup(text, self.glyphs), style)

    def _block(self, block: Block) -> list[Flowable]:
        s = self.styles
        if isinstance(block, Heading):
            return [self._para(block.text, s.h.get(block.level, s.h[3]))]
        if isinstance(block, Text):
            style = s.mono if block.mono else (s.small if block.small else s.body)
            return [self._para(block.text, style), Spacer(1, 3)]
        if isinstance(block, Fields):
            rows = [[self._para(k, s.cell), self._para(v, s.cell)] for k, v in block.rows]
            table = RLTable(rows, colWidths=[self.width * 0.25, self.width * 0.75])
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c5ccd3")),
                        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef1f4")),
                    ]
                )
            )
            return [table, Spacer(1, 4)]
        return self._table(block)

    def _lines(self, text: str, width: float, mono: bool) -> list[str]:
        if mono and text.isascii():
            return self.mono.wrap(printable(text, self.glyphs), width)
        return self.cell.wrap(printable(text, self.glyphs), width)

    def _expand(
        self, row: tuple[str, ...], widths: list[float], mono_columns: tuple[int, ...]
    ) -> list[list[str]]:
        """A row as wrapped lines per cell; a cell taller than PIECE_LINES continues in more
        rows, since a table row never splits across pages."""
        cells = [
            self._lines(cell, widths[col] - 2 * PADDING - 0.5, col in mono_columns)
            for col, cell in enumerate(row)
        ]
        depth = max(1, *((len(c) + PIECE_LINES - 1) // PIECE_LINES for c in cells))
        out = []
        for n in range(depth):
            piece = ["\n".join(c[n * PIECE_LINES : (n + 1) * PIECE_LINES]) for c in cells]
            if n > 0 and not piece[0]:
                piece[0] = "(continued)"
            out.append(piece)
        return out

    def _table(self, block: Table) -> list[Flowable]:
        total = sum(block.widths)
        widths = [self.width * w / total for w in block.widths]
        header = self._expand(block.header, widths, ())[0]
        rows = [
            piece for row in block.rows for piece in self._expand(row, widths, block.mono_columns)
        ]
        style = [
            *TABLE_STYLE.getCommands(),
            ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE, CELL_LEADING),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ]
        style += [
            ("FONT", (c, 1), (c, -1), MONO, MONO_SIZE, CELL_LEADING) for c in block.mono_columns
        ]
        out: list[Flowable] = []
        for start in range(0, max(len(rows), 1), SLICE):
            table = RLTable([header, *rows[start : start + SLICE]], colWidths=widths, repeatRows=1)
            table.setStyle(TableStyle(style))
            out.append(table)
        out.append(Spacer(1, 4))
        return out

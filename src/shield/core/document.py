"""A printable document as plain data: what a report says, not how a renderer draws it.

Services build one; a renderer behind the ``DocumentRenderer`` port turns it into PDF bytes.
Every string is literal text. Renderers must never interpret markup in it: chat text is
hostile.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Text:
    """A paragraph; line breaks in ``text`` are kept."""

    text: str
    small: bool = False
    mono: bool = False


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, shown as a two-column list."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """Rows under a header row. ``widths`` are relative column widths (they need not sum to 1);
    a long table continues on the next page with its header repeated."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    mono_columns: tuple[int, ...] = ()


Block = Heading | Text | Fields | Table


@dataclass(frozen=True)
class Document:
    title: str
    subject: str
    blocks: tuple[Block, ...]
    footer: str = ""
    keywords: tuple[str, ...] = field(default=())

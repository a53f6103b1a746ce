"""The analysts' spreadsheets: identifiers.csv, timeline.csv, amounts.csv.

Columns follow the field names of `shield extract --json`. A cell a spreadsheet would read as
a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from shield.core.extraction import Extraction
from shield.services.pack.contents import Places, amount_status

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

IDENTIFIER_COLUMNS = (
    "kind",
    "value",
    "normalized",
    "platform",
    "role",
    "first_source",
    "first_index",
    "first_file",
    "first_ts",
    "last_source",
    "last_index",
    "last_file",
    "last_ts",
)
TIMELINE_COLUMNS = ("source", "file", "index", "ts", "sender", "kind", "stages", "text")
AMOUNT_COLUMNS = ("amount", "currency", "status", "source", "index", "file", "ts")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise("" if v is None else str(v)) for v in row])
    return out.getvalue().encode("utf-8")


def identifiers_csv(extraction: Extraction, places: Places) -> bytes:
    rows = []
    for ident in extraction.identifiers:
        first = ident.message
        last = ident.last_seen or ident.message
        rows.append(
            (
                ident.kind,
                ident.value,
                ident.normalized,
                ident.platform,
                ident.role,
                *_place(first, places),
                *_place(last, places),
            )
        )
    return _csv(IDENTIFIER_COLUMNS, rows)


def _place(position: tuple[int, int] | None, places: Places) -> tuple[object, ...]:
    if position is None:
        return (None, None, None, None)
    ts = places.time_of(position)
    return (
        position[0],
        position[1],
        places.source_name(position[0]),
        ts.isoformat() if ts else None,
    )


def timeline_csv(extraction: Extraction, places: Places) -> bytes:
    rows = (
        (
            m.source,
            places.source_name(m.source),
            m.index,
            m.ts.isoformat() if m.ts else None,
            m.sender,
            m.kind,
            ";".join(m.stages),
            m.text,
        )
        for m in extraction.messages
    )
    return _csv(TIMELINE_COLUMNS, rows)


def amounts_csv(extraction: Extraction, places: Places) -> bytes:
    rows = []
    for a in extraction.amounts:
        ts = places.time_of(a.message)
        rows.append(
            (
                f"{a.amount:.2f}",
                a.currency,
                amount_status(a.paid),
                a.message[0] if a.message else None,
                a.message[1] if a.message else None,
                places.source_name(a.message[0]) if a.message else None,
                ts.isoformat() if ts else None,
            )
        )
    return _csv(AMOUNT_COLUMNS, rows)

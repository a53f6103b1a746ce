"""Bank files in and out: CSV, JSON lines, and the ThreatExchange signal-file format.

Reading is strict and all-or-nothing: the first bad line stops the import, and the error names
the file and the line. Formats:

- ``csv``: a header naming columns (``pdq``, ``md5``, ``label``, ``source``; or the
  ThreatExchange/HMA pair ``signal_type,signal_value``; ``hash_type,hash_value`` also read),
  or no header and rows ``signal_type,signal_value[,label]``, or one bare hash per row.
- ``jsonl``: one object a line with ``pdq`` and/or ``md5`` (or ``signal_type`` and
  ``signal_value``), optional ``label`` and ``source``.
- ``te``: python-threatexchange's file exchange, ``<signal_type> <signal_value>`` a line.

Signal types read: ``pdq`` and ``image_pdq`` (PDQ); ``photo_md5``, ``video_md5``, ``md5`` and
``image_md5`` (MD5 of the file's bytes). Blank lines and lines starting ``#`` are skipped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from shield.core.bank import BankEntry, NewEntry
from shield.core.errors import BadInput, MissingPath, UnreadableFile

FORMATS = ("csv", "jsonl", "te")
MAX_FILE_BYTES = 4 << 30
MAX_LINE = 8192
PDQ_TYPES = frozenset({"pdq", "image_pdq"})
MD5_TYPES = frozenset({"photo_md5", "video_md5", "md5", "image_md5"})
SIGNAL_COLUMNS = (("signal_type", "signal_value"), ("hash_type", "hash_value"))
KNOWN_COLUMNS = frozenset(
    {"pdq", "md5", "label", "source", "id", "added_at", "signal_type", "signal_value"}
    | {"hash_type", "hash_value", "tags", "withdrawn"}
)


def guess_format(path: Path, first_line: str) -> str:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix in {".te", ".txt"}:
        return "te"
    head = first_line.strip()
    if head.startswith("{"):
        return "jsonl"
    return "csv" if "," in head else "te"


def _signal(kind: str, value: str, label: str = "", source: str = "") -> NewEntry:
    kind = kind.strip().lower()
    if kind in PDQ_TYPES:
        return NewEntry.of(value, None, label, source)
    if kind in MD5_TYPES:
        return NewEntry.of(None, value, label, source)
    raise BadInput(f"unknown signal type {kind[:40]!r} (expected pdq or photo_md5/video_md5)")


def _bare(value: str, label: str = "") -> NewEntry:
    text = value.strip()
    if len(text) == 64:
        return NewEntry.of(text, None, label)
    if len(text) == 32:
        return NewEntry.of(None, text, label)
    raise BadInput(
        f"a hash must be 64 hex characters (PDQ) or 32 (MD5), got {len(text)}: {text[:80]!r}"
    )


def _csv_entries(lines: list[tuple[int, str]]) -> Iterator[tuple[int, NewEntry]]:
    rows = [(n, next(csv.reader([text]))) for n, text in lines]
    if not rows:
        return
    header = [c.strip().lower() for c in rows[0][1]]
    signal_row = (
        len(header) in (2, 3)
        and header[0] in PDQ_TYPES | MD5_TYPES
        and header[1] not in KNOWN_COLUMNS
    )
    if signal_row or not any(c in KNOWN_COLUMNS for c in header):
        for n, row in rows:
            try:
                yield n, _headerless(row)
            except BadInput as exc:
                raise _at(n, exc) from exc
        return
    pair = next((p for p in SIGNAL_COLUMNS if set(p) <= set(header)), None)
    if pair is None and "pdq" not in header and "md5" not in header:
        raise BadInput("the header names no pdq, md5 or signal_type,signal_value column")
    for n, row in rows[1:]:
        if len(row) != len(header):
            raise _at(n, BadInput(f"{len(row)} fields where the header has {len(header)}"))
        record = dict(zip(header, (c.strip() for c in row), strict=True))
        try:
            if pair is not None:
                entry = _signal(
                    record[pair[0]],
                    record[pair[1]],
                    record.get("label", "") or record.get("tags", ""),
                    record.get("source", ""),
                )
            else:
                entry = NewEntry.of(
                    record.get("pdq") or None,
                    record.get("md5") or None,
                    record.get("label", ""),
                    record.get("source", ""),
                )
        except BadInput as exc:
            raise _at(n, exc) from exc
        yield n, entry


def _headerless(row: list[str]) -> NewEntry:
    cells = [c.strip() for c in row]
    if len(cells) == 1:
        return _bare(cells[0])
    if len(cells) in (2, 3) and cells[0].lower() in PDQ_TYPES | MD5_TYPES:
        return _signal(cells[0], cells[1], cells[2] if len(cells) == 3 else "")
    if len(cells) == 2:
        return _bare(cells[0], cells[1])
    raise BadInput(f"expected signal_type,signal_value[,label]; got {len(cells)} fields")


def _jsonl_entries(lines: list[tuple[int, str]]) -> Iterator[tuple[int, NewEntry]]:
    for n, text in lines:
        try:
            record = json.loads(text)
        except ValueError as exc:
            raise _at(n, BadInput(f"not JSON: {exc}")) from exc
        if not isinstance(record, dict):
            raise _at(n, BadInput("each line must be a JSON object"))
        fields = {k: record.get(k) for k in ("pdq", "md5", "label", "source", "pipeline")}
        fields |= {k: record.get(k) for k in ("signal_type", "signal_value")}
        if any(v is not None and not isinstance(v, str) for v in fields.values()):
            raise _at(
                n, BadInput("pdq, md5, label, source, pipeline and signal fields must be strings")
            )
        label, source = fields["label"] or "", fields["source"] or ""
        try:
            if fields["signal_type"] is not None:
                entry = _signal(fields["signal_type"], fields["signal_value"] or "", label, source)
            else:
                entry = NewEntry.of(fields["pdq"], fields["md5"], label, source, fields["pipeline"])
        except BadInput as exc:
            raise _at(n, exc) from exc
        yield n, entry


def _te_entries(lines: list[tuple[int, str]]) -> Iterator[tuple[int, NewEntry]]:
    for n, text in lines:
        kind, _, value = text.strip().partition(" ")
        try:
            yield n, _signal(kind, value.strip())
        except BadInput as exc:
            raise _at(n, exc) from exc


def _at(line: int, error: BadInput) -> BadInput:
    return BadInput(f"line {line}: {error}")


def read_entries(path: Path, fmt: str | None = None) -> list[NewEntry]:
    """Every entry in a bank file, or BadInput naming the file and the first bad line."""
    try:
        if not path.exists():
            raise MissingPath("no such file", path=str(path))
        if not path.is_file():
            raise UnreadableFile("not a regular file", path=str(path))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadInput("the file is too large for a bank file", path=str(path))
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not UTF-8 text (byte {exc.start})", path=str(path)) from exc
    if "\x00" in text:
        raise BadInput("binary data, not a bank file", path=str(path))
    lines = []
    for n, line in enumerate(io.StringIO(text), start=1):
        if len(line) > MAX_LINE:
            raise BadInput(f"line {n}: longer than {MAX_LINE} characters", path=str(path))
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            lines.append((n, stripped))
    fmt = fmt or guess_format(path, lines[0][1] if lines else "")
    readers = {"csv": _csv_entries, "jsonl": _jsonl_entries, "te": _te_entries}
    if fmt not in readers:
        raise BadInput(f"unknown bank file format {fmt!r} (one of {', '.join(FORMATS)})")
    try:
        entries = [entry for _, entry in readers[fmt](lines)]
    except (BadInput, csv.Error) as exc:
        raise BadInput(f"{fmt}: {exc}", path=str(path)) from exc
    if not entries:
        raise BadInput(f"{fmt}: no hashes in the file", path=str(path))
    return entries


def write_entries(entries: Iterable[BankEntry], fmt: str) -> Iterator[str]:
    """The text of a bank file, line by line (each line ends with a newline)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "pdq", "md5", "label", "source", "added_at"])
        yield out.getvalue()
        for e in entries:
            out.seek(0)
            out.truncate()
            writer.writerow(
                [e.id, e.pdq or "", e.md5 or "", e.label, e.source, e.added_at.isoformat()]
            )
            yield out.getvalue()
    elif fmt == "jsonl":
        for e in entries:
            record = {
                "id": str(e.id),
                "pdq": e.pdq,
                "md5": e.md5,
                "label": e.label,
                "source": e.source,
                "added_at": e.added_at.isoformat(),
                "pipeline": e.pipeline,
            }
            yield json.dumps(record, ensure_ascii=False) + "\n"
    elif fmt == "te":
        for e in entries:
            if e.pdq:
                yield f"pdq {e.pdq}\n"
            if e.md5:
                yield f"photo_md5 {e.md5}\n"
    else:
        raise BadInput(f"unknown bank file format {fmt!r} (one of {', '.join(FORMATS)})")

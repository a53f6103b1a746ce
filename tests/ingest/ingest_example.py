"""How an example export folder is read: every file in it but expected.json and options.json,
through ``open_source``, with the options (``tz``) that options.json gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from shield.ingest import open_source
from shield.ingest.record import header_record, message_record

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"
EXPECTED = "expected.json"
OPTIONS = "options.json"


def example_folders() -> list[Path]:
    return sorted(p for p in EXPORTS.glob("*/*") if p.is_dir())


def run_example(folder: Path) -> dict[str, Any]:
    options = {}
    if (folder / OPTIONS).exists():
        options = json.loads((folder / OPTIONS).read_text(encoding="utf-8"))
    tz = ZoneInfo(options["tz"]) if "tz" in options else ZoneInfo("UTC")
    files = sorted(p for p in folder.iterdir() if p.name not in (EXPECTED, OPTIONS))
    exports = []
    for opened in open_source(files, tz=tz):
        exports.append(
            {
                "path": opened.path.removeprefix(f"{folder}/"),
                "format": opened.format,
                "header": header_record(opened.export.header),
                "messages": [message_record(m) for m in opened.export.messages],
            }
        )
    return {"exports": exports}

"""Held-out exports: written after the parsers, with hand-written truth (truth.json gives the
format and each message's sender, time, kind and text), and never used to tune the parsers.
See docs/formats.md for what the first run of these found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shield.ingest import open_source

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"


@pytest.mark.parametrize("folder", sorted(HELDOUT.iterdir()), ids=lambda p: p.name)
def test_heldout_export_matches_its_truth(folder: Path) -> None:
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    files = sorted(p for p in folder.iterdir() if p.name != "truth.json")
    (opened,) = list(open_source(files))
    got = [
        {
            "sender": m.sender,
            "ts": m.ts.isoformat() if m.ts else None,
            "kind": m.kind,
            "text": m.text,
        }
        for m in opened.export.messages
    ]
    assert (opened.format, got) == (truth["format"], truth["messages"])

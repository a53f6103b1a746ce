"""The development set rendered in every export layout reads back to the same messages.

bench/render_exports.py renders each identifier conversation as a real export and checks it
with ``shield.ingest.open_source`` (format, texts, senders and times); this runs that check on
a few conversations in every layout, so a renderer or parser fault fails here rather than
showing up as a recognition error in bench/eval_extract.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from devset import load
from render_exports import LAYOUTS, render_one

# a one-message chat, a multi-message one with non-ASCII text, and one with a phone sender line
PICKS = ("dev-30", "dev-07", "dev-35", "held-01")


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_reads_back(layout: str, tmp_path: Path) -> None:
    conversations = {c.id: c for split in ("dev", "heldout") for c in load(split)}
    for position, conversation_id in enumerate(PICKS):
        conversation = conversations[conversation_id]
        if layout == "plain" and len(conversation.messages) < 2:
            continue
        rendered = render_one(conversation, "dev", position, tmp_path, layout=layout)
        assert rendered.layout == layout
        assert rendered.expected >= conversation.expected


def test_format_added_identifiers(tmp_path: Path) -> None:
    """WhatsApp phone senders and Snapchat usernames join the expected set; others add none."""
    conversation = next(c for c in load("dev") if c.id == "dev-07")
    phone = render_one(conversation, "dev", 1, tmp_path, layout="whatsapp-ios-dmy")
    assert {kind for kind, _ in phone.added} == {"phone"}
    snap = render_one(conversation, "dev", 0, tmp_path, layout="snapchat-json")
    assert len(snap.added) == 2 and all(v.startswith("snapchat:") for _, v in snap.added)
    plain = render_one(conversation, "dev", 0, tmp_path, layout="plain")
    assert plain.added == frozenset()

"""Streaming: the Telegram event reader gives what a whole-file read gives, and big exports
parse in a small, bounded amount of memory (peak RSS measured in a fresh process)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shield.ingest import Document
from shield.ingest.record import header_record, message_record
from shield.ingest.telegram import TelegramParser, _message

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from big_exports import write_telegram, write_whatsapp  # noqa: E402

texts = st.text(max_size=30)
pieces = st.lists(texts | st.builds(lambda t: {"type": "bold", "text": t}, texts), max_size=4)
messages = st.builds(
    lambda i, text, frm, service: {
        "id": i,
        "type": "service" if service else "message",
        "date_unixtime": str(1700000000 + i),
        ("actor" if service else "from"): frm,
        ("actor_id" if service else "from_id"): f"user{i % 3}",
        "text": text,
        **({"action": "pin_message"} if service else {}),
    },
    st.integers(0, 10**6),
    texts | pieces,
    st.sampled_from(["Ana", "Бо", "😀 Cy"]),
    st.booleans(),
)
chats = st.builds(
    lambda name, msgs: {"name": name, "type": "personal_chat", "id": 1, "messages": msgs},
    texts,
    st.lists(messages, max_size=6),
)


def as_document(data: bytes) -> Document:
    return Document("result.json", "", len(data), lambda: io.BytesIO(data))


def simple_read(export: dict[str, Any]) -> list[dict[str, Any]]:
    """The obvious reading: the whole file in memory, chat by chat."""
    found = []
    for chat in export["chats"]["list"] if "chats" in export else [export]:
        found.append(
            {
                "title": chat["name"],
                "messages": [
                    message_record(_message(m, i, UTC, "result.json"))
                    for i, m in enumerate(chat["messages"])
                ],
            }
        )
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(chats, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_streamed_telegram_equals_the_whole_file_read(
    chat_list: list[dict[str, Any]], full: bool, indent: bool
) -> None:
    export: dict[str, Any] = chat_list[0]
    if full:
        export = {"about": "x", "chats": {"about": "y", "list": chat_list}}
    data = json.dumps(export, indent=1 if indent else None, ensure_ascii=indent).encode()
    streamed = [
        {
            "title": header_record(e.header)["title"],
            "messages": [message_record(m) for m in e.messages],
        }
        for e in TelegramParser().parse([as_document(data)])
    ]
    assert streamed == simple_read(export)


def test_chats_read_out_of_order_are_read_again_and_complete() -> None:
    export = {
        "chats": {
            "list": [
                {"name": n, "type": "personal_chat", "id": i, "messages": [{"text": n}] * (i + 1)}
                for i, n in enumerate(["a", "b", "c"])
            ]
        }
    }
    data = json.dumps(export).encode()
    in_order = [[m.text for m in e.messages] for e in TelegramParser().parse([as_document(data)])]
    listed = list(TelegramParser().parse([as_document(data)]))
    backwards = [[m.text for m in e.messages] for e in reversed(listed)]
    assert in_order == [["a"], ["b", "b"], ["c", "c", "c"]]
    assert backwards == in_order[::-1]
    half = TelegramParser().parse([as_document(data)])
    first, second = next(half), next(half)
    assert next(iter(second.messages)).text == "b"
    assert [m.text for m in first.messages] == ["a"]
    assert [m.index for m in second.messages] == [1]


def test_unread_chats_are_skipped_in_order() -> None:
    export = {
        "chats": {
            "list": [
                {"name": n, "type": "personal_chat", "id": i, "messages": [{"id": i, "text": n}]}
                for i, n in enumerate(["a", "b", "c"])
            ]
        }
    }
    exports = TelegramParser().parse([as_document(json.dumps(export).encode())])
    titles = []
    for number, parsed in enumerate(exports):
        titles.append(parsed.header.title)
        if number == 1:
            assert [m.text for m in parsed.messages] == ["b"]
    assert titles == ["a", "b", "c"]


# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec and folds the parent's high-water
# mark into it, so in a long test run it would report pytest's peak, not the parser's.
PEAK = """
import sys
from shield.ingest import open_source
count = sum(1 for opened in open_source([sys.argv[1]]) for _ in opened.export.messages)
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(count, int(hwm.split()[1]) // 1024)
"""


def peak_megabytes(path: Path) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, check=True
    )
    count, peak = done.stdout.split()
    return int(count), int(peak)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["telegram", "whatsapp"])
def test_big_exports_parse_in_bounded_memory(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / ("result.json" if fmt == "telegram" else "chat.txt")
    size = (120 << 20) if fmt == "telegram" else (30 << 20)
    written = write_telegram(path, size) if fmt == "telegram" else write_whatsapp(path, size)
    count, peak = peak_megabytes(path)
    assert count == written
    assert peak < 150, f"peak RSS {peak} MB for a {path.stat().st_size >> 20} MB export"

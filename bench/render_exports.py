"""Render the identifier development set as real chat exports, one format per conversation.

    uv run python bench/render_exports.py [--out bench/.cache/exports]

Each conversation of ``data/devset/identifiers/{dev,heldout}.yaml`` becomes one export file of
a layout chosen by its position (``LAYOUTS`` in turn): WhatsApp Android and iOS in both date
orders, Instagram JSON (with Meta's mojibake), Messenger JSON, Telegram ``result.json``,
Snapchat ``chat_history.json``, Discord ``messages.json`` / ``messages.csv`` and a plain
transcript (a one-message conversation, which a transcript cannot hold, takes the next
layout). Two people take turns, the first message being the other person's; times start
on a day after the 12th (so a WhatsApp file's date order is settled) and advance a few
minutes per message.

Formats add identifiers of their own, which ``Rendered.expected`` adds to the conversation's
set: a WhatsApp sender shown only as a phone number is a phone identifier (half of the
WhatsApp renderings show the other person so), and Snapchat names senders by username, so
each person who wrote a message is a Snapchat handle. Discord packages hold only the
requester's messages: the renderer writes every message of the conversation as the
requester's (so every text stays under test) and says so in ``Rendered.note``.

Every rendered file is read back with ``shield.ingest.open_source``; its format and message
texts must equal what was rendered (a renderer or parser fault stops the run, so it is never
counted as a recognition error).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import SPLITS, Conversation, Pair, load
from shield.ingest import open_source

CACHE = Path(__file__).resolve().parent / ".cache" / "exports"

# (other person, victim) display names; usernames for Snapchat; shown phone numbers
NAMES = [
    ("Jordan Blake", "Sam Carter"),
    ("Zoë Hart", "Liam O'Neill"),
    ("Mia Fernández", "Owen Price"),
    ("Kai Nakamura", "Ruby Adeyemi"),
    ("Elena Petrova", "Noah Fischer"),
]
USERNAMES = [("kyle.rivers04", "ben_t2009"), ("amber_skye22", "leo.mart_08")]
PHONES = ["+44 7911 123456", "+1 415 555 0142", "+234 803 555 0199", "+49 151 23456789"]


@dataclass(frozen=True)
class Rendered:
    conversation: Conversation
    split: str
    layout: str  # e.g. "whatsapp-android-dmy"
    format: str  # the format open_source must report
    path: Path
    senders: tuple[str, ...]  # sender of each message as written in the file
    added: frozenset[Pair]  # identifiers the format itself adds
    position: int = 0  # picks layout, names and times
    note: str = ""

    @property
    def expected(self) -> frozenset[Pair]:
        return self.conversation.expected | self.added


def _times(n: int, seed: int) -> list[datetime]:
    start = datetime(2024, 3, 13 + seed % 15, 19, 2 + seed % 50, 7, tzinfo=UTC)
    return [start + timedelta(minutes=3 * i + i % 2, seconds=11 * i) for i in range(n)]


def _turns(n: int, pair: tuple[str, str]) -> list[str]:
    return [pair[i % 2] for i in range(n)]


def _e164(shown: str) -> str:
    return phonenumbers.format_number(
        phonenumbers.parse(shown, None), phonenumbers.PhoneNumberFormat.E164
    )


def _whatsapp(android: bool, dmy: bool) -> Callable[..., tuple[str, str, set[Pair], str]]:
    def render(c: Conversation, seed: int, folder: Path) -> tuple[str, str, set[Pair], str]:
        other, victim = NAMES[seed % len(NAMES)]
        added: set[Pair] = set()
        if seed % 2:
            other = PHONES[seed % len(PHONES)]
            added.add(("phone", _e164(other)))
        senders = _turns(len(c.messages), (other, victim))
        shown = {other: f"\u202a{other}\u202c"} if other.startswith("+") else {}
        lines = []
        for when, sender, text in zip(
            _times(len(c.messages), seed), senders, c.messages, strict=True
        ):
            date = when.strftime("%d/%m/%Y" if dmy else "%m/%d/%y")
            who = shown.get(sender, sender)
            if android:
                lines.append(f"{date}, {when:%H:%M} - {who}: {text}")
            else:
                clock = when.strftime("%I:%M:%S %p").lstrip("0")
                lines.append(f"[{date}, {clock}] {who}: {text}")
        name = f"WhatsApp Chat with {victim if other.startswith('+') else other}.txt"
        (folder / (name if android else "_chat.txt")).write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
        return "whatsapp", "\x00".join(senders), added, ""

    return render


def _mojibake(value: object) -> object:
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [_mojibake(v) for v in value]
    if isinstance(value, dict):
        return {k: _mojibake(v) for k, v in value.items()}
    return value


def _meta(messenger: bool) -> Callable[..., tuple[str, str, set[Pair], str]]:
    def render(c: Conversation, seed: int, folder: Path) -> tuple[str, str, set[Pair], str]:
        other, victim = NAMES[seed % len(NAMES)]
        senders = _turns(len(c.messages), (other, victim))
        times = _times(len(c.messages), seed)
        messages = [
            {
                "sender_name": sender,
                "timestamp_ms": int(when.timestamp() * 1000),
                "content": text,
                "is_geoblocked_for_viewer": False,
            }
            for when, sender, text in zip(times, senders, c.messages, strict=True)
        ][::-1]
        slug = other.split()[0].lower() + f"_{1000000 + seed * 7919}"
        data: dict[str, object] = {
            "participants": [{"name": other}, {"name": victim}],
            "messages": messages,
            "title": other,
            "is_still_participant": True,
        }
        if messenger:
            data["thread_path"] = f"inbox/{slug}"
            data["joinable_mode"] = {"mode": 1, "link": ""}
            data["magic_words"] = []
            path = f"your_facebook_activity/messages/inbox/{slug}/photos/x.jpg"
            data["image"] = {"uri": path, "creation_timestamp": 0}
        else:
            data["thread_path"] = f"inbox/{slug}"
            data["magic_words"] = []
            path = f"your_instagram_activity/messages/inbox/{slug}/photos/x.jpg"
            data["image"] = {"uri": path, "creation_timestamp": 0}
        text = json.dumps(_mojibake(data), indent=2, ensure_ascii=True)
        (folder / "message_1.json").write_text(text + "\n", encoding="ascii")
        return ("messenger" if messenger else "instagram"), "\x00".join(senders), set(), ""

    return render


def _telegram(c: Conversation, seed: int, folder: Path) -> tuple[str, str, set[Pair], str]:
    other, victim = NAMES[seed % len(NAMES)]
    senders = _turns(len(c.messages), (other, victim))
    ids = {other: f"user{5000000000 + seed}", victim: f"user{700000000 + seed}"}
    messages = [
        {
            "id": i + 1,
            "type": "message",
            "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
            "date_unixtime": str(int(when.timestamp())),
            "from": sender,
            "from_id": ids[sender],
            "text": text,
            "text_entities": [{"type": "plain", "text": text}],
        }
        for i, (when, sender, text) in enumerate(
            zip(_times(len(c.messages), seed), senders, c.messages, strict=True)
        )
    ]
    data = {"name": other, "type": "personal_chat", "id": 5000000000 + seed, "messages": messages}
    (folder / "result.json").write_text(
        json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return "telegram", "\x00".join(senders), set(), ""


def _snapchat(c: Conversation, seed: int, folder: Path) -> tuple[str, str, set[Pair], str]:
    other, victim = USERNAMES[seed % len(USERNAMES)]
    senders = _turns(len(c.messages), (other, victim))
    rows = [
        {
            "From": sender,
            "Media Type": "TEXT",
            "Created": when.strftime("%Y-%m-%d %H:%M:%S UTC"),
            "Content": text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
            "Conversation Title": None,
            "IsSender": sender == victim,
            "IsSaved": False,
            "Media IDs": "",
            "Created(microseconds)": int(when.timestamp() * 1000),
        }
        for when, sender, text in zip(
            _times(len(c.messages), seed), senders, c.messages, strict=True
        )
    ][::-1]
    (folder / "chat_history.json").write_text(
        json.dumps({other: rows}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    # only people who wrote appear in the file (a one-message chat never names the owner)
    added = {("handle", f"snapchat:{name}") for name in set(senders)}
    return "snapchat", "\x00".join(senders), added, ""


def _discord(as_csv: bool) -> Callable[..., tuple[str, str, set[Pair], str]]:
    def render(c: Conversation, seed: int, folder: Path) -> tuple[str, str, set[Pair], str]:
        channel = folder / "messages" / f"c{880000000000000000 + seed * 1013}"
        channel.mkdir(parents=True)
        rows = [
            (
                str(1100000000000000000 + seed * 100000 + i),
                when.strftime("%Y-%m-%d %H:%M:%S.%f+00:00"),
                text,
                "",
            )
            for i, (when, text) in enumerate(
                zip(_times(len(c.messages), seed), c.messages, strict=True)
            )
        ][::-1]
        if as_csv:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(["ID", "Timestamp", "Contents", "Attachments"])
            writer.writerows(rows)
            (channel / "messages.csv").write_text(buffer.getvalue(), encoding="utf-8")
        else:
            data = [
                {"ID": int(i), "Timestamp": t[:19], "Contents": x, "Attachments": a}
                for i, t, x, a in rows
            ]
            (channel / "messages.json").write_text(
                json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        senders = "\x00".join("You" for _ in c.messages)
        note = "Discord holds only the requester's messages: every message is rendered as theirs"
        return "discord", senders, set(), note

    return render


def _plain(c: Conversation, seed: int, folder: Path) -> tuple[str, str, set[Pair], str]:
    other, victim = NAMES[seed % len(NAMES)]
    other, victim = other.split()[0], victim.split()[0]
    senders = _turns(len(c.messages), (other, victim))
    lines = [
        f"{when:%Y-%m-%d %H:%M} {sender}: {text}"
        for when, sender, text in zip(
            _times(len(c.messages), seed), senders, c.messages, strict=True
        )
    ]
    (folder / "chat.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "plain", "\x00".join(senders), set(), ""


LAYOUTS: dict[str, Callable[..., tuple[str, str, set[Pair], str]]] = {
    "whatsapp-android-dmy": _whatsapp(android=True, dmy=True),
    "instagram-json": _meta(messenger=False),
    "telegram-json": _telegram,
    "snapchat-json": _snapchat,
    "whatsapp-ios-mdy": _whatsapp(android=False, dmy=False),
    "messenger-json": _meta(messenger=True),
    "discord-json": _discord(as_csv=False),
    "plain": _plain,
    "whatsapp-android-mdy": _whatsapp(android=True, dmy=False),
    "whatsapp-ios-dmy": _whatsapp(android=False, dmy=True),
    "discord-csv": _discord(as_csv=True),
}


def render_one(
    conversation: Conversation, split: str, position: int, out: Path, layout: str | None = None
) -> Rendered:
    """Render one conversation (layout by ``position`` unless named) and check it reads back."""
    names = list(LAYOUTS)
    if layout is None:
        layout = names[position % len(names)]
        if layout == "plain" and len(conversation.messages) < 2:
            # a one-line transcript is not a transcript: the parser needs two `Name:` lines
            layout = names[(position + 1) % len(names)]
    folder = out / split / f"{conversation.id}--{layout}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    fmt, senders, added, note = LAYOUTS[layout](conversation, position, folder)
    rendered = Rendered(
        conversation,
        split,
        layout,
        fmt,
        folder,
        tuple(senders.split("\x00")),
        frozenset(added),
        position,
        note,
    )
    check(rendered)
    return rendered


def check(rendered: Rendered) -> None:
    """The export reads back as one conversation of the right format with the same texts."""
    opened = list(open_source([rendered.path]))
    where = f"{rendered.conversation.id} ({rendered.layout})"
    assert len(opened) == 1, f"{where}: {len(opened)} conversations read back"
    assert opened[0].format == rendered.format, f"{where}: read as {opened[0].format}"
    messages = list(opened[0].export.messages)
    texts = tuple(m.text for m in messages)
    assert texts == rendered.conversation.messages, f"{where}: texts differ: {texts!r}"
    senders = tuple(m.sender for m in messages)
    assert senders == rendered.senders, f"{where}: senders differ: {senders!r}"
    times = _times(len(messages), rendered.position)
    if rendered.layout.startswith(("whatsapp-android", "plain")):  # minutes only
        times = [t.replace(second=0) for t in times]
    shown = [m.ts for m in messages]
    assert shown == times, f"{where}: times differ (date order?): {shown[:2]!r}"


def render_all(out: Path = CACHE, splits: Sequence[str] = SPLITS) -> list[Rendered]:
    """Every conversation of ``splits``, positions counted across the splits in order."""
    rendered: list[Rendered] = []
    position = 0
    for split in splits:
        if (out / split).exists():
            shutil.rmtree(out / split)
    for split in SPLITS:
        for conversation in load(split):
            if split in splits:
                rendered.append(render_one(conversation, split, position, out))
            position += 1
    return rendered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CACHE)
    args = parser.parse_args()
    rendered = render_all(args.out)
    counts: dict[str, int] = {}
    for r in rendered:
        counts[r.layout] = counts.get(r.layout, 0) + 1
    print(f"{len(rendered)} conversations rendered under {args.out}, all read back unchanged")
    for layout, n in counts.items():
        print(f"  {layout:<22}{n:>4}")


if __name__ == "__main__":
    main()

"""Large synthetic exports for streaming checks: a Telegram full export and a WhatsApp chat.

Written piece by piece, so making a 500 MB file needs little memory. Used by
bench/ingest_memory.py and by the slow streaming tests.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = (
    "hey",
    "where",
    "u",
    "from",
    "add",
    "me",
    "on",
    "snap",
    "pay",
    "now",
    "or",
    "i",
    "send",
    "it",
    "to",
    "everyone",
    "you",
    "know",
    "please",
    "stop",
    "i",
    "will",
    "tell",
    "my",
    "mum",
    "steam",
    "card",
    "code",
    "ok",
    "fine",
    "😅",
    "привет",
    "café",
)


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 25)))


def write_telegram(path: Path, target_bytes: int, *, chats: int = 20, seed: int = 7) -> int:
    """A Telegram full export of about ``target_bytes``; returns the number of messages."""
    rng = random.Random(seed)
    count = 0
    per_chat = max(1, target_bytes // chats)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"about": "synthetic", "personal_information": {"user_id": 1, ')
        out.write('"first_name": "Sam", "last_name": "Test"}, "chats": {"about": "", "list": [')
        for chat in range(chats):
            out.write("," if chat else "")
            head = {"name": f"chat {chat}", "type": "personal_chat", "id": chat}
            out.write(json.dumps(head)[:-1])
            out.write(', "messages": [')
            written = 0
            first = True
            while written < per_chat:
                count += 1
                text = _sentence(rng)
                message = {
                    "id": count,
                    "type": "message",
                    "date": "2024-03-01T12:00:00",
                    "date_unixtime": str(1709294400 + count),
                    "from": f"user {chat}",
                    "from_id": f"user{chat}",
                    "text": [text, {"type": "link", "text": "t.me/x"}],
                    "text_entities": [
                        {"type": "plain", "text": text},
                        {"type": "link", "text": "t.me/x"},
                    ],
                }
                line = ("" if first else ",") + json.dumps(message, ensure_ascii=False)
                first = False
                out.write(line)
                written += len(line)
            out.write("]}")
        out.write("]}}")
    return count


def write_whatsapp(path: Path, target_bytes: int, *, seed: int = 7) -> int:
    """A WhatsApp Android chat of about ``target_bytes``; returns the number of messages."""
    rng = random.Random(seed)
    count = 0
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target_bytes:
            count += 1
            day = 1 + (count // 5000) % 28
            line = f"{day:02d}/03/2024, {count % 24:02d}:{count % 60:02d} - "
            line += f"{rng.choice(['Jess', '+44 7700 900123'])}: {_sentence(rng)}\n"
            if count % 7 == 0:
                line += f"{_sentence(rng)}\n"
            out.write(line)
            written += len(line)
    return count

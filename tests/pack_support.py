"""Synthetic extractions and evidence for pack tests: varied names, formats, zones and text."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw

from shield.core.extraction import (
    ExtractedAmount,
    ExtractedIdentifier,
    ExtractedMessage,
    Extraction,
    Person,
    Source,
    Verdict,
)
from shield.services.pack import Original, PackRequest, original_of

HOSTILE = (
    "<b>bold</b> <font color='red' size=40>big</font> &amp; &lt;x&gt; <a href='http://x'>link</a>"
    " bell\x07 nul\x00 \u202egpj.exe\u202c \u2066isolated\u2069 😀 🔥❤️ end"
)


def screenshot(path: Path, label: str, colour: str = "#ffffff") -> Path:
    image = Image.new("RGB", (240, 420), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 40, 200, 80), fill="#dddddd")
    draw.text((16, 50), label, fill="#000000")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    path.write_bytes(buffer.getvalue())
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def evidence_files(root: Path) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    chat = root / "WhatsApp Chat with Jess.txt"
    chat.write_text(
        "12/03/2024, 21:04 - Jess: hey cutie, add me on snap jess_x92\n"
        "12/03/2024, 21:09 - Zoë Ñandú: ok\n"
        "13/03/2024, 08:15 - Jess: send £250 to paypal.me/JessPay or everyone sees it\n",
        encoding="utf-8",
    )
    shot = screenshot(root / "Screenshot 2024-03-13.png", "Jess: pay now")
    messenger = root / "message_1.json"
    messenger.write_text('{"participants": [{"name": "Jess"}], "messages": []}', encoding="utf-8")
    return [chat, shot, messenger]


def extraction_for(files: Sequence[Path], *, messages: int = 0) -> Extraction:
    """A varied extraction over ``files`` (the first is the chat, the second a screenshot)."""
    chat, shot = files[0], files[1]
    london = ZoneInfo("Europe/London")
    plus2 = timezone(timedelta(hours=2))
    msgs = [
        ExtractedMessage(
            0,
            0,
            "Jess",
            "hey cutie, add me on snap jess_x92",
            datetime(2024, 3, 12, 21, 4, tzinfo=london),
            ("approach",),
        ),
        ExtractedMessage(0, 1, "Zoë Ñandú", "ok", datetime(2024, 3, 12, 21, 9, tzinfo=london)),
        ExtractedMessage(
            0,
            2,
            "Jess",
            "send £250 to paypal.me/JessPay or everyone sees it",
            datetime(2024, 3, 13, 8, 15, tzinfo=london),
            ("threat", "payment_demand"),
        ),
        ExtractedMessage(
            0, 3, "Jess", HOSTILE, datetime(2024, 3, 13, 8, 16, tzinfo=plus2), ("escalation",)
        ),
        ExtractedMessage(0, 4, "Jess", "x" * 10_000, None),
        ExtractedMessage(
            0, 5, "=cmd|' /C calc'!A0", "+44 is my code; -1 @SUM(A1)", datetime(2024, 3, 13, 9, 0)
        ),
        ExtractedMessage(
            1,
            0,
            "Jess",
            "pay €90 in Steam cards now",
            datetime(2024, 3, 14, 7, 0, tzinfo=UTC),
            ("payment_demand",),
            kind="screenshot",
        ),
    ]
    for n in range(messages):
        msgs.append(
            ExtractedMessage(
                0,
                6 + n,
                "Jess" if n % 3 else "Zoë Ñandú",
                f"message number {n} of a long chat, some words to wrap a little " * (1 + n % 3),
                datetime(2024, 3, 15, tzinfo=UTC) + timedelta(minutes=n),
                ("threat",) if n % 50 == 0 else (),
            )
        )
    long_url = "https://evil.example/" + "a1b2c3" * 60
    identifiers = (
        ExtractedIdentifier(
            "handle", "jess_x92", "snapchat:jess_x92", "snapchat", "suspect", (0, 0), (0, 3)
        ),
        ExtractedIdentifier(
            "payment_handle", "paypal.me/JessPay", "paypal:jesspay", None, "suspect", (0, 2)
        ),
        ExtractedIdentifier(
            "email", "Jess.X92+pay@GoogleMail.com", "jessx92@gmail.com", None, "suspect", (0, 3)
        ),
        ExtractedIdentifier(
            "phone", "07400 123456", "+447400123456", None, "suspect", (0, 3), (1, 0)
        ),
        ExtractedIdentifier(
            "crypto_wallet",
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "eth:0x52908400098527886e0f7030069857d2e4169ee7",
            None,
            "suspect",
            (1, 0),
        ),
        ExtractedIdentifier(
            "iban", "gb82 west 1234 5698 7654 32", "GB82WEST12345698765432", None, "suspect", (0, 2)
        ),
        ExtractedIdentifier("url", long_url, long_url, None, "unknown", None),
        ExtractedIdentifier(
            "gift_card", "steam card ABCD-EFGH-IJKL", "steam:ABCDEFGHIJKL", None, "suspect", (1, 0)
        ),
        ExtractedIdentifier(
            "handle",
            '=HYPERLINK("http://x")',
            "instagram:=hyperlink",
            "instagram",
            "suspect",
            (0, 5),
        ),
        ExtractedIdentifier(
            "handle", "zoe.nandu", "instagram:zoe.nandu", "instagram", "victim", (0, 1)
        ),
    )
    amounts = (
        ExtractedAmount(250.0, "GBP", (0, 2), False),
        ExtractedAmount(1500.0, "GBP", (0, 3), True),
        ExtractedAmount(90.0, "EUR", (1, 0), None),
    )
    sources = (
        Source(str(chat), "whatsapp", sha(chat), 6 + messages),
        Source(str(shot), "screenshot", sha(shot), 1, ("read by OCR; check against the image",)),
    )
    return Extraction(
        sources=sources,
        participants=(Person("Jess", "suspect"), Person("Zoë Ñandú", "victim")),
        messages=tuple(msgs),
        identifiers=identifiers,
        amounts=amounts,
        assessment=Verdict(
            True, 0.97, ("approach", "threat", "payment_demand", "escalation"), True
        ),
        versions={
            "recognizers": "2024.03-1",
            "stages": "rules-7",
            "ocr": "rapidocr 1.3 (PP-OCRv4)",
        },
    )


def originals(files: Sequence[Path]) -> tuple[Original, ...]:
    return tuple(original_of(p, p.name) for p in files)


def request(files: Sequence[Path], **extra: object) -> PackRequest:
    base = PackRequest(extraction_for(files), originals(files), victim="Zoë Ñandú")
    return replace(base, **extra)  # type: ignore[arg-type]


class TranscriptExtractor:
    """Stands in for the extraction service (built separately) in command tests: reads plain
    ``Name: text`` transcripts and e-mail addresses, enough to drive a pack end to end."""

    EMAIL = __import__("re").compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")

    def __init__(self, suspect: str = "Jess") -> None:
        self.suspect = suspect
        self.calls: list[tuple[list[Path], str | None, str]] = []

    def extract(self, paths: Sequence[Path], *, victim: str | None, region: str) -> Extraction:
        self.calls.append((list(paths), victim, region))
        sources, messages, identifiers, names = [], [], [], {}
        files = [
            p for root in paths for p in ([root] if root.is_file() else sorted(root.rglob("*")))
        ]
        for n, path in enumerate(p for p in files if p.is_file() and p.suffix == ".txt"):
            lines = path.read_text("utf-8").splitlines()
            sources.append(Source(str(path), "plain", sha(path), len(lines)))
            for i, line in enumerate(lines):
                sender, _, text = line.partition(": ")
                names.setdefault(sender, "suspect" if sender == self.suspect else "victim")
                messages.append(ExtractedMessage(n, i, sender, text))
                for email in self.EMAIL.findall(text):
                    identifiers.append(
                        ExtractedIdentifier("email", email, email.lower(), None, "suspect", (n, i))
                    )
        return Extraction(
            sources=tuple(sources),
            participants=tuple(Person(k, v) for k, v in names.items()),
            messages=tuple(messages),
            identifiers=tuple(identifiers),
            amounts=(),
            assessment=Verdict(False, 0.0),
            versions={"transcript-reader": "test-1"},
        )

"""The synthetic demonstration data set: invented people, invented offenders, invented chats.

Nothing here is real. Names, numbers and addresses are made up; phone numbers come from
Ofcom's drama range (07700 900xxx), e-mail domains are example.com/test, and the wallet
and IBAN are documentation examples.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from shield.core.extraction import (
    ExtractedAmount,
    ExtractedIdentifier,
    ExtractedMessage,
    Person,
)
from shield.core.models import Report
from shield.services.reports import ReportService
from shield.services.vault import VaultService

FILES = ("chat-demo-1.txt", "chat-demo-2.txt", "chat-demo-3.txt")

# (id, title, summary, created (day, hour), victim, suspect, evidence file,
#  messages: (day, hour, minute, text, stages),
#  identifiers: (kind, value, normalized, platform, message index or None),
#  amounts: (amount, currency, message index, paid))
DEMO = (
    (
        "DEMO-0001",
        "Instagram contact, threat to send video to followers",
        "A 16-year-old was asked for pictures, then threatened with a demand of £250.",
        (2, 9),
        "sam_demo",
        "jess.x92.demo",
        "chat-demo-1.txt",
        (
            (1, 20, 4, "hey cutie, u from round here?", ("approach",)),
            (1, 20, 9, "add me on snap: jess_x92_demo", ("platform_move",)),
            (
                1,
                21,
                40,
                "I recorded everything. pay £250 or I send it to all ur followers",
                ("capture", "threat", "payment_demand"),
            ),
        ),
        (
            ("handle", "jess.x92.demo", "instagram:jess.x92.demo", "instagram", None),
            ("handle", "snap: jess_x92_demo", "snapchat:jess_x92_demo", "snapchat", 1),
            ("payment_handle", "$JessDemo92", "cashapp:jessdemo92", None, 2),
        ),
        ((250.0, "GBP", 2, False),),
    ),
    (
        "DEMO-0002",
        "Dating app match, video call recorded, gift cards demanded",
        "A 22-year-old paid once; the offender demanded more.",
        (5, 14),
        "alex_demo",
        "Mia Demo",
        "chat-demo-2.txt",
        (
            (4, 22, 1, "lets video chat on whatsapp +44 7700 900123", ("platform_move",)),
            (
                4,
                23,
                15,
                "send 2 steam cards of £100 or your family sees the video",
                ("threat", "payment_demand"),
            ),
            (5, 8, 2, "thanks. now £300 more by midnight", ("escalation", "payment_demand")),
        ),
        (
            ("phone", "+44 7700 900123", "+447700900123", None, 0),
            ("email", "mia.demo+pay@example.com", "mia.demo+pay@example.com", None, None),
        ),
        ((200.0, "GBP", 1, True), (300.0, "GBP", 2, False)),
    ),
    (
        "DEMO-0003",
        "Snapchat contact reusing the same Cash App tag",
        "A 15-year-old; the payment tag matches DEMO-0001.",
        (9, 18),
        "kai_demo",
        "jess_x92_demo",
        "chat-demo-3.txt",
        (
            (
                9,
                17,
                3,
                "send $150 to $JessDemo92 or this goes to ur school",
                ("threat", "payment_demand"),
            ),
        ),
        (
            ("handle", "jess_x92_demo", "snapchat:jess_x92_demo", "snapchat", None),
            ("payment_handle", "$JessDemo92", "cashapp:jessdemo92", None, 0),
        ),
        ((150.0, "USD", 0, False),),
    ),
)


def _t(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


def _reports(evidence: dict[str, str]) -> list[Report]:
    made = []
    for rid, title, summary, created, victim, suspect, file, msgs, idents, amounts in DEMO:
        made.append(
            Report(
                id=rid,
                title=title,
                summary=summary,
                source="demo",
                created_at=_t(*created),
                participants=(Person(victim, "victim"), Person(suspect, "suspect")),
                messages=tuple(
                    ExtractedMessage(0, i, suspect, text, _t(d, h, m), stages)
                    for i, (d, h, m, text, stages) in enumerate(msgs)
                ),
                identifiers=tuple(
                    ExtractedIdentifier(
                        kind, value, norm, platform, "suspect", None if at is None else (0, at)
                    )
                    for kind, value, norm, platform, at in idents
                ),
                amounts=tuple(
                    ExtractedAmount(value, currency, (0, at), paid)
                    for value, currency, at, paid in amounts
                ),
                evidence=(evidence[file],),
            )
        )
    return made


def seed_demo(reports: ReportService, vault: VaultService, *, actor: str) -> int:
    """Fill an empty store with the demo data set; return how many reports were added."""
    if reports.count() or vault.items():
        return 0
    folder = resources.files(__package__)
    with resources.as_file(folder) as base:
        added = vault.add([Path(base) / name for name in FILES], actor=actor)
    evidence = {a.name: a.item.id for a in added}
    made = _reports(evidence)
    for report in made:
        reports.add(report)
    return len(made)

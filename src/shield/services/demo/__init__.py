"""The synthetic demonstration data set: invented people, invented offenders, invented chats.

Nothing here is real. Names, numbers and addresses are made up; phone numbers come from
Ofcom's drama range (07700 900xxx), e-mail domains are example.com/test, and the wallet
and IBAN are documentation examples.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from shield.core.models import Amount, Identifier, Message, Participant, Report
from shield.services.reports import ReportService
from shield.services.vault import VaultService

FILES = ("chat-demo-1.txt", "chat-demo-2.txt", "chat-demo-3.txt")


def _t(day: int, hour: int, minute: int) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


def _reports(evidence: dict[str, str]) -> list[Report]:
    return [
        Report(
            id="DEMO-0001",
            title="Instagram contact, threat to send video to followers",
            summary="A 16-year-old was asked for pictures, then threatened with a demand of £250.",
            source="demo",
            created_at=_t(2, 9, 0),
            participants=(
                Participant("sam_demo", "victim"),
                Participant("jess.x92.demo", "suspect"),
            ),
            messages=(
                Message(
                    0, "jess.x92.demo", "hey cutie, u from round here?", _t(1, 20, 4), ("approach",)
                ),
                Message(
                    1,
                    "jess.x92.demo",
                    "add me on snap: jess_x92_demo",
                    _t(1, 20, 9),
                    ("platform_move",),
                ),
                Message(
                    2,
                    "jess.x92.demo",
                    "I recorded everything. pay £250 or I send it to all ur followers",
                    _t(1, 21, 40),
                    ("capture", "threat", "payment_demand"),
                ),
            ),
            identifiers=(
                Identifier(
                    "handle",
                    "jess.x92.demo",
                    "instagram:jess.x92.demo",
                    "instagram",
                    "suspect",
                    None,
                ),
                Identifier(
                    "handle",
                    "snap: jess_x92_demo",
                    "snapchat:jess_x92_demo",
                    "snapchat",
                    "suspect",
                    1,
                ),
                Identifier(
                    "payment_handle", "$JessDemo92", "cashapp:jessdemo92", None, "suspect", 2
                ),
            ),
            amounts=(Amount(250.0, "GBP", 2, False),),
            evidence=(evidence["chat-demo-1.txt"],),
        ),
        Report(
            id="DEMO-0002",
            title="Dating app match, video call recorded, gift cards demanded",
            summary="A 22-year-old paid once; the offender demanded more.",
            source="demo",
            created_at=_t(5, 14, 30),
            participants=(Participant("alex_demo", "victim"), Participant("Mia Demo", "suspect")),
            messages=(
                Message(
                    0,
                    "Mia Demo",
                    "lets video chat on whatsapp +44 7700 900123",
                    _t(4, 22, 1),
                    ("platform_move",),
                ),
                Message(
                    1,
                    "Mia Demo",
                    "send 2 steam cards of £100 or your family sees the video",
                    _t(4, 23, 15),
                    ("threat", "payment_demand"),
                ),
                Message(
                    2,
                    "Mia Demo",
                    "thanks. now £300 more by midnight",
                    _t(5, 8, 2),
                    ("escalation", "payment_demand"),
                ),
            ),
            identifiers=(
                Identifier("phone", "+44 7700 900123", "+447700900123", None, "suspect", 0),
                Identifier(
                    "email",
                    "mia.demo+pay@example.com",
                    "mia.demo+pay@example.com",
                    None,
                    "suspect",
                    None,
                ),
            ),
            amounts=(Amount(200.0, "GBP", 1, True), Amount(300.0, "GBP", 2, False)),
            evidence=(evidence["chat-demo-2.txt"],),
        ),
        Report(
            id="DEMO-0003",
            title="Snapchat contact reusing the same Cash App tag",
            summary="A 15-year-old; the payment tag matches DEMO-0001.",
            source="demo",
            created_at=_t(9, 18, 45),
            participants=(
                Participant("kai_demo", "victim"),
                Participant("jess_x92_demo", "suspect"),
            ),
            messages=(
                Message(
                    0,
                    "jess_x92_demo",
                    "send $150 to $JessDemo92 or this goes to ur school",
                    _t(9, 17, 3),
                    ("threat", "payment_demand"),
                ),
            ),
            identifiers=(
                Identifier(
                    "handle", "jess_x92_demo", "snapchat:jess_x92_demo", "snapchat", "suspect", None
                ),
                Identifier(
                    "payment_handle", "$JessDemo92", "cashapp:jessdemo92", None, "suspect", 0
                ),
            ),
            amounts=(Amount(150.0, "USD", 0, False),),
            evidence=(evidence["chat-demo-3.txt"],),
        ),
    ]


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

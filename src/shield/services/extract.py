"""`shield extract`: chat exports and screenshots become one structure.

Each conversation found in the paths (ingest.open_source for exports; the screenshot service
for images) is read, its victim and suspect found (core.roles), its messages assessed with
roles (CheckService.chat), and every identifier and amount recognized. The result is an
``Extraction`` (core/extraction.py), the shape of CONTRACTS.md section 3.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from pathlib import Path
from typing import IO

from shield import __version__
from shield.core.amounts import find_amounts
from shield.core.conversation import ChatMessage, ExportHeader, ParsedExport
from shield.core.errors import BadInput, UnrecognizedFormat
from shield.core.extraction import (
    ExtractedAmount,
    ExtractedIdentifier,
    ExtractedMessage,
    Extraction,
    Person,
    Position,
    Source,
    Verdict,
)
from shield.core.recognizers import recognize
from shield.core.roles import Said, assign_roles, find_victim, identifier_role, merge_roles
from shield.core.vocabulary import STAGES
from shield.ingest import Document, open_source
from shield.services.check import CheckService
from shield.services.screenshots import SCREENSHOT_SUFFIXES, ScreenshotService

IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/heic", "image/heif")
# formats whose sender names are the platform's usernames
USERNAME_SENDERS = {"snapchat": "snapchat"}


@dataclass
class _Seen:
    """Every occurrence of one (kind, normalized) value, in reading order."""

    value: str
    platform: str | None
    first: Position | None
    last: Position | None
    writers: list[str] = field(default_factory=list)  # the roles of who wrote it


def _sha256(openers: Iterable[Callable[[], IO[bytes]]]) -> str:
    """A source's SHA-256: of its file, or of its files' bytes one after another."""
    digest = hashlib.sha256()
    for opener in openers:
        with opener() as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


class ExtractService:
    def __init__(self, checker: CheckService, screenshots: ScreenshotService) -> None:
        self.checker = checker
        self.screenshots = screenshots

    def extract(
        self,
        paths: Sequence[Path],
        *,
        victim: str | None = None,
        region: str = "GB",
        tz: tzinfo = UTC,
    ) -> Extraction:
        others: list[Document] = []
        conversations: list[tuple[Source, ParsedExport]] = []
        for opened in open_source(list(paths), tz=tz, others=others):
            digest = _sha256(d.open for d in opened.documents)
            source = Source(opened.path, opened.format, digest, 0)
            conversations.append((source, opened.export))
        conversations += self._screenshots(paths, others, tz)
        if not conversations:
            raise UnrecognizedFormat(
                "no chat export or screenshot found", path=", ".join(str(p) for p in paths)
            )
        return _Builder(self.checker, victim, region).build(conversations)

    def _screenshots(
        self, paths: Sequence[Path], others: Sequence[Document], tz: tzinfo
    ) -> list[tuple[Source, ParsedExport]]:
        """Screenshots given directly or found in folders (not inside archives: OCR reads
        files). Each chat they show is one source."""
        images: list[Path] = []
        for document in others:
            path = Path(document.name)
            if (
                document.media_type in IMAGE_TYPES
                and "!/" not in document.name
                and path.suffix.lower() in SCREENSHOT_SUFFIXES
                and path.is_file()
            ):
                images.append(path)
        if not images:
            return []
        reading = self.screenshots.read(images)
        names = [str(p) for p in reading.paths]
        found = []
        for chat in reading.chats:
            pages = [reading.paths[i] for i in chat.pages]
            source = Source(
                ", ".join(names[i] for i in chat.pages),
                "screenshot",
                _sha256(_opener(page) for page in pages),
                0,
            )
            found.append((source, chat.to_export(tz=tz, names=names)))
        return found


class _Builder:
    def __init__(self, checker: CheckService, victim: str | None, region: str) -> None:
        self.checker = checker
        self.victim = victim
        self.region = region
        self.sources: list[Source] = []
        self.people: dict[str, str] = {}
        self.messages: list[ExtractedMessage] = []
        self.seen: dict[tuple[str, str], _Seen] = {}
        self.amounts: list[ExtractedAmount] = []
        self.verdicts: list[Verdict] = []
        self.victim_matched = victim is None

    def build(self, conversations: Sequence[tuple[Source, ParsedExport]]) -> Extraction:
        for number, (source, export) in enumerate(conversations):
            self._conversation(number, source, export)
        if not self.victim_matched:
            raise BadInput(f"no participant called {self.victim!r} in any source")
        order = {stage: i for i, stage in enumerate(STAGES)}
        stages = sorted({s for v in self.verdicts for s in v.stages}, key=order.__getitem__)
        identifiers = tuple(
            ExtractedIdentifier(
                kind,
                seen.value,
                normalized,
                seen.platform,
                merge_roles(seen.writers),
                seen.first,
                seen.last,
            )
            for (kind, normalized), seen in self.seen.items()
        )
        return Extraction(
            sources=tuple(self.sources),
            participants=tuple(Person(n, r) for n, r in self.people.items()),
            messages=tuple(self.messages),
            identifiers=identifiers,
            amounts=tuple(self.amounts),
            assessment=Verdict(
                sextortion=any(v.sextortion for v in self.verdicts),
                risk=max((v.risk for v in self.verdicts), default=0.0),
                stages=tuple(stages),
                urgent=any(v.urgent for v in self.verdicts),
            ),
            versions={"shield": __version__, "assessment": self.checker.model_version},
        )

    def _conversation(self, number: int, source: Source, export: ParsedExport) -> None:
        header = export.header
        messages = list(export.messages)
        senders = (m.sender for m in messages if m.kind != "system" and m.sender.strip())
        people = list(dict.fromkeys([*header.participants, *senders]))
        first = self.checker.chat(messages, {})
        said = [
            Said(m.sender, a.stages, m.side) for m, a in zip(messages, first.messages, strict=True)
        ]
        named = self.victim
        if named is not None:
            try:
                victim, _ = find_victim(people, said, victim=named)
                self.victim_matched = True
            except BadInput:
                victim, _ = find_victim(people, said, owner=header.owner)
        else:
            victim, _ = find_victim(people, said, owner=header.owner)
        roles = assign_roles(people, said, victim)
        assessed = self.checker.chat(messages, roles)
        self.verdicts.append(
            Verdict(assessed.sextortion, assessed.risk, assessed.stages, assessed.urgent)
        )
        for name in people:
            known = self.people.get(name, "unknown")
            self.people[name] = roles[name] if known == "unknown" else known
        self._sender_identifiers(header, people, roles)
        previous = ""
        for message, result in zip(messages, assessed.messages, strict=True):
            self.messages.append(
                ExtractedMessage(
                    number,
                    message.index,
                    message.sender,
                    message.text,
                    message.ts,
                    result.stages,
                    message.kind,
                )
            )
            self._recognize(number, message, roles, previous, ocr=source.format == "screenshot")
            previous = message.text
        self.sources.append(
            Source(source.path, source.format, source.sha256, len(messages), header.notes)
        )

    def _note(
        self,
        kind: str,
        normalized: str,
        *,
        value: str,
        platform: str | None,
        at: Position | None,
        role: str,
    ) -> None:
        seen = self.seen.get((kind, normalized))
        if seen is None:
            seen = self.seen[(kind, normalized)] = _Seen(value, platform, at, at)
        elif at is not None:
            seen.first = seen.first or at
            seen.last = at
        seen.writers.append(role)

    def _sender_identifiers(
        self, header: ExportHeader, people: Sequence[str], roles: dict[str, str]
    ) -> None:
        """Senders shown only as a phone number are phone identifiers; on platforms whose
        exports name senders by username, senders are handles; profile links in the export's
        own data are read too (all with no message position)."""
        platform = USERNAME_SENDERS.get(header.format)
        for name in people:
            role = roles.get(name, "unknown")
            for found in recognize(name, region=self.region):
                if found.kind == "phone" and found.value.strip() == name.strip():
                    self._note(
                        "phone", found.normalized, value=name, platform=None, at=None, role=role
                    )
            if platform and name and " " not in name.strip():
                handle = name.strip().lstrip("@").lower()
                self._note(
                    "handle",
                    f"{platform}:{handle}",
                    value=name,
                    platform=platform,
                    at=None,
                    role=role,
                )
        for link in header.links:
            for found in recognize(link, region=self.region):
                self._note(
                    found.kind,
                    found.normalized,
                    value=found.value,
                    platform=found.platform,
                    at=None,
                    role="unknown",
                )

    def _recognize(
        self,
        number: int,
        message: ChatMessage,
        roles: dict[str, str],
        previous: str,
        *,
        ocr: bool,
    ) -> None:
        if not message.text:
            return
        at = (number, message.index)
        sender_role = roles.get(message.sender, "unknown")
        for found in recognize(message.text, region=self.region, ocr=ocr, context=previous):
            self._note(
                found.kind,
                found.normalized,
                value=found.value,
                platform=found.platform,
                at=at,
                role=identifier_role(found.kind, sender_role),
            )
        for amount in find_amounts(message.text):
            self.amounts.append(ExtractedAmount(amount.amount, amount.currency, at))

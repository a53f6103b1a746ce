"""`shield extract`: chat exports and screenshots become one structure.

Each conversation found in the paths (ingest.open_source for exports; the screenshot service
for images) is read, its victim and suspect found (core.roles), its messages assessed with
roles (CheckService.chat), and every identifier and amount recognized. The result is an
``Extraction`` (core/extraction.py), the shape of CONTRACTS.md section 3.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from datetime import UTC, tzinfo
from pathlib import Path
from typing import IO

from shield import __version__
from shield.core.assessment.assessor import Assessor
from shield.core.conversation import ParsedExport
from shield.core.errors import BadInput, UnrecognizedFormat
from shield.core.extraction import (
    ExtractedIdentifier,
    ExtractedMessage,
    Extraction,
    Person,
    Position,
    Source,
    Verdict,
)
from shield.core.recognizers import recognize
from shield.core.roles import identifier_role, merge_roles
from shield.core.vocabulary import STAGES
from shield.ingest import Document, open_source
from shield.services.check import CheckService
from shield.services.screenshots import SCREENSHOT_SUFFIXES, ScreenshotService
from shield.services.transcript import Occurrence, Transcript

IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/heic", "image/heif")
# formats whose sender names are the platform's usernames
USERNAME_SENDERS = {"snapchat": "snapchat"}


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
        """Everything in memory: for packs and pages (a chat of ordinary size)."""
        run = self.open(paths, victim=victim, region=region, tz=tz)
        return run.result(tuple(run.messages()))

    def open(
        self,
        paths: Sequence[Path],
        *,
        victim: str | None = None,
        region: str = "GB",
        tz: tzinfo = UTC,
    ) -> ExtractionRun:
        """The first pass over every conversation: roles, verdicts, identifiers and amounts are
        known; messages come from ``messages()`` one at a time, for writers that stream."""
        return self._read(paths, victim=victim, region=region, tz=tz)

    def _read(
        self, paths: Sequence[Path], *, victim: str | None, region: str, tz: tzinfo
    ) -> ExtractionRun:
        assessor = self.checker.assessor
        others: list[Document] = []
        transcripts: list[Transcript] = []
        # each conversation is read to its end before the next is asked for (streamed formats
        # such as a Telegram full export read their file once that way)
        for opened in open_source(list(paths), tz=tz, others=others):
            digest = _sha256(d.open for d in opened.documents)
            source = Source(opened.path, opened.format, digest, 0)
            transcript = Transcript(len(transcripts), source, opened.export)
            transcript.read(assessor, region=region, ocr=False)
            transcripts.append(transcript)
        for source, export in self._screenshots(others, tz):
            transcript = Transcript(len(transcripts), source, export)
            transcript.read(assessor, region=region, ocr=True)
            transcripts.append(transcript)
        if not transcripts:
            raise UnrecognizedFormat(
                "no chat export or screenshot found", path=", ".join(str(p) for p in paths)
            )
        matched = victim is None
        for transcript in transcripts:
            matched = transcript.decide(assessor, victim=victim, matched=matched)
        if not matched:
            raise BadInput(f"no participant called {victim!r} in any source")
        return ExtractionRun(transcripts, region, assessor)

    def _screenshots(
        self, others: Sequence[Document], tz: tzinfo
    ) -> list[tuple[Source, ParsedExport]]:
        """Screenshots given directly or found in folders (not inside archives: OCR reads
        files). Each chat they show is one source."""
        images = [
            Path(d.name)
            for d in others
            if d.media_type in IMAGE_TYPES
            and "!/" not in d.name
            and Path(d.name).suffix.lower() in SCREENSHOT_SUFFIXES
            and Path(d.name).is_file()
        ]
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


class ExtractionRun:
    """Every conversation after the first pass: roles, verdicts, identifiers, amounts."""

    def __init__(self, transcripts: list[Transcript], region: str, assessor: Assessor) -> None:
        self.transcripts = transcripts
        self.region = region
        self.assessor = assessor
        self._stages: set[str] = set()

    def messages(self) -> Iterator[ExtractedMessage]:
        """Every message with its stages, streamed from the spools (once)."""
        for transcript in self.transcripts:
            for message in transcript.replay(self.assessor):
                self._stages.update(message.stages)
                yield message

    def result(self, messages: tuple[ExtractedMessage, ...] = ()) -> Extraction:
        """The extraction; its stages are those of the messages replayed so far."""
        people: dict[str, str] = {}
        for t in self.transcripts:
            for name in t.people:
                known = people.get(name, "unknown")
                people[name] = t.roles.get(name, "unknown") if known == "unknown" else known
        order = {stage: i for i, stage in enumerate(STAGES)}
        found = self._stages | {s for m in messages for s in m.stages}
        return Extraction(
            sources=tuple(
                Source(t.source.path, t.source.format, t.source.sha256, t.count, t.header.notes)
                for t in self.transcripts
            ),
            participants=tuple(Person(n, r) for n, r in people.items()),
            messages=messages,
            identifiers=self._identifiers(),
            amounts=tuple(a for t in self.transcripts for a in t.amounts),
            assessment=Verdict(
                sextortion=any(t.sextortion for t in self.transcripts),
                risk=round(max(t.risk for t in self.transcripts), 4),
                stages=tuple(sorted(found, key=order.__getitem__)),
                urgent=any(t.urgent for t in self.transcripts),
            ),
            versions={"shield": __version__, "assessment": self.assessor.version},
        )

    def _identifiers(self) -> tuple[ExtractedIdentifier, ...]:
        """Each distinct (kind, normalized) once, at its first occurrence, with the last one
        and the role all its occurrences give it (core.roles)."""
        firsts: dict[tuple[str, str], Occurrence] = {}
        lasts: dict[tuple[str, str], Position] = {}
        roles: dict[tuple[str, str], list[str]] = {}
        for t in self.transcripts:
            seen: list[tuple[Occurrence, Position | None, AbstractSet[str | None]]]
            seen = [(o, o.at, {o.sender}) for o in self._sender_identifiers(t)]
            seen += [(i.first, i.last, i.senders) for i in t.identifiers.values()]
            for o, last, senders in seen:
                key = (o.kind, o.normalized)
                firsts.setdefault(key, o)
                if last is not None:  # found in a message, not in the export's own data
                    lasts[key] = last
                    if firsts[key].at is None:
                        firsts[key] = o
                for sender in senders:
                    writer = t.roles.get(sender, "unknown") if sender is not None else "unknown"
                    roles.setdefault(key, []).append(identifier_role(o.kind, writer))
        return tuple(
            ExtractedIdentifier(
                o.kind,
                o.value,
                o.normalized,
                o.platform,
                merge_roles(roles[key]),
                o.at,
                lasts.get(key),
            )
            for key, o in firsts.items()
        )

    def _sender_identifiers(self, t: Transcript) -> list[Occurrence]:
        """Senders shown only as a phone number are phone identifiers; on platforms whose
        exports name senders by username, senders are handles; profile links in the export's
        own data are read too (all with no message position)."""
        found: list[Occurrence] = []
        platform = USERNAME_SENDERS.get(t.header.format)
        for name in t.people:
            for hit in recognize(name, region=self.region):
                if hit.kind == "phone" and hit.value.strip() == name.strip():
                    found.append(Occurrence("phone", hit.normalized, name, None, None, name))
            if platform and " " not in name.strip():
                handle = f"{platform}:{name.strip().lstrip('@').lower()}"
                found.append(Occurrence("handle", handle, name, platform, None, name))
        for link in t.header.links:
            for hit in recognize(link, region=self.region):
                found.append(
                    Occurrence(hit.kind, hit.normalized, hit.value, hit.platform, None, None)
                )
        return found

"""report.pdf's content: what an officer reads first, as a Document for the renderer."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from shield.core.about import About
from shield.core.document import Block, Document, Fields, Heading, Table, Text
from shield.core.extraction import ExtractedIdentifier, Extraction
from shield.services.pack.contents import (
    Carried,
    Places,
    amount_status,
    format_amount,
    format_time,
)

MESSAGE_TEXT_LIMIT = 4000  # longer messages are cut in the PDF, saying so; timeline.csv has all


def _who(about: About, victim: str | None) -> tuple[Block, ...]:
    rows: list[tuple[str, str]] = []
    name = about.name or victim or ""
    rows.append(("Name", name or "not given"))
    if about.alias:
        rows.append(("Also known as", about.alias))
    rows.append(("Age band", about.age_band or "not given"))
    rows.append(("Police area", about.police_area or "not given"))
    rows.append(("How to contact", about.contact or "not given"))
    for ref in about.references:
        rows.append(("Reference", f"{ref.value} ({ref.issuer})" if ref.issuer else ref.value))
    if not about.references:
        rows.append(("References", "none given"))
    if about.notes:
        rows.append(("Notes", about.notes))
    return (Heading("Who reports", 2), Fields(tuple(rows)))


def _summary(extraction: Extraction, places: Places) -> tuple[Block, ...]:
    lines = []
    times = [m.ts for m in extraction.messages if m.ts is not None]
    suspects = [p.name for p in extraction.participants if p.role == "suspect"]
    victims = [p.name for p in extraction.participants if p.role == "victim"]
    span = ""
    if times:
        span = (
            f" between {format_time(min(times, key=_key))} and {format_time(max(times, key=_key))}"
        )
    lines.append(
        f"{len(extraction.messages)} messages in {len(extraction.sources)} source(s){span}."
    )
    if suspects or victims:
        lines.append(
            f"Suspected offender account(s): {', '.join(suspects) or 'not identified'}; "
            f"person targeted: {', '.join(victims) or 'not identified'}."
        )
    verdict = extraction.assessment
    stages = ", ".join(s.replace("_", " ") for s in verdict.stages) or "none"
    lines.append(
        f"Assessment: {'sextortion' if verdict.sextortion else 'not assessed as sextortion'} "
        f"(risk {verdict.risk:.2f}); stages seen: {stages}."
    )
    suspect_ids = [i for i in extraction.identifiers if i.role != "victim"]
    lines.append(f"{len(suspect_ids)} identifier(s) of the offender or of unknown owner.")
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for a in extraction.amounts:
        totals[amount_status(a.paid)][a.currency] += a.amount
    for status in ("demanded", "paid", "mentioned"):
        if totals.get(status):
            money = ", ".join(format_amount(v, c) for c, v in sorted(totals[status].items()))
            lines.append(f"Amounts {status}: {money}.")
    for n, source in enumerate(extraction.sources):
        for note in source.notes:
            lines.append(f"Note on {places.source_name(n)}: {note}")
    return (Heading("What happened", 2), Text("\n".join(lines)))


def _key(ts: datetime) -> float:
    return ts.timestamp() if ts.tzinfo is not None else ts.replace(tzinfo=UTC).timestamp()


def _identifiers(extraction: Extraction, places: Places) -> tuple[Block, ...]:
    header = ("Kind", "Value as seen", "Normal form", "Platform", "Role", "First seen", "Last seen")
    widths = (1.0, 1.5, 1.6, 0.75, 0.65, 1.5, 1.5)
    offender = [i for i in extraction.identifiers if i.role != "victim"]
    own = [i for i in extraction.identifiers if i.role == "victim"]
    blocks: list[Block] = [Heading("The offender's identifiers", 2)]

    def rows(items: list[ExtractedIdentifier]) -> tuple[tuple[str, ...], ...]:
        out = []
        for ident in items:
            out.append(
                (
                    ident.kind,
                    ident.value,
                    ident.normalized,
                    ident.platform or "",
                    ident.role,
                    places.where(ident.message),
                    places.where(ident.last_seen or ident.message),
                )
            )
        return tuple(out)

    if offender:
        blocks.append(Table(header, rows(offender), widths, mono_columns=(2,)))
    else:
        blocks.append(Text("No identifier of the offender was found."))
    if own:
        blocks.append(Heading("Accounts of the person reporting", 3))
        blocks.append(Table(header, rows(own), widths, mono_columns=(2,)))
    return tuple(blocks)


def _amounts(extraction: Extraction, places: Places) -> tuple[Block, ...]:
    if not extraction.amounts:
        return (Heading("Money", 2), Text("No amount of money was found in the messages."))
    rows = tuple(
        (
            format_amount(a.amount, a.currency),
            amount_status(a.paid),
            format_time(places.time_of(a.message)),
            places.where(a.message),
        )
        for a in extraction.amounts
    )
    return (
        Heading("Money demanded and paid", 2),
        Table(("Amount", "Status", "Date", "Where"), rows, (1.2, 0.8, 1.6, 2.4)),
    )


def _timeline(extraction: Extraction, places: Places) -> tuple[Block, ...]:
    blocks: list[Block] = [
        Heading("Timeline of the conversation", 2),
        Text(
            f"All {len(extraction.messages)} messages, in order, with the stages Shield "
            "recognised. Times are shown with their time zone as the source gave them. "
            f"Messages over {MESSAGE_TEXT_LIMIT} characters are cut here, saying so; "
            "timeline.csv holds every message in full.",
            small=True,
        ),
    ]
    by_source: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for m in extraction.messages:
        text = m.text
        if len(text) > MESSAGE_TEXT_LIMIT:
            text = (
                text[:MESSAGE_TEXT_LIMIT]
                + f" [... {len(m.text) - MESSAGE_TEXT_LIMIT} more characters: see timeline.csv,"
                f" source {m.source} index {m.index}]"
            )
        if m.kind != "text":
            text = f"[{m.kind}] {text}"
        stages = "\n".join(s.replace("_", " ").upper() for s in m.stages)
        by_source[m.source].append((str(m.index), format_time(m.ts), m.sender, stages, text))
    for source in sorted(by_source):
        rows = by_source[source]
        blocks.append(
            Heading(f"Source {source}: {places.source_name(source)} ({len(rows)} messages)", 3)
        )
        blocks.append(
            Table(
                ("#", "Time", "Sender", "Stage", "Message"),
                tuple(rows),
                (0.35, 1.25, 0.9, 1.05, 3.45),
            )
        )
    return tuple(blocks)


def _evidence(
    extraction: Extraction, carried: tuple[Carried, ...], places: Places
) -> tuple[Block, ...]:
    rows = tuple(
        (
            c.entry or f"not in the pack ({c.reason}); given as {c.original.name}",
            str(c.original.size),
            c.original.sha256,
            c.original.media_type,
        )
        for c in carried
    )
    blocks: list[Block] = [
        Heading("Evidence files", 2),
        Table(("File", "Bytes", "SHA-256", "Type"), rows, (2.0, 0.6, 2.6, 1.0), mono_columns=(2,)),
    ]
    if extraction.sources:
        blocks.append(Heading("What was read from them", 3))
        blocks.append(
            Table(
                ("Source", "Format", "Messages", "SHA-256"),
                tuple(
                    (places.source_name(n), s.format, str(s.messages), s.sha256)
                    for n, s in enumerate(extraction.sources)
                ),
                (2.0, 0.8, 0.6, 2.6),
                mono_columns=(3,),
            )
        )
    return tuple(blocks)


def _making(
    extraction: Extraction, created: datetime, shield_version: str, custody_head: str | None
) -> tuple[Block, ...]:
    rows = [("Made by", f"Shield {shield_version}"), ("Made at", format_time(created))]
    rows += [(name, version) for name, version in sorted(extraction.versions.items())]
    if not extraction.versions:
        rows.append(("Rules and models", "no versions recorded by the extraction"))
    if custody_head:
        rows.append(("Custody log head", custody_head))
    verify = (
        "1. Unzip the pack into an empty folder.\n"
        "2. In that folder run: sha256sum -c SHA256SUMS\n"
        "   Every line must end in OK. SHA256SUMS lists every file of the pack, manifest.json "
        "included; a file in the folder that it does not list was added later.\n"
        "3. Or run: shield pack verify PACK.zip (reports any file altered, missing or added).\n"
        "4. Compare the SHA-256 of each file in evidence/ with the table above, and with the "
        "originals where you hold them: the files are copied byte for byte.\n"
        "5. custody.jsonl (when present) holds the vault's custody events for these files; "
        "each line's hash is the SHA-256 of its canonical JSON (see docs/custody.md)."
    )
    return (
        Heading("How this pack was made", 2),
        Fields(tuple(rows)),
        Heading("How to verify it", 2),
        Text(verify),
    )


def build_report(
    extraction: Extraction,
    carried: tuple[Carried, ...],
    places: Places,
    *,
    about: About,
    victim: str | None,
    created: datetime,
    shield_version: str,
    custody_head: str | None,
) -> Document:
    blocks: list[Block] = [
        Heading("Evidence pack: online sextortion report", 1),
        Text(
            f"Made {format_time(created)} by Shield {shield_version}. The files listed at the "
            "end are in this pack byte for byte, with their SHA-256.",
            small=True,
        ),
    ]
    blocks += _who(about, victim)
    blocks += _summary(extraction, places)
    blocks += _identifiers(extraction, places)
    blocks += _amounts(extraction, places)
    blocks += _timeline(extraction, places)
    blocks += _evidence(extraction, carried, places)
    blocks += _making(extraction, created, shield_version, custody_head)
    return Document(
        title="Evidence pack: online sextortion report",
        subject="Shield evidence pack",
        blocks=tuple(blocks),
        footer=f"Shield evidence pack, made {format_time(created)}",
    )

"""The evidence pack: one ZIP a victim hands over and an officer can check.

Originals come from paths or from the vault (each read logged there). The pack holds them
byte for byte under evidence/, the report for people, spreadsheets for analysts, the same in
CASE/UCO JSON-LD for other systems, the custody events of vault items, and a manifest and
SHA256SUMS over every file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from shield.core.about import About
from shield.core.custody import CustodyEvent
from shield.core.errors import BadInput, ExtractionUnavailable, FileChanged, UnreadableFile
from shield.core.extraction import Extraction
from shield.core.mediatype import SNIFF_BYTES, sniff
from shield.core.ports import Clock, DocumentRenderer, Extractor
from shield.services.pack.archive import Entry, compress_for, entry_of, safe_names, write_zip
from shield.services.pack.case import case_document
from shield.services.pack.contents import Carried, Original, PackedFile, PackRequest, Places
from shield.services.pack.report import build_report
from shield.services.pack.sheets import amounts_csv, identifiers_csv, timeline_csv
from shield.services.pack.verification import (
    CUSTODY,
    MANIFEST,
    SUMS,
    PackCheck,
    verify_pack,
)
from shield.services.vault import VaultService, collect

CHUNK = 1 << 20
FORMAT = "shield-evidence-pack"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class PackResult:
    path: Path
    created: datetime
    manifest_sha256: str
    files: tuple[PackedFile, ...]
    carried: tuple[Carried, ...]


def _chunks(path: Path) -> Callable[[], Iterator[bytes]]:
    def read() -> Iterator[bytes]:
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    yield chunk
        except OSError as exc:
            raise UnreadableFile(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc

    return read


def original_of(path: Path, name: str, item: str | None = None) -> Original:
    """Hash a file once, to know what the pack must carry."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    read = _chunks(path)
    for chunk in read():
        if len(head) < SNIFF_BYTES:
            head += chunk[: SNIFF_BYTES - len(head)]
        digest.update(chunk)
        size += len(chunk)
    return Original(name, digest.hexdigest(), size, sniff(head), read, item)


def _sums(files: Sequence[PackedFile]) -> bytes:
    return "".join(f"{f.sha256}  {f.name}\n" for f in sorted(files, key=lambda f: f.name)).encode(
        "utf-8"
    )


class PackService:
    def __init__(
        self,
        renderer: DocumentRenderer,
        clock: Clock,
        *,
        version: str,
        region: str = "GB",
        extractor: Extractor | None = None,
        vault: VaultService | None = None,
    ) -> None:
        self.renderer = renderer
        self.clock = clock
        self.version = version
        self.region = region
        self.extractor = extractor
        self.vault = vault

    # -- the pack itself --------------------------------------------------------------------
    def build(self, request: PackRequest, out: Path) -> PackResult:
        created = self.clock.now()
        names = safe_names([o.name for o in request.originals])
        carried = tuple(
            Carried(o, None, "left out with --no-media")
            if request.no_media and o.is_media
            else Carried(o, name)
            for o, name in zip(request.originals, names, strict=True)
        )
        places = Places(request.extraction, carried)
        entries: list[Entry] = [
            Entry(
                c.entry,
                c.original.size,
                c.original.sha256,
                read=c.original.read,
                compress=compress_for(c.original.media_type),
            )
            for c in carried
            if c.entry is not None
        ]
        ex = request.extraction
        entries.append(entry_of("identifiers.csv", identifiers_csv(ex, places)))
        entries.append(entry_of("timeline.csv", timeline_csv(ex, places)))
        entries.append(entry_of("amounts.csv", amounts_csv(ex, places)))
        document = build_report(
            ex,
            carried,
            places,
            about=request.about,
            victim=request.victim,
            created=created,
            shield_version=self.version,
            custody_head=request.custody_head,
        )
        entries.append(entry_of("report.pdf", self.renderer.render(document)))
        if request.custody:
            entries.append(entry_of(CUSTODY, _custody_lines(request.custody)))
        generated = tuple(
            PackedFile(e.name, e.size, e.sha256)
            for e in entries
            if not e.name.startswith("evidence/")
        )
        entries.append(
            entry_of(
                "case.jsonld",
                case_document(
                    ex, carried, generated, places, created=created, shield_version=self.version
                ),
            )
        )
        files = tuple(
            sorted((PackedFile(e.name, e.size, e.sha256) for e in entries), key=lambda f: f.name)
        )
        manifest = entry_of(MANIFEST, self._manifest(request, carried, files, created))
        entries.append(manifest)
        entries.append(
            entry_of(SUMS, _sums([*files, PackedFile(MANIFEST, manifest.size, manifest.sha256)]))
        )
        write_zip(out, entries, created)
        return PackResult(out, created, manifest.sha256, files, carried)

    def _manifest(
        self,
        request: PackRequest,
        carried: tuple[Carried, ...],
        files: tuple[PackedFile, ...],
        created: datetime,
    ) -> bytes:
        originals = {c.entry: c.original for c in carried if c.entry}
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created": created.isoformat(),
            "shield_version": self.version,
            "versions": dict(sorted(request.extraction.versions.items())),
            "custody_head": request.custody_head,
            "files": [
                {
                    "name": f.name,
                    "size": f.size,
                    "sha256": f.sha256,
                    **(
                        {
                            "original_name": originals[f.name].name,
                            "media_type": originals[f.name].media_type,
                            "vault_item": originals[f.name].item,
                        }
                        if f.name in originals
                        else {}
                    ),
                }
                for f in files
            ],
            "omitted": [
                {
                    "original_name": c.original.name,
                    "size": c.original.size,
                    "sha256": c.original.sha256,
                    "media_type": c.original.media_type,
                    "reason": c.reason,
                }
                for c in carried
                if c.entry is None
            ],
        }
        return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def verify(self, path: Path) -> PackCheck:
        return verify_pack(path)

    # -- from files and from the vault ------------------------------------------------------
    def _extract(self, paths: Sequence[Path], victim: str | None) -> Extraction:
        if self.extractor is None:
            raise ExtractionUnavailable(
                "extraction is unavailable in this installation, so no pack can be made from "
                "files yet (`shield pack verify` works)"
            )
        return self.extractor.extract(list(paths), victim=victim, region=self.region)

    def from_paths(
        self,
        paths: Sequence[Path],
        out: Path,
        *,
        victim: str | None = None,
        about: About | None = None,
        no_media: bool = False,
    ) -> PackResult:
        if self.extractor is None:
            self._extract(paths, victim)
        _check_out(out)
        intakes = collect(paths)
        originals = tuple(original_of(i.path, i.name) for i in intakes)
        extraction = self._extract(paths, victim)
        request = PackRequest(extraction, originals, about or About(), victim, no_media)
        return self.build(request, out)

    def from_vault(
        self,
        refs: Sequence[str],
        out: Path,
        *,
        actor: str,
        victim: str | None = None,
        about: About | None = None,
        no_media: bool = False,
    ) -> PackResult:
        if self.vault is None:
            raise BadInput("no vault is configured")
        if self.extractor is None:
            self._extract([], victim)
        _check_out(out)
        vault = self.vault
        with tempfile.TemporaryDirectory(prefix="shield-pack-") as tmp:
            folder = Path(tmp)
            os.chmod(folder, 0o700)
            paths: list[Path] = []
            originals: list[Original] = []
            items = []
            for n, ref in enumerate(refs):
                item, chunks = vault.read(ref, actor=actor, purpose="evidence pack")
                items.append(item)
                target = folder / f"{n:04d}" / (Path(item.original_name).name or "file")
                target.parent.mkdir()
                digest = hashlib.sha256()
                with open(target, "xb") as handle:
                    for chunk in chunks:
                        digest.update(chunk)
                        handle.write(chunk)
                if digest.hexdigest() != item.sha256:
                    raise FileChanged(
                        "the stored blob no longer matches its hash; run `shield vault verify`",
                        path=item.id,
                    )
                paths.append(target)
                originals.append(
                    Original(
                        item.original_name,
                        item.sha256,
                        item.size,
                        item.media_type,
                        _chunks(target),
                        item.id,
                    )
                )
            extraction = self._extract(paths, victim)
            ids = {i.id for i in items}
            events = vault.evidence.events()
            custody = tuple(ev for ev in events if ev.item in ids)
            head = events[-1].hash if events else None
            request = PackRequest(
                extraction, tuple(originals), about or About(), victim, no_media, custody, head
            )
            result = self.build(request, out)
        for c in result.carried:
            vault.record_export(
                c.original.item or "",
                {
                    "to": str(out),
                    "as": c.entry,
                    "pack_manifest_sha256": result.manifest_sha256,
                },
                actor=actor,
            )
        return result


def _custody_lines(events: Sequence[CustodyEvent]) -> bytes:
    return "".join(
        json.dumps(ev.record(), sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
        for ev in events
    ).encode("utf-8")


def _check_out(out: Path) -> None:
    if out.exists():
        raise BadInput("already exists; choose another --out", path=str(out))
    if out.suffix.lower() != ".zip":
        raise BadInput("the pack must be written to a .zip file", path=str(out))

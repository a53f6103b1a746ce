"""The pack as a reproducible ZIP: sorted entries, one fixed timestamp, fixed attributes.

Originals stream in chunks and are hashed again on the way in, so a file that changed since
it was first read is refused rather than packed under a stale hash.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from shield.core.errors import BadInput, FileChanged

EVIDENCE_DIR = "evidence"
NAME_LIMIT = 80
ZIP64_FROM = (1 << 31) - 1
STORED_TYPES = ("image/", "video/", "audio/", "application/zip", "application/gzip")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Entry:
    """One file of the pack: bytes in memory, or a reader of an original's chunks."""

    name: str
    size: int
    sha256: str
    data: bytes | None = None
    read: Callable[[], Iterator[bytes]] | None = None
    compress: bool = True


def entry_of(name: str, data: bytes) -> Entry:
    return Entry(name, len(data), hashlib.sha256(data).hexdigest(), data=data)


def _component(part: str) -> str:
    text = unicodedata.normalize("NFKD", part)
    text = text.encode("ascii", "ignore").decode("ascii")
    text = _UNSAFE.sub("_", text).strip("_")
    text = text.lstrip(".") or "file"
    if len(text) > NAME_LIMIT:
        stem, dot, ext = text.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            text = stem[: NAME_LIMIT - len(ext) - 1] + "." + ext
        else:
            text = text[:NAME_LIMIT]
    return text


def safe_names(names: list[str]) -> list[str]:
    """Pack names under evidence/ for files given as ``names``: no traversal, no absolute
    paths, portable characters only, and no two equal even ignoring case."""
    used: set[str] = set()
    result = []
    for name in names:
        parts = [p for p in re.split(r"[\\/]+", name) if p not in ("", ".", "..")]
        clean = [_component(p) for p in parts[-4:]] or ["file"]
        candidate = "/".join([EVIDENCE_DIR, *clean])
        n = 1
        while candidate.lower() in used:
            n += 1
            last = clean[-1]
            stem, dot, ext = last.rpartition(".")
            bumped = f"{stem}-{n}.{ext}" if dot and stem else f"{last}-{n}"
            candidate = "/".join([EVIDENCE_DIR, *clean[:-1], bumped])
        used.add(candidate.lower())
        result.append(candidate)
    return result


def compress_for(media_type: str) -> bool:
    return not media_type.startswith(STORED_TYPES)


def _info(name: str, when: datetime, compress: bool, size: int) -> zipfile.ZipInfo:
    utc = when.astimezone(UTC)
    stamp = max(
        (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second & ~1), (1980, 1, 1, 0, 0, 0)
    )
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    info.file_size = size
    return info


def write_zip(target: Path, entries: list[Entry], when: datetime) -> None:
    """Write the entries, sorted by name, to ``target`` atomically (temp file, then rename)."""
    names = [e.name for e in entries]
    if len(set(names)) != len(names):
        raise ValueError("two pack entries share a name")
    if target.exists():
        raise BadInput("already exists; choose another --out", path=str(target))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise BadInput("the folder for --out does not exist", path=str(target))
    partial = parent / f".{target.name}.partial"
    try:
        raw_file = open(partial, "xb")  # noqa: SIM115 (closed by the with below)
    except FileExistsError as exc:
        raise BadInput("a pack is already being written here", path=str(partial)) from exc
    try:
        with raw_file as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as archive:
            for entry in sorted(entries, key=lambda e: e.name):
                info = _info(entry.name, when, entry.compress, entry.size)
                if entry.data is not None:
                    archive.writestr(info, entry.data)
                    continue
                assert entry.read is not None
                digest = hashlib.sha256()
                size = 0
                with archive.open(info, "w", force_zip64=entry.size > ZIP64_FROM) as out:
                    for chunk in entry.read():
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                if digest.hexdigest() != entry.sha256 or size != entry.size:
                    raise FileChanged(
                        "changed while the pack was being made; nothing was written",
                        path=entry.name,
                    )
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()


def is_safe_member(name: str) -> bool:
    """A member name that extracts inside the folder it is unpacked in, on any system."""
    if not name or len(name) > 1024 or "\\" in name or name.startswith("/"):
        return False
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        return False
    path = PurePosixPath(name)
    if re.match(r"^[A-Za-z]:", name):
        return False
    return all(part not in ("..", ".", "") for part in path.parts) and not name.endswith("/")

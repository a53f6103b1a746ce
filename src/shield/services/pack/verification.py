"""`shield pack verify`: recompute every hash of a pack and say what was altered, removed or
added. Packs come from anywhere, so the ZIP is read defensively: names that would escape the
folder, decompression bombs and broken archives are refused before anything is hashed."""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shield.core.custody import event_hash
from shield.core.errors import BadPack, MissingPath, UnreadableFile
from shield.services.pack.archive import is_safe_member

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
CUSTODY = "custody.jsonl"
MAX_ENTRIES = 100_000
MAX_ENTRY_BYTES = 64 << 30
MAX_TOTAL_BYTES = 256 << 30
MAX_RATIO = 200  # a deflated entry this many times smaller than its content is a bomb
RATIO_FROM = 1 << 20
MAX_INDEX_BYTES = 256 << 20  # manifest.json and SHA256SUMS
CHUNK = 1 << 20
_SUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


@dataclass(frozen=True)
class PackProblem:
    kind: str  # altered | missing | added
    name: str
    detail: str

    def line(self) -> str:
        return f"{self.kind}: {self.name}: {self.detail}"


@dataclass
class PackCheck:
    path: str
    files: int = 0
    created: str | None = None
    manifest_sha256: str | None = None
    problems: list[PackProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _open(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        raise MissingPath("no such file", path=str(path))
    if not path.is_file():
        raise UnreadableFile("not a regular file", path=str(path))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise BadPack(f"not a readable ZIP file ({exc})", path=str(path)) from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc


def _screen(archive: zipfile.ZipFile, where: str) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BadPack(f"holds {len(infos)} entries, more than a pack can", path=where)
    seen: set[str] = set()
    total = 0
    files = []
    for info in infos:
        shown = repr(info.filename)[1:-1][:120]
        if info.is_dir() and is_safe_member(info.filename.rstrip("/")):
            continue
        if not is_safe_member(info.filename):
            raise BadPack(
                f"unsafe entry name {shown!r} (absolute, '..' or control characters)", path=where
            )
        if info.filename.lower() in seen:
            raise BadPack(f"two entries named {shown!r}", path=where)
        seen.add(info.filename.lower())
        if stat.S_ISLNK(info.external_attr >> 16):
            raise BadPack(f"entry {shown!r} is a symbolic link", path=where)
        if info.flag_bits & 0x1:
            raise BadPack(f"entry {shown!r} is encrypted", path=where)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BadPack(f"entry {shown!r} uses an unsupported compression", path=where)
        if info.file_size > MAX_ENTRY_BYTES:
            raise BadPack(f"entry {shown!r} claims {info.file_size} bytes", path=where)
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BadPack(f"entry {shown!r} is a decompression bomb", path=where)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise BadPack("the entries together claim more bytes than a pack can hold", path=where)
        files.append(info)
    return files


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str | None, int, str]:
    """(sha256 or None, bytes read, why not readable)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    return None, size, "holds more bytes than its header says"
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        return None, size, f"cannot be read intact ({exc})"
    return digest.hexdigest(), size, ""


def _small(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    if info.file_size > MAX_INDEX_BYTES:
        return None
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return None


def _manifest(raw: bytes | None) -> tuple[dict[str, tuple[int, str]], str | None] | None:
    if raw is None:
        return None
    try:
        doc: Any = json.loads(raw.decode("utf-8"))
        files = {str(f["name"]): (int(f["size"]), str(f["sha256"]).lower()) for f in doc["files"]}
        created = doc.get("created")
        return files, str(created) if created is not None else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _sums(raw: bytes | None) -> dict[str, str] | None:
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    sums = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _SUM_LINE.match(line)
        if match is None:
            return None
        sums[match.group(2)] = match.group(1)
    return sums


def verify_pack(path: Path) -> PackCheck:
    where = str(path)
    with _open(path) as archive:
        try:
            infos = _screen(archive, where)
        except (zipfile.BadZipFile, ValueError) as exc:
            raise BadPack(f"not a readable ZIP file ({exc})", path=where) from exc
        by_name = {i.filename: i for i in infos}
        check = PackCheck(path=where, files=len(infos))
        manifest_raw = _small(archive, by_name[MANIFEST]) if MANIFEST in by_name else None
        if manifest_raw is not None:
            check.manifest_sha256 = hashlib.sha256(manifest_raw).hexdigest()
        manifest = _manifest(manifest_raw)
        sums_raw = _small(archive, by_name[SUMS]) if SUMS in by_name else None
        expected, sizes = _expected(check, by_name, manifest, _sums(sums_raw))
        for info in infos:
            name = info.filename
            if name == SUMS or (name == MANIFEST and MANIFEST not in expected):
                continue  # the manifest is checked by SHA256SUMS, or its problem is noted
            if name not in expected:
                check.problems.append(PackProblem("added", name, "is not listed in the pack"))
                continue
            problem = _compare(archive, info, expected[name], sizes.get(name))
            if problem is not None:
                check.problems.append(problem)
        for name in sorted(set(expected) - set(by_name)):
            check.problems.append(PackProblem("missing", name, "is listed but not in the pack"))
        if CUSTODY in by_name:
            check.problems += _custody(_small(archive, by_name[CUSTODY]))
    return check


def _expected(
    check: PackCheck,
    by_name: dict[str, zipfile.ZipInfo],
    manifest: tuple[dict[str, tuple[int, str]], str | None] | None,
    sums: dict[str, str] | None,
) -> tuple[dict[str, str], dict[str, int]]:
    """What the manifest and SHA256SUMS say the pack holds; problems with either noted."""
    problems = check.problems
    expected: dict[str, str] = {}
    sizes: dict[str, int] = {}
    if MANIFEST not in by_name:
        problems.append(PackProblem("missing", MANIFEST, "the pack's list of files is gone"))
    elif manifest is None:
        problems.append(PackProblem("altered", MANIFEST, "is not a readable manifest"))
    else:
        files, check.created = manifest
        for name, (size, sha) in files.items():
            expected[name], sizes[name] = sha, size
    if SUMS not in by_name:
        problems.append(PackProblem("missing", SUMS, "the pack's checksum list is gone"))
    elif sums is None:
        problems.append(PackProblem("altered", SUMS, "is not a readable checksum list"))
    elif manifest is None:
        expected.update(sums)
    else:
        problems += _disagreements(expected, sums)
        if MANIFEST in sums:
            expected[MANIFEST] = sums[MANIFEST]
    return expected, sizes


def _disagreements(listed: dict[str, str], sums: dict[str, str]) -> list[PackProblem]:
    """Where SHA256SUMS and a readable manifest.json tell different stories."""
    problems = []
    for name, sha in sums.items():
        if name in listed and listed[name] != sha:
            problems.append(PackProblem("altered", name, "manifest.json and SHA256SUMS disagree"))
        elif name not in listed and name != MANIFEST:
            problems.append(
                PackProblem("altered", SUMS, f"lists {name!r}, which manifest.json does not")
            )
    for name in sorted(set(listed) - set(sums)):
        problems.append(PackProblem("altered", SUMS, f"does not list {name!r}"))
    return problems


def _compare(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, sha256: str, size: int | None
) -> PackProblem | None:
    sha, actual, why = _digest(archive, info)
    if sha is None:
        return PackProblem("altered", info.filename, why)
    if sha != sha256:
        return PackProblem("altered", info.filename, "its SHA-256 no longer matches")
    if size is not None and size != actual:
        return PackProblem("altered", info.filename, "its size no longer matches")
    return None


def _custody(raw: bytes | None) -> list[PackProblem]:
    if raw is None:
        return [PackProblem("altered", CUSTODY, "cannot be read")]
    problems = []
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        try:
            record = json.loads(line)
            body = {k: v for k, v in record.items() if k not in ("seq", "hash")}
            if event_hash(body) != record["hash"]:
                problems.append(
                    PackProblem("altered", CUSTODY, f"line {number} does not match its hash")
                )
        except (ValueError, KeyError, TypeError, AttributeError):
            problems.append(PackProblem("altered", CUSTODY, f"line {number} is unreadable"))
    return problems

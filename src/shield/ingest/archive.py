"""Files, folders and ZIP archives walked safely into Documents.

A ZIP is recognised by its first bytes (not its name) and its members become Documents named
``archive.zip!/member`` without anything being unpacked to disk. Members that escape their
folder (``..``, absolute or drive paths), links, encrypted members, archives nested deeper than
``Limits.max_depth`` and archives over the limits on member count, unpacked size or
compression ratio (zip bombs) are refused with a one-line error naming the member. A member's
declared size bounds what reading it can ever give (the zip reader stops there and checks the
CRC), so the limits hold against archives that lie about their sizes.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from shield.core.errors import (
    ArchiveLimit,
    DirectoryLoop,
    MissingPath,
    ShieldError,
    UnreadableFile,
    UnsafeArchive,
)
from shield.core.mediatype import sniff
from shield.ingest.base import Document

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
SNIFF_START = 1024
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    KeyError,
)


@dataclass(frozen=True)
class Limits:
    """Bounds on what one walk may unpack. ``max_ratio`` applies to members over
    ``ratio_floor`` bytes (small members compress wildly without harm)."""

    max_members: int = 20_000
    max_total_bytes: int = 8 << 30
    max_member_bytes: int = 4 << 30
    max_ratio: float = 200.0
    ratio_floor: int = 1 << 20
    max_depth: int = 3


@dataclass(frozen=True)
class Found:
    """A document and whether the user named it directly (rather than inside a folder or zip)."""

    document: Document
    given: bool
    origin: str = ""  # the path, as given, that this document was found under


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.members = 0
        self.total = 0

    def take(self, info: zipfile.ZipInfo, shown: str) -> None:
        limits = self.limits
        self.members += 1
        if self.members > limits.max_members:
            raise ArchiveLimit(f"more than {limits.max_members} archive members", path=shown)
        if info.file_size > limits.max_member_bytes:
            raise ArchiveLimit(
                f"unpacks to {info.file_size} bytes, over the limit of {limits.max_member_bytes}",
                path=shown,
            )
        self.total += info.file_size
        if self.total > limits.max_total_bytes:
            raise ArchiveLimit(
                f"archives unpack to more than {limits.max_total_bytes} bytes in all", path=shown
            )
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ArchiveLimit(
                f"compressed {ratio:.0f} to 1, over the limit of {limits.max_ratio:.0f} "
                "(a zip bomb?)",
                path=shown,
            )


def documents(paths: Sequence[Path | str], limits: Limits | None = None) -> Iterator[Found]:
    """Every file named or held by ``paths`` (folders recursively, zips by content)."""
    budget = _Budget(limits or Limits())
    for given in paths:
        path = Path(given)
        if not os.path.lexists(path):
            raise MissingPath("no such file or folder", path=str(given))
        info = _stat(path, str(given))
        if stat.S_ISDIR(info.st_mode):
            for document in _walk(path, str(given), [(info.st_dev, info.st_ino)], budget):
                yield Found(document, given=False, origin=str(given))
        elif stat.S_ISREG(info.st_mode):
            shown = str(given)
            folder = os.path.dirname(shown)
            for document, depth in _file(path, shown, folder, info.st_size, budget):
                yield Found(document, given=depth == 0, origin=str(given))
        else:
            raise UnreadableFile("not a regular file or folder", path=str(given))


def _stat(path: Path, shown: str) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError as exc:
        raise MissingPath("a link to nothing", path=shown) from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror}", path=shown) from exc


def _walk(
    folder: Path, shown: str, ancestry: list[tuple[int, int]], budget: _Budget
) -> Iterator[Document]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise UnreadableFile(f"cannot list folder: {exc.strerror}", path=shown) from exc
    for entry in entries:
        path = Path(entry.path)
        entry_shown = f"{shown.rstrip('/')}/{entry.name}"
        info = _stat(path, entry_shown)
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in ancestry:
                raise DirectoryLoop(
                    "this link leads back to a folder it is inside", path=entry_shown
                )
            yield from _walk(path, entry_shown, [*ancestry, key], budget)
        elif stat.S_ISREG(info.st_mode):
            for document, _depth in _file(path, entry_shown, shown, info.st_size, budget):
                yield document
        else:
            raise UnreadableFile("not a regular file or folder", path=entry_shown)


def _file(
    path: Path, shown: str, folder: str, size: int, budget: _Budget
) -> Iterator[tuple[Document, int]]:
    def opener() -> IO[bytes]:
        return open(path, "rb")

    try:
        with open(path, "rb") as handle:
            start = handle.read(SNIFF_START)
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror}", path=shown) from exc
    if start[:4] in ZIP_MAGIC:
        yield from _members(opener, shown, 1, budget)
    else:
        yield Document(shown, folder, size, opener, sniff(start)), 0


def _members(
    open_archive: Callable[[], IO[bytes]], shown: str, depth: int, budget: _Budget
) -> Iterator[tuple[Document, int]]:
    if depth > budget.limits.max_depth:
        raise UnsafeArchive(f"archives nested more than {budget.limits.max_depth} deep", path=shown)
    handle = open_archive()
    try:
        _check_directory(handle, shown, budget.limits)
        try:
            archive = zipfile.ZipFile(handle)
        except _READ_ERRORS as exc:
            raise UnreadableFile(f"not a readable zip archive: {exc}", path=shown) from exc
        for info in archive.infolist():
            member_shown = f"{shown}!/{info.filename}"
            _check_member(info, member_shown)
            if info.is_dir():
                continue
            budget.take(info, member_shown)
            try:
                with archive.open(info) as member:
                    start = member.read(SNIFF_START)
            except _READ_ERRORS as exc:
                raise UnreadableFile(
                    f"cannot read archive member: {exc}", path=member_shown
                ) from exc
            parent = str(PurePosixPath(info.filename).parent)
            folder = f"{shown}!" if parent in ("", ".") else f"{shown}!/{parent}"
            opener = _member_opener(open_archive, info, member_shown)
            if start[:4] in ZIP_MAGIC:
                yield from _members(opener, member_shown, depth + 1, budget)
            else:
                document = Document(member_shown, folder, info.file_size, opener, sniff(start))
                yield document, depth
    finally:
        handle.close()


def _check_directory(handle: IO[bytes], shown: str, limits: Limits) -> None:
    """Refuse an archive whose table of contents alone is too big, before reading it (a
    million tiny members would cost memory before they could be counted)."""
    try:
        end = handle.seek(0, io.SEEK_END)
        handle.seek(max(0, end - (1 << 16) - 22))
        tail = handle.read()
        handle.seek(0)
    except _READ_ERRORS as exc:
        raise UnreadableFile(f"cannot read archive: {exc}", path=shown) from exc
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return  # not found: the zip reader will say what is wrong
    entries = int.from_bytes(tail[at + 10 : at + 12], "little")
    directory = int.from_bytes(tail[at + 12 : at + 16], "little")
    if entries != 0xFFFF and entries > limits.max_members:
        raise ArchiveLimit(f"more than {limits.max_members} archive members", path=shown)
    if directory != 0xFFFFFFFF and directory > limits.max_members * 1024:
        raise ArchiveLimit("the archive's table of contents is too large", path=shown)


def _check_member(info: zipfile.ZipInfo, shown: str) -> None:
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
        raise UnsafeArchive("member path escapes the archive's folder", path=shown)
    if "\x00" in name:
        raise UnsafeArchive("member name holds a NUL character", path=shown)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeArchive("member is a symbolic link", path=shown)
    if info.flag_bits & 0x1:
        raise UnsafeArchive("member is encrypted", path=shown)


def _member_opener(
    open_archive: Callable[[], IO[bytes]], info: zipfile.ZipInfo, shown: str
) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        outer = open_archive()
        try:
            archive = zipfile.ZipFile(outer)
            member = archive.open(info)
        except _READ_ERRORS as exc:
            outer.close()
            raise UnreadableFile(f"cannot read archive member: {exc}", path=shown) from exc
        return io.BufferedReader(_Guarded(member, (archive, outer), shown))

    return opener


class _Guarded(io.RawIOBase):
    """A member stream whose read errors become one-line UnreadableFile errors, and that closes
    the archives it was opened through (innermost first). Seekable, as nested zips need."""

    def __init__(self, member: IO[bytes], owners: tuple[Any, ...], shown: str) -> None:
        self._member = member
        self._owners = owners
        self._shown = shown

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        try:
            return self._member.seek(offset, whence)
        except _READ_ERRORS as exc:
            raise UnreadableFile(f"cannot read archive member: {exc}", path=self._shown) from exc

    def tell(self) -> int:
        return self._member.tell()

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        try:
            data = self._member.read(len(view))
        except ShieldError:
            raise
        except _READ_ERRORS as exc:
            raise UnreadableFile(f"cannot read archive member: {exc}", path=self._shown) from exc
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            try:
                self._member.close()
                for owner in self._owners:
                    owner.close()
            finally:
                super().close()

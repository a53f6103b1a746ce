"""Content-addressed blob files, written once and atomically, encrypted when a key is set.

Layout under the vault directory::

    blobs/sha256/ab/abcdef...   plain blobs, named by the SHA-256 of their bytes
    blobs/hmac/ab/abcdef...     encrypted blobs, named by HMAC-SHA256(key, sha256) so the
                                file name does not reveal which known file the vault holds
    tmp/                        copies being made; never a blob until renamed into place

Encrypted blob format (v1), streaming so a 2 GB video never sits in memory::

    header  = b"SHLDBLOB" | 0x01 | salt (16 bytes) | nonce prefix (7 bytes)      32 bytes
    key     = HKDF-SHA256(vault key, salt, info=b"shield blob v1"), 32 bytes
    chunk i = AES-256-GCM(key, nonce = prefix | i (4 bytes, big-endian) | last (1 byte),
                          plaintext chunk of 1 MiB (the last may be shorter or empty),
                          associated data = header)
A chunk cut off, dropped, moved or altered fails its tag; so does a truncated file, because
only a chunk flagged last may end it.
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from shield.core.errors import (
    ConfigurationError,
    DecryptionFailed,
    FileChanged,
    KeyRequired,
    MissingPath,
    UnreadableFile,
)
from shield.core.mediatype import SNIFF_BYTES
from shield.core.ports import BlobCheck, StagedBlob

CHUNK = 1 << 20
MAGIC = b"SHLDBLOB"
VERSION = 1
HEADER = len(MAGIC) + 1 + 16 + 7
TAG = 16


def parse_key(text: str) -> bytes:
    """A vault key: 32 bytes written as 64 hex digits or as base64/base64url."""
    text = text.strip()
    try:
        raw = (
            bytes.fromhex(text)
            if len(text) == 64
            else base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        )
    except (ValueError, binascii.Error) as exc:
        raise ConfigurationError("the vault key is neither hex nor base64") from exc
    if len(raw) != 32:
        raise ConfigurationError(f"the vault key must be 32 bytes, not {len(raw)}")
    return raw


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _file_key(master: bytes, salt: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"shield blob v1").derive(
        master
    )
    return AESGCM(derived)


class FileBlobStore:
    """Implements the BlobStore port on a local folder."""

    def __init__(self, root: Path, key: bytes | None = None) -> None:
        self.root = root
        self.key = key
        self.encrypted = key is not None
        self.blobs = root / "blobs"
        self.tmp = root / "tmp"
        self._swept = False
        self._held: dict[str, int] = {}

    def _prepare(self) -> None:
        self.blobs.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        if not self._swept:
            self.sweep()
            self._swept = True

    def sweep(self) -> int:
        """Remove copies abandoned by a process that died mid-add.

        A copy in progress is held under an exclusive lock by the process making it; the lock
        goes with the process, so an unlocked copy is an abandoned one.
        """
        removed = 0
        for path in self.tmp.glob("incoming-*"):
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            finally:
                os.close(fd)
            path.unlink(missing_ok=True)
            removed += 1
        return removed

    # -- writing ---------------------------------------------------------------------------
    def stage(self, source: Path) -> StagedBlob:
        self._prepare()
        try:
            src = open(source, "rb")  # noqa: SIM115 - closed below, after the second stat
        except FileNotFoundError as exc:
            raise MissingPath("no such file", path=str(source)) from exc
        except OSError as exc:
            raise UnreadableFile(f"cannot open: {exc.strerror}", path=str(source)) from exc
        fd, tmp_name = _mkstemp(self.tmp)
        # a second descriptor keeps the lock after writing, until keep() or discard()
        held = os.dup(fd)
        try:
            with src, os.fdopen(fd, "wb") as out:
                before = os.fstat(src.fileno())
                if not stat.S_ISREG(before.st_mode):
                    raise UnreadableFile("not a regular file", path=str(source))
                digest, size, head = self._copy(src, out, source)
                out.flush()
                os.fsync(out.fileno())
                after = os.fstat(src.fileno())
                try:
                    now = os.stat(source)
                except OSError:
                    now = None
            if (
                size != before.st_size
                or (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
                or now is None
                or (now.st_ino, now.st_size, now.st_mtime_ns)
                != (before.st_ino, before.st_size, before.st_mtime_ns)
            ):
                raise FileChanged(
                    "the file changed while it was being read; copy it once it is complete",
                    path=str(source),
                )
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            os.close(held)
            raise
        token = Path(tmp_name).name
        self._held[token] = held
        return StagedBlob(sha256=digest, size=size, head=head, token=token)

    def _release(self, token: str) -> None:
        held = self._held.pop(token, None)
        if held is not None:
            os.close(held)

    def _copy(self, src: BinaryIO, out: BinaryIO, source: Path) -> tuple[str, int, bytes]:
        sha = hashlib.sha256()
        size = 0
        head = b""
        try:
            if self.key is None:
                while chunk := src.read(CHUNK):
                    if len(head) < SNIFF_BYTES:
                        head += chunk[: SNIFF_BYTES - len(head)]
                    sha.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            else:
                salt, prefix = secrets.token_bytes(16), secrets.token_bytes(7)
                header = MAGIC + bytes([VERSION]) + salt + prefix
                aead = _file_key(self.key, salt)
                out.write(header)
                chunk = src.read(CHUNK)
                index = 0
                while True:
                    following = src.read(CHUNK) if chunk else b""
                    if len(head) < SNIFF_BYTES:
                        head += chunk[: SNIFF_BYTES - len(head)]
                    sha.update(chunk)
                    size += len(chunk)
                    last = not following
                    out.write(aead.encrypt(_nonce(prefix, index, last), chunk, header))
                    if last:
                        break
                    chunk, index = following, index + 1
        except OSError as exc:
            raise UnreadableFile(f"read failed: {exc.strerror}", path=str(source)) from exc
        return sha.hexdigest(), size, head

    def _locator(self, sha256: str) -> str:
        if self.key is None:
            return f"sha256/{sha256[:2]}/{sha256}"
        name = hmac.new(self.key, b"blob:" + sha256.encode(), hashlib.sha256).hexdigest()
        return f"hmac/{name[:2]}/{name}"

    def keep(self, staged: StagedBlob) -> str:
        locator = self._locator(staged.sha256)
        final = self.blobs / locator
        tmp = self.tmp / staged.token
        try:
            if final.exists():
                tmp.unlink(missing_ok=True)
                return locator
            final.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(tmp, 0o400)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
            return locator
        finally:
            self._release(staged.token)

    def discard(self, staged: StagedBlob) -> None:
        (self.tmp / staged.token).unlink(missing_ok=True)
        self._release(staged.token)

    def forget(self, locator: str) -> None:
        """Remove a blob kept moments ago whose record could not be stored."""
        (self.blobs / locator).unlink(missing_ok=True)

    # -- reading ---------------------------------------------------------------------------
    def read(self, locator: str) -> Iterator[bytes]:
        path = self.blobs / locator
        try:
            handle = open(path, "rb")  # noqa: SIM115 - the generator closes it
        except FileNotFoundError as exc:
            raise MissingPath("blob missing from the vault", path=locator) from exc
        with handle:
            if locator.startswith("sha256/"):
                while chunk := handle.read(CHUNK):
                    yield chunk
                return
            if self.key is None:
                raise KeyRequired("this blob is encrypted; set SHIELD_VAULT_KEY", path=locator)
            header = handle.read(HEADER)
            if len(header) != HEADER or header[: len(MAGIC)] != MAGIC or header[8] != VERSION:
                raise DecryptionFailed("not a Shield encrypted blob", path=locator)
            aead = _file_key(self.key, header[9:25])
            prefix = header[25:32]
            index = 0
            sealed = handle.read(CHUNK + TAG)
            while True:
                following = handle.read(CHUNK + TAG)
                last = not following
                try:
                    yield aead.decrypt(_nonce(prefix, index, last), sealed, header)
                except InvalidTag as exc:
                    raise DecryptionFailed(
                        f"chunk {index} fails authentication (altered, or a different key)",
                        path=locator,
                    ) from exc
                if last:
                    return
                sealed, index = following, index + 1

    def check(self, locator: str) -> BlobCheck:
        sha = hashlib.sha256()
        try:
            for chunk in self.read(locator):
                sha.update(chunk)
        except MissingPath as exc:
            return BlobCheck(locator, None, str(exc), missing=True)
        except (KeyRequired, DecryptionFailed) as exc:
            return BlobCheck(locator, None, str(exc))
        return BlobCheck(locator, sha.hexdigest())

    def locators(self) -> list[str]:
        if not self.blobs.exists():
            return []
        return sorted(
            p.relative_to(self.blobs).as_posix() for p in self.blobs.rglob("*") if p.is_file()
        )


def _mkstemp(folder: Path) -> tuple[int, str]:
    name = folder / f"incoming-{secrets.token_hex(8)}"
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)  # held until closed: marks the copy as in progress
    return fd, str(name)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

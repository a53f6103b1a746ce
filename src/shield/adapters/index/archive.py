"""An index on disk, without pickle: plain ``.npy`` arrays and a JSON manifest with checksums.

A bank may come from outside, and so may an index directory: nothing here runs code from a
file. Arrays load with ``allow_pickle=False``; the manifest names each file's SHA-256, dtype and
shape, and the index checks that its parts fit together before it is used. Saving writes a new
generation of files and then swaps the manifest in with one atomic rename, so a reader sees
the old index or the new one, never half of each.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from shield.adapters.index import INDEXES
from shield.adapters.index.base import ArrayIndex
from shield.core.errors import BadInput

FORMAT = "shield-hash-index"
VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1 << 20
_NAME = re.compile(r"^[a-z0-9_]{1,64}$")
_DTYPES = {"int64", "uint64", "uint32", "bool"}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def _sha256_or_none(path: Path) -> str | None:
    try:
        return _sha256(path)
    except OSError:
        return None


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save(index: ArrayIndex, directory: Path, *, tag: dict[str, Any] | None = None) -> None:
    """Write ``index`` into ``directory`` (created if need be), replacing what was there."""
    directory.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(directory) if (directory / MANIFEST).exists() else None
    generation = int(old["generation"]) + 1 if old else 1
    meta, arrays = index.state()
    files: dict[str, Any] = {}
    for name, array in arrays.items():
        file = directory / f"{generation:06d}.{name}.npy"
        with file.open("wb") as f:
            np.save(f, np.ascontiguousarray(array), allow_pickle=False)
            f.flush()
            os.fsync(f.fileno())
        files[name] = {
            "file": file.name,
            "sha256": _sha256(file),
            "dtype": str(array.dtype),
            "shape": list(array.shape),
        }
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "index": index.name,
        "generation": generation,
        "meta": meta,
        "tag": tag or {},
        "arrays": files,
    }
    temp = directory / f".{MANIFEST}.{generation}.tmp"
    temp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    with temp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(temp, directory / MANIFEST)
    _fsync_dir(directory)
    keep = {entry["file"] for entry in files.values()}
    for stale in directory.glob("*.npy"):
        if stale.name not in keep:
            stale.unlink(missing_ok=True)


def _read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise BadInput("the index manifest is too large", path=str(path))
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BadInput(f"cannot read the index manifest: {exc}", path=str(path)) from exc
    ok = (
        isinstance(manifest, dict)
        and manifest.get("format") == FORMAT
        and manifest.get("version") == VERSION
        and manifest.get("index") in INDEXES
        and isinstance(manifest.get("generation"), int)
        and isinstance(manifest.get("meta"), dict)
        and isinstance(manifest.get("tag"), dict)
        and isinstance(manifest.get("arrays"), dict)
    )
    if not ok:
        raise BadInput("not a Shield hash index manifest", path=str(path))
    checked: dict[str, Any] = manifest
    return checked


def tag(directory: Path) -> dict[str, Any] | None:
    """The tag saved with the index (e.g. which bank version it holds), or None if unreadable."""
    try:
        manifest = _read_manifest(directory)
    except BadInput:
        return None
    found: dict[str, Any] = manifest["tag"]
    return found


def load(directory: Path) -> tuple[ArrayIndex, dict[str, Any]]:
    """Read an index and its tag; raise BadInput naming the file if anything is amiss."""
    manifest = _read_manifest(directory)
    files: dict[str, Path] = {}
    for name, entry in manifest["arrays"].items():
        if not (isinstance(name, str) and _NAME.match(name) and isinstance(entry, dict)):
            raise BadInput("the index manifest names a malformed array", path=str(directory))
        file = directory / f"{manifest['generation']:06d}.{name}.npy"
        if entry.get("file") != file.name or entry.get("dtype") not in _DTYPES:
            raise BadInput(f"the index manifest is malformed at {name!r}", path=str(directory))
        files[name] = file
    with ThreadPoolExecutor(max_workers=2) as pool:  # hashlib hashes big buffers off the GIL
        digests = dict(zip(files, pool.map(_sha256_or_none, files.values()), strict=True))
    arrays: dict[str, npt.NDArray[Any]] = {}
    for name, file in files.items():
        entry = manifest["arrays"][name]
        try:
            if digests[name] != entry.get("sha256"):
                raise BadInput("the index file is damaged (checksum differs)", path=str(file))
            array = np.load(file, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise BadInput(f"cannot read the index file: {exc}", path=str(file)) from exc
        if str(array.dtype) != entry["dtype"] or list(array.shape) != entry.get("shape"):
            raise BadInput("the index file disagrees with its manifest", path=str(file))
        arrays[name] = array
    try:
        index = INDEXES[manifest["index"]].from_state(manifest["meta"], arrays)
    except (KeyError, ValueError, TypeError) as exc:
        raise BadInput(f"the index is inconsistent: {exc}", path=str(directory)) from exc
    found: dict[str, Any] = manifest["tag"]
    return index, found

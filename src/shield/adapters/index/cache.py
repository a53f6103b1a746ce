"""Saved bank indexes under one folder: ``<folder>/<key>/`` holds one archived index each."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from shield.adapters.index import archive, new_index
from shield.adapters.index.base import ArrayIndex
from shield.core.errors import BadInput
from shield.core.ports import HashIndex

_KEY = re.compile(r"^[a-z0-9-]{1,64}$")


class IndexFolder:
    """Implements the IndexCache port."""

    def __init__(self, folder: Path, kind: str = "mih") -> None:
        self.folder = folder
        self.kind = kind

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"bad index key {key!r}")
        return self.folder / key

    def new(self) -> HashIndex:
        return new_index(self.kind)

    def open(self, key: str) -> tuple[HashIndex, dict[str, Any]] | None:
        path = self._path(key)
        if not (path / archive.MANIFEST).exists():
            return None
        try:
            return archive.load(path)
        except BadInput:
            return None  # damaged or foreign: the caller rebuilds it from the database

    def keep(self, key: str, index: HashIndex, tag: dict[str, Any]) -> None:
        if not isinstance(index, ArrayIndex):
            raise TypeError("only array indexes can be saved")
        archive.save(index, self._path(key), tag=tag)

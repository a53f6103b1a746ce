"""The hash-index family: a linear scan (the reference) and multi-index hashing (the fast one)."""

from __future__ import annotations

from shield.adapters.index.base import ArrayIndex
from shield.adapters.index.linear import LinearIndex
from shield.adapters.index.multi import MultiIndex
from shield.core.ports import INDEX_NAMES

INDEXES: dict[str, type[ArrayIndex]] = {cls.name: cls for cls in (LinearIndex, MultiIndex)}

if tuple(INDEXES) != INDEX_NAMES:  # pragma: no cover - a member was added or lost
    raise RuntimeError(f"index registry {tuple(INDEXES)} differs from {INDEX_NAMES}")


def new_index(name: str = "mih") -> ArrayIndex:
    return INDEXES[name]()

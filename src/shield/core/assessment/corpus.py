"""The labelled corpus format (``data/assessment``): parse it and split it reproducibly.

Messages: one per line, ``LABEL STAGES TEXT``. Conversations: ``== ID LABEL | note`` then
``ROLE: text [stages]`` lines. See ``data/assessment/DATASHEET.md`` for the label rules. Each
example falls into ``train``, ``dev`` or ``heldout`` by a hash: of its text for messages (stable
when lines are added), and for the few conversations by the rank of the hash of their id within
their label (stratified), so the split never depends on file order or a seed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from shield.core.errors import BadInput
from shield.core.vocabulary import STAGES

STAGE_LETTERS: dict[str, str] = {
    "a": "approach",
    "p": "platform_move",
    "i": "intimate_request",
    "c": "capture",
    "t": "threat",
    "$": "payment_demand",
    "e": "escalation",
}
ROLE_LETTERS: dict[str, str] = {"S": "suspect", "V": "victim", "U": "unknown"}
SPLITS = ("train", "dev", "heldout")
TAGS = re.compile(r"\s*\[([a-z$]*)\]\s*$")

assert set(STAGE_LETTERS.values()) == set(STAGES)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def split_of(key: str) -> str:
    """60 % train, 20 % dev, 20 % held-out by the SHA-256 of ``key``: an item keeps its split
    when others are added, so new lines never pull held-out items into training."""
    share = int(_digest(key)[:8], 16) / 16**8
    return "train" if share < 0.6 else "dev" if share < 0.8 else "heldout"


def assign_splits(items: list[tuple[str, bool]]) -> list[str]:
    """Stratified 60/20/20 train/dev/held-out: within each label, examples are ranked by the
    SHA-256 of their key and cut at 60 % and 80 %."""
    splits = [""] * len(items)
    for label in (True, False):
        ranked = sorted(
            (i for i, it in enumerate(items) if it[1] is label), key=lambda i: _digest(items[i][0])
        )
        n = len(ranked)
        for rank, i in enumerate(ranked):
            splits[i] = "train" if rank < 0.6 * n else "dev" if rank < 0.8 * n else "heldout"
    return splits


@dataclass(frozen=True)
class LabelledMessage:
    text: str
    sextortion: bool
    stages: tuple[str, ...]
    urgent: bool
    category: str
    split: str


@dataclass(frozen=True)
class LabelledLine:
    role: str
    text: str
    stages: tuple[str, ...]


@dataclass(frozen=True)
class LabelledConversation:
    id: str
    sextortion: bool
    urgent: bool
    note: str
    lines: tuple[LabelledLine, ...]
    split: str


def _stages(letters: str, where: str) -> tuple[str, ...]:
    if letters in {".", ""}:
        return ()
    unknown = set(letters) - set(STAGE_LETTERS)
    if unknown:
        raise BadInput(f"unknown stage letters {sorted(unknown)}", path=where)
    found = {STAGE_LETTERS[c] for c in letters}
    return tuple(s for s in STAGES if s in found)


def _label(token: str, where: str) -> tuple[bool, str, bool]:
    if not token or token[0] not in "+-":
        raise BadInput(f"label must start with + or -, not {token!r}", path=where)
    urgent = token.endswith("!")
    category = token[1:].rstrip("!").lstrip(":") or ("sextortion" if token[0] == "+" else "other")
    return token[0] == "+", category, urgent


def parse_messages(text: str, name: str = "messages.txt") -> list[LabelledMessage]:
    out: list[LabelledMessage] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{name}:{number}"
        parts = line.split(None, 2)
        if len(parts) != 3:
            raise BadInput("expected LABEL STAGES TEXT", path=where)
        sextortion, category, urgent = _label(parts[0], where)
        out.append(
            LabelledMessage(
                text=parts[2],
                sextortion=sextortion,
                stages=_stages(parts[1], where),
                urgent=urgent,
                category=category,
                split="",
            )
        )
    return [replace(m, split=split_of(m.text)) for m in out]


def parse_conversations(text: str, name: str = "conversations.txt") -> list[LabelledConversation]:
    out: list[LabelledConversation] = []
    header: tuple[str, bool, bool, str] | None = None
    lines: list[LabelledLine] = []

    def close() -> None:
        if header is not None:
            cid, sextortion, urgent, note = header
            out.append(LabelledConversation(cid, sextortion, urgent, note, tuple(lines), ""))

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            close()
            head, _, note = line[2:].partition("|")
            bits = head.split()
            if len(bits) != 2:
                raise BadInput("expected '== ID LABEL | note'", path=where)
            sextortion, _, urgent = _label(bits[1], where)
            header = (bits[0], sextortion, urgent, note.strip())
            lines = []
            continue
        if header is None:
            raise BadInput("a message line before any '==' header", path=where)
        role, sep, said = line.partition(":")
        if not sep or role not in ROLE_LETTERS:
            raise BadInput("expected 'S:', 'V:' or 'U:' at the start of the line", path=where)
        stages: tuple[str, ...] = ()
        tags = TAGS.search(said)
        if tags:
            stages = _stages(tags.group(1), where)
            said = said[: tags.start()]
        lines.append(LabelledLine(ROLE_LETTERS[role], said.strip(), stages))
    close()
    splits = assign_splits([(c.id, c.sextortion) for c in out])
    return [replace(c, split=s) for c, s in zip(out, splits, strict=True)]

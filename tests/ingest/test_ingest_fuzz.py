"""No bytes make a parser fail with anything but a Shield error (one line, naming the file).

Seeds are the example exports; mutations truncate them, flip and insert bytes, re-encode them
(UTF-16, cp1252, latin-1) and, for JSON, swap values for random JSON of other types. Every
parser is given every input, whether it would have recognised it or not.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_example import EXPECTED, EXPORTS, OPTIONS

from shield.core.errors import ShieldError
from shield.ingest import Document, open_source
from shield.ingest.registry import PARSERS

SEEDS = sorted(p for p in EXPORTS.rglob("*") if p.is_file() and p.name not in (EXPECTED, OPTIONS))
SEED_BYTES = [p.read_bytes() for p in SEEDS]
JSON_SEEDS = [json.loads(b) for p, b in zip(SEEDS, SEED_BYTES, strict=True) if p.suffix == ".json"]
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


def as_document(data: bytes, name: str = "fuzz/message_1.json") -> Document:
    return Document(name=name, folder="fuzz", size=len(data), opener=lambda: io.BytesIO(data))


def read_all(data: bytes) -> None:
    document = as_document(data)
    for parser in PARSERS:
        parser.detect(data[:65536], document.basename)
        try:
            for export in parser.parse([document]):
                for message in export.messages:
                    assert isinstance(message.text, str)
        except ShieldError as error:
            assert "\n" not in str(error)
            assert str(error).startswith(document.name)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(SEED_BYTES))
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["cut", "flip", "insert", "utf16", "cp1252", "latin1", "dup"]))
        if how == "cut" and data:
            data = data[: draw(st.integers(0, len(data)))]
        elif how == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif how == "insert":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(max_size=16)) + data[at:]
        elif how == "dup" and data:
            at = draw(st.integers(0, len(data)))
            data = data[:at] + data
        elif how in ("utf16", "cp1252", "latin1"):
            text = data.decode("utf-8", errors="replace")
            encoding = {"utf16": "utf-16", "cp1252": "cp1252", "latin1": "latin-1"}[how]
            data = text.encode(encoding, errors="replace")
    return data


def swap_values(value: Any, rng: random.Random, replacement: Any) -> Any:
    """``value`` with one randomly chosen nested value replaced."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(list(value))
        return {**value, key: swap_values(value[key], rng, replacement)}
    if isinstance(value, list) and value and rng.random() < 0.8:
        at = rng.randrange(len(value))
        return [*value[:at], swap_values(value[at], rng, replacement), *value[at + 1 :]]
    return replacement


@FUZZ
@given(mutated())
def test_mutated_exports_give_only_shield_errors(data: bytes) -> None:
    read_all(data)


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes_give_only_shield_errors(data: bytes) -> None:
    read_all(data)


@FUZZ
@given(st.sampled_from(JSON_SEEDS), st.randoms(use_true_random=False), json_values)
def test_json_with_values_of_the_wrong_type_gives_only_shield_errors(
    seed: Any, rng: random.Random, replacement: Any
) -> None:
    data = seed
    for _ in range(rng.randint(1, 3)):
        data = swap_values(data, rng, replacement)
    read_all(json.dumps(data).encode())


@pytest.mark.parametrize("seed", SEEDS[:: max(1, len(SEEDS) // 8)], ids=lambda p: p.name)
@FUZZ
@given(data=st.data())
def test_open_source_on_mutated_files_gives_only_shield_errors(
    tmp_path_factory: pytest.TempPathFactory, seed: Path, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    target = folder / seed.name
    target.write_bytes(data.draw(mutated()))
    try:
        for opened in open_source([target]):
            list(opened.export.messages)
    except ShieldError as error:
        assert "\n" not in str(error)


WRONG_TYPES: list[Any] = [None, True, 7, 1.5, "", "x", [], [1], {}, {"a": 1}, -(10**30)]


def value_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``value`` (the first two items of each list only)."""
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += value_paths(inner, (*path, key))
    elif isinstance(value, list):
        for at, inner in enumerate(value[:2]):
            found += value_paths(inner, (*path, at))
    return found


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: replaced(value[head], rest, new)}
    return [*value[:head], replaced(value[head], rest, new), *value[head + 1 :]]


@pytest.mark.slow
@pytest.mark.parametrize(
    "seed", [p for p in SEEDS if p.suffix == ".json"], ids=lambda p: f"{p.parent.name}"
)
def test_every_json_value_of_every_wrong_type_gives_only_shield_errors(seed: Path) -> None:
    original = json.loads(seed.read_bytes())
    for path in value_paths(original):
        for new in WRONG_TYPES:
            read_all(json.dumps(replaced(original, path, new)).encode())

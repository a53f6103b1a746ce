"""Bank files: what is written reads back the same, in every format; hostile input is refused
with the file and line named."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shield.core.bank import BankEntry
from shield.core.errors import BadInput
from shield.services.bankfile import FORMATS, read_entries, write_entries

hexes = st.binary(min_size=32, max_size=32).map(bytes.hex)
md5s = st.binary(min_size=16, max_size=16).map(bytes.hex)
labels = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40).map(
    lambda t: " ".join(t.split())
)
entries = st.lists(st.tuples(hexes, st.one_of(st.none(), md5s), labels), min_size=1, max_size=20)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=40, deadline=None)
@given(rows=entries)
def test_written_files_read_back(fmt: str, rows: list, tmp_path_factory) -> None:
    at = datetime(2024, 1, 1, tzinfo=UTC)
    stored = [BankEntry(i, "b", p, m, label, "src", at) for i, (p, m, label) in enumerate(rows)]
    path = tmp_path_factory.mktemp("f") / f"bank.{fmt}"
    path.write_text("".join(write_entries(stored, fmt)), encoding="utf-8")
    back = read_entries(path)
    if fmt == "te":  # one signal a line, no labels
        want = [(p, None, "") for p, _, _ in rows]
        want += [(None, m, "") for _, m, _ in rows if m]
        assert sorted(((e.pdq, e.md5, e.label) for e in back), key=str) == sorted(want, key=str)
    else:
        assert [(e.pdq, e.md5, e.label) for e in back] == rows


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("pdq,label\n" + "a" * 64 + ",x\n" + "a" * 65 + ",y\n", "line 3"),
        ("pdq " + "a" * 64 + "\nsha256 " + "a" * 64 + "\n", "line 2: unknown signal type"),
        ('{"pdq": "' + "a" * 64 + '"}\n[1, 2]\n', "line 2: each line must be a JSON object"),
        ('{"pdq": 5}\n', "line 1: .* must be strings"),
        ("a" * 9000 + "\n", "line 1: longer than"),
        ("pdq,label\n" + "a" * 64 + ",x,extra\n", "line 2: 3 fields"),
        ("\ufeffpdq\n" + "A" * 64 + "\n" + "z" * 64 + "\n", "line 3: .*not hexadecimal"),
    ],
)
def test_bad_lines_are_named(text: str, found: str, tmp_path: Path) -> None:
    path = tmp_path / "bank.csv"
    path.write_text(text, encoding="utf-8")
    fmt = "jsonl" if text.startswith("{") else ("te" if text.startswith("pdq ") else None)
    with pytest.raises(BadInput, match=found) as caught:
        read_entries(path, fmt)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\xff")
    with pytest.raises(BadInput):
        read_entries(binary)
    with pytest.raises(BadInput):
        read_entries(tmp_path / "absent.csv")
    with pytest.raises(BadInput):
        read_entries(tmp_path)

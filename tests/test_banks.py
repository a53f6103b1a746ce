"""Banks in the store: create, import (CSV, JSON lines, ThreatExchange), export, withdraw,
and matching raw hashes against them. Runs on SQLite and PostgreSQL (``database_url``)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from shield.adapters.index.cache import IndexFolder
from shield.adapters.storage.banks import BankStore
from shield.adapters.storage.tables import Base
from shield.bootstrap import Shield
from shield.core.errors import BadInput, HashingUnavailable, NotFound
from shield.core.hamming import distance
from shield.services.bankfile import read_entries
from shield.services.banks import BankService
from shield.services.matching import MatchService


def rand_pdq(rng: random.Random) -> str:
    return f"{rng.getrandbits(256):064x}"


def near(pdq: str, bits: int, rng: random.Random) -> str:
    value = int(pdq, 16)
    for b in rng.sample(range(256), bits):
        value ^= 1 << b
    return f"{value:064x}"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_schema_matches_the_migrations(shield: Shield) -> None:
    with shield.store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_create_list_and_refuse_duplicates(shield: Shield) -> None:
    made = shield.banks.create("offender-photos", threshold=24, description="known profiles")
    assert (made.name, made.threshold, made.entries) == ("offender-photos", 24, 0)
    with pytest.raises(BadInput, match="already exists"):
        shield.banks.create("offender-photos")
    for bad_name in ("", "has space", "../x", "x" * 101):
        with pytest.raises(BadInput):
            shield.banks.create(bad_name)
    with pytest.raises(BadInput):
        shield.banks.create("toofar", threshold=32)
    assert [b.name for b in shield.banks.banks()] == ["offender-photos"]


def test_every_format_imports_and_a_bad_line_imports_nothing(
    shield: Shield, tmp_path: Path
) -> None:
    rng = random.Random(1)
    a, b, c, d = (rand_pdq(rng) for _ in range(4))
    md5 = "0123456789abcdef0123456789abcdef"
    shield.banks.create("stock")
    files = {
        "hma.csv": f"signal_type,signal_value\npdq,{a}\nphoto_md5,{md5}\n",
        "plain.csv": f"pdq,md5,label,source\n{b},,model B,site\n",
        "bare.csv": f"{c}\n",
        "lines.jsonl": json.dumps({"pdq": d, "label": "model D"}) + "\n",
        "signals.te": f"# from an exchange\npdq {a}\n\nvideo_md5 {'f' * 32}\n",
    }
    added = 0
    for name, text in files.items():
        change = shield.banks.import_file("stock", write(tmp_path / name, text))
        added += len(change.added)
    assert added == 6  # `pdq a` in signals.te was already held
    assert shield.banks.bank("stock").entries == 6
    labels = {e.pdq: e.label for e in shield.banks.entries("stock")}
    assert labels[b] == "model B" and labels[d] == "model D"

    bad = write(tmp_path / "bad.csv", f"pdq,label\n{rand_pdq(rng)},ok\n{a[:-1]},short\n")
    with pytest.raises(BadInput, match=r"bad\.csv: csv: line 3: .*64 hex"):
        shield.banks.import_file("stock", bad)
    for text in ("pdq,label\n" + "x" * 64 + ",nothex\n", "{not json\n", "url https://x.y\n"):
        with pytest.raises(BadInput, match="line"):
            shield.banks.import_file("stock", write(tmp_path / "bad.txt", text), fmt=None)
    with pytest.raises(BadInput, match="no hashes"):
        shield.banks.import_file("stock", write(tmp_path / "empty.csv", "\n# nothing\n"))
    with pytest.raises(NotFound):
        shield.banks.import_file("nope", tmp_path / "hma.csv")
    assert shield.banks.bank("stock").entries == 6


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "te"])
def test_export_then_import_round_trips(shield: Shield, tmp_path: Path, fmt: str) -> None:
    rng = random.Random(fmt)
    lines = [f"{rand_pdq(rng)},label {i}" for i in range(50)]
    shield.banks.create("source")
    shield.banks.import_file("source", write(tmp_path / "in.csv", "pdq,label\n" + "\n".join(lines)))
    out = tmp_path / f"out.{fmt}"
    out.write_text("".join(shield.banks.export("source", fmt)), encoding="utf-8")
    shield.banks.create("copy")
    shield.banks.import_file("copy", out)
    original = {(e.pdq, e.label) for e in shield.banks.entries("source")}
    copied = {(e.pdq, e.label) for e in shield.banks.entries("copy")}
    if fmt == "te":  # the ThreatExchange signal format carries no labels
        original = {(p, "") for p, _ in original}
    assert copied == original


def test_threatexchange_signal_file_lines(tmp_path: Path) -> None:
    # the line python-threatexchange's file exchange writes: f"{signal_type} {signal}\n"
    pdq = "f" * 64
    entries = read_entries(write(tmp_path / "signals.txt", f"pdq {pdq}\nphoto_md5 {'a' * 32}\n"))
    assert [(e.pdq, e.md5) for e in entries] == [(pdq, None), (None, "a" * 32)]


def test_matching_hashes_with_thresholds_and_withdrawal(shield: Shield, tmp_path: Path) -> None:
    rng = random.Random(2)
    centre = rand_pdq(rng)
    copies = {d: near(centre, d, rng) for d in (0, 5, 20, 31)}
    shield.banks.create("wide")
    shield.banks.create("strict", threshold=10)
    body = "pdq,label\n" + "".join(f"{h},at {d}\n" for d, h in copies.items())
    body += "".join(f"{rand_pdq(rng)},noise\n" for _ in range(300))
    for bank in ("wide", "strict"):
        shield.banks.import_file(bank, write(tmp_path / "b.csv", body))

    found = shield.matching.match_hash(centre).matches
    assert [(m.bank, m.distance, m.label) for m in found] == [
        ("strict", 0, "at 0"),
        ("wide", 0, "at 0"),
        ("strict", 5, "at 5"),
        ("wide", 5, "at 5"),
        ("wide", 20, "at 20"),
        ("wide", 31, "at 31"),
    ]
    assert all(distance(centre, copies[int(m.label[3:])]) == m.distance for m in found)
    # the effective distance is the smaller of --max-distance and the bank's threshold
    assert [m.distance for m in shield.matching.match_hash(centre, max_distance=20).matches] == [
        0,
        0,
        5,
        5,
        20,
    ]
    only = shield.matching.match_hash(centre, bank="wide", max_distance=4).matches
    assert [(m.bank, m.distance) for m in only] == [("wide", 0)]

    # a withdrawn entry stops matching at once, though the saved index still holds it
    gone = next(m for m in found if m.bank == "wide" and m.distance == 5)
    shield.banks.remove("wide", str(gone.id))
    again = shield.matching.match_hash(centre, bank="wide").matches
    assert gone.id not in [m.id for m in again] and len(again) == 3
    # and an added one at once
    extra = near(centre, 2, rng)
    shield.banks.import_file("wide", write(tmp_path / "more.csv", f"pdq,label\n{extra},new\n"))
    assert [m.label for m in shield.matching.match_hash(centre, bank="wide").matches][:2] == [
        "at 0",
        "new",
    ]
    with pytest.raises(NotFound):
        shield.banks.remove("wide", "999999")
    with pytest.raises(BadInput):
        shield.banks.remove("wide", "abc")
    with pytest.raises(NotFound):
        shield.matching.match_hash(centre, bank="missing")
    with pytest.raises(BadInput):
        shield.matching.match_hash(centre, max_distance=32)


def test_a_fresh_process_uses_the_saved_index_and_catches_up(
    shield: Shield, tmp_path: Path
) -> None:
    rng = random.Random(3)
    hashes = [rand_pdq(rng) for _ in range(2000)]
    shield.banks.create("big")
    shield.banks.import_file("big", write(tmp_path / "b.te", "".join(f"pdq {h}\n" for h in hashes)))
    assert shield.matching.match_hash(hashes[7]).matches[0].distance == 0
    saved = shield.settings.data_dir / "index"
    assert list(saved.glob("bank-*/manifest.json"))
    # damage the saved index: it is rebuilt from the store, not trusted
    for npy in saved.glob("bank-*/*.npy"):
        npy.write_bytes(b"garbage")
    shield.matching._open.clear()
    assert shield.matching.match_hash(hashes[9]).matches[0].distance == 0
    shield.banks.remove("big", str(shield.matching.match_hash(hashes[11]).matches[0].id))
    shield.matching._open.clear()  # as a new process would
    assert shield.matching.match_hash(hashes[11]).matches == []
    # a saved index whose tag disagrees with what it holds is rebuilt, not trusted
    shield.matching.index(shield.banks.bank("big"))
    for manifest in saved.glob("bank-*/manifest.json"):
        doc = json.loads(manifest.read_text())
        doc["tag"]["upto"] = 0
        manifest.write_text(json.dumps(doc))
    shield.matching._open.clear()
    found = shield.matching.match_hash(hashes[13]).matches
    assert [m.distance for m in found] == [0]
    assert len(shield.matching.index(shield.banks.bank("big"))) == 1999


def test_paths_need_a_hasher_when_none_is_installed(shield: Shield, tmp_path: Path) -> None:
    # an installation without the imaging adapter: raw hashes still work, paths say why not
    repo = BankStore(shield.store)
    banks = BankService(repo, shield.clock, None)
    matching = MatchService(repo, IndexFolder(tmp_path / "ix"), None)
    banks.create("b")
    photo = write(tmp_path / "p.jpg", "x")
    with pytest.raises(HashingUnavailable):
        matching.match_paths([photo])
    with pytest.raises(HashingUnavailable):
        banks.add_photos("b", [photo])
    assert matching.match_hash("0" * 64).matches == []


def test_python_threatexchange_reads_the_te_export(shield: Shield, tmp_path: Path) -> None:
    """Interoperability: python-threatexchange's own file exchange parses what we export
    (skipped where the benchmark group, which brings the package, is not installed)."""
    file_api = pytest.importorskip("threatexchange.exchanges.impl.file_api")
    rng = random.Random(9)
    hashes = [rand_pdq(rng) for _ in range(5)]
    shield.banks.create("out")
    shield.banks.import_file(
        "out", write(tmp_path / "in.te", "".join(f"pdq {h}\n" for h in hashes))
    )
    exported = write(tmp_path / "out.txt", "".join(shield.banks.export("out", "te")))
    config = file_api.FileCollaborationConfig(name="shield", filename=str(exported))
    api = file_api.LocalFileSignalExchangeAPI.for_collab(config)
    [delta] = list(api.fetch_iter([], None))
    assert set(delta.updates) == {("pdq", h) for h in hashes}

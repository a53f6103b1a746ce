"""`shield hash`: the contract's JSON shape, folders, and bad files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pdqhash
import pytest
from drawing import scene
from PIL import Image

from shield.adapters.imaging.pipeline import bits_to_hex
from shield.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scene(1).save(tmp_path / "a.jpg", quality=90)
    status, out, err = run(capsys, "hash", str(tmp_path / "a.jpg"), "--json")
    assert (status, err) == (0, "")
    [entry] = json.loads(out)
    assert set(entry) >= {"path", "pdq", "quality", "md5", "kind"}
    assert entry["kind"] == "image"
    assert len(entry["pdq"]) == 64
    assert entry["pdq"] == entry["pdq"].lower()
    assert 0 <= entry["quality"] <= 100
    assert entry["md5"] == hashlib.md5((tmp_path / "a.jpg").read_bytes()).hexdigest()
    assert entry["sha256"] == hashlib.sha256((tmp_path / "a.jpg").read_bytes()).hexdigest()
    assert entry["pipeline"] == "pdq-2"
    assert entry["weak"] is False


def test_pipeline_option_hashes_as_an_older_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scene(2, (1100, 800)).save(tmp_path / "a.jpg", quality=80)
    status, out, _ = run(capsys, "hash", str(tmp_path / "a.jpg"), "--pipeline", "pdq-1", "--json")
    [old] = json.loads(out)
    assert (status, old["pipeline"]) == (0, "pdq-1")
    with Image.open(tmp_path / "a.jpg") as image:
        image.draft("RGB", (512, 512))
        rgb = image.convert("RGB").resize((512, 372), Image.Resampling.BILINEAR, reducing_gap=2.0)
    bits, _ = pdqhash.compute(np.asarray(rgb))
    assert old["pdq"] == bits_to_hex(bits)
    _, out, _ = run(capsys, "hash", str(tmp_path / "a.jpg"), "--json")
    [new] = json.loads(out)
    assert new["pipeline"] == "pdq-2"
    status, _, err = run(capsys, "hash", str(tmp_path / "a.jpg"), "--pipeline", "pdq-9")
    assert status == 2
    assert "pdq-9" in err


def test_folders_are_walked_and_other_files_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "inner").mkdir()
    scene(1).save(tmp_path / "a.png")
    scene(2).save(tmp_path / "inner" / "b.webp")
    (tmp_path / "inner" / "chat.txt").write_text("hello\n")
    Image.new("RGB", (64, 64), "white").save(tmp_path / "flat.png")
    status, out, _ = run(capsys, "hash", str(tmp_path), "--json")
    assert status == 0
    entries = {Path(e["path"]).name: e for e in json.loads(out)}
    assert sorted(entries) == ["a.png", "b.webp", "flat.png"]
    assert entries["flat.png"]["weak"] is True


def test_human_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scene(1).save(tmp_path / "a.png")
    status, out, _ = run(capsys, "hash", str(tmp_path / "a.png"))
    assert status == 0
    assert (
        out.split()[0]
        == json.loads(run(capsys, "hash", str(tmp_path / "a.png"), "--json")[1])[0]["pdq"]
    )


def test_a_bad_file_stops_the_run_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scene(1).save(tmp_path / "a.png")
    (tmp_path / "empty.jpg").write_bytes(b"")
    status, out, err = run(
        capsys, "hash", str(tmp_path / "a.png"), str(tmp_path / "empty.jpg"), "--json"
    )
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert str(tmp_path / "empty.jpg") in err


def test_keep_going_reports_each_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scene(1).save(tmp_path / "a.png")
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "notes.png").write_text("not a photo")
    status, out, err = run(
        capsys,
        "hash",
        "--keep-going",
        str(tmp_path / "empty.jpg"),
        str(tmp_path / "a.png"),
        str(tmp_path / "missing.png"),
        str(tmp_path / "notes.png"),
        "--json",
    )
    assert status == 2
    assert [Path(e["path"]).name for e in json.loads(out)] == ["a.png"]
    lines = err.splitlines()
    assert len(lines) == 3
    named = sorted(Path(line.split(": ")[1]).name for line in lines)
    assert named == ["empty.jpg", "missing.png", "notes.png"]

"""`shield bank ...` and `shield match --pdq` end to end: JSON shapes, exit statuses, one-line
errors, and banks left unchanged by bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from shield.cli.main import main

PDQ = "8" * 64
NEAR = "8" * 63 + "9"  # one bit away


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("SHIELD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SHIELD_DATABASE_URL", raising=False)

    def call(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return call


def test_bank_commands_and_match_json(run, tmp_path: Path) -> None:
    status, out, _ = run("bank", "create", "stock", "--threshold", "20", "--json")
    assert status == 0 and json.loads(out)["threshold"] == 20
    src = tmp_path / "in.csv"
    src.write_text(f"pdq,label\n{PDQ},model A\n", encoding="utf-8")
    status, out, _ = run("bank", "import", "stock", str(src), "--json")
    added = json.loads(out)
    assert status == 0 and added["skipped"] == 0 and added["added"][0]["label"] == "model A"
    entry_id = added["added"][0]["id"]

    status, out, _ = run("match", "--pdq", NEAR, "--json")
    assert status == 0
    assert json.loads(out) == [
        {
            "path": None,
            "query": NEAR,
            "matches": [
                {
                    "bank": "stock",
                    "id": entry_id,
                    "distance": 1,
                    "label": "model A",
                    "variant": "hash",
                    "stage": "pdq",
                    "alignment": None,
                }
            ],
        }
    ]
    status, out, _ = run("bank", "list", "--json")
    assert [b["entries"] for b in json.loads(out)] == [1]
    status, out, _ = run("bank", "export", "stock", "--format", "te")
    assert out == f"pdq {PDQ}\n"
    target = tmp_path / "out.jsonl"
    assert run("bank", "export", "stock", "--format", "jsonl", "--output", str(target))[0] == 0
    assert json.loads(target.read_text())["pdq"] == PDQ
    status, out, _ = run("bank", "remove", "stock", entry_id, "--json")
    assert status == 0 and json.loads(out)["withdrawn"] is True
    status, out, _ = run("match", "--pdq", NEAR, "--json")
    assert json.loads(out)[0]["matches"] == []


def test_bad_input_is_one_line_exit_2_and_changes_nothing(run, tmp_path: Path) -> None:
    run("bank", "create", "stock")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"pdq,label\n{PDQ},fine\n{PDQ[:40]},short\n", encoding="utf-8")
    cases = [
        ("bank", "import", "stock", str(bad)),
        ("bank", "import", "missing", str(bad)),
        ("bank", "import", "stock", str(tmp_path / "absent.csv")),
        ("bank", "create", "stock"),
        ("bank", "remove", "stock", "12"),
        ("match", "--pdq", "abc"),
        ("match", "--pdq", PDQ, "--bank", "missing"),
        ("match", "--pdq", PDQ, "--max-distance", "99"),
        ("match",),
    ]
    for argv in cases:
        status, out, err = run(*argv)
        assert status == 2, argv
        assert out == "" and err.count("\n") == 1 and err.startswith("shield: "), (argv, err)
    assert "line 3" in run("bank", "import", "stock", str(bad))[2]
    status, out, _ = run("bank", "list", "--json")
    assert json.loads(out)[0]["entries"] == 0


@pytest.mark.parametrize("pipeline", ["pdq-1", "pdq-2"])
def test_hashes_added_from_photos_record_their_pipeline(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipeline: str
) -> None:
    monkeypatch.setenv("SHIELD_HASH_PIPELINE", pipeline)
    photo = Image.linear_gradient("L").resize((600, 400)).convert("RGB")
    photo.paste((200, 30, 30), (100, 100, 300, 250))
    photo.save(tmp_path / "p.jpg", quality=90)
    run("bank", "create", "stock")
    status, out, _ = run("bank", "add", "stock", str(tmp_path / "p.jpg"), "--json")
    [entry] = json.loads(out)["added"]
    assert (status, entry["pipeline"]) == (0, pipeline)
    status, out, _ = run("hash", str(tmp_path / "p.jpg"), "--json")
    assert json.loads(out)[0]["pdq"] == entry["pdq"]  # the version the setting names

    target = tmp_path / "out.jsonl"
    assert run("bank", "export", "stock", "--format", "jsonl", "--output", str(target))[0] == 0
    assert json.loads(target.read_text())["pipeline"] == pipeline
    run("bank", "create", "copy")
    status, out, _ = run("bank", "import", "copy", str(target), "--json")
    assert json.loads(out)["added"][0]["pipeline"] == pipeline  # kept through a Shield file


def test_imported_hashes_have_no_pipeline_and_a_bad_one_is_refused(run, tmp_path: Path) -> None:
    run("bank", "create", "stock")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"pdq": PDQ}) + "\n", encoding="utf-8")
    status, out, _ = run("bank", "import", "stock", str(src), "--json")
    assert json.loads(out)["added"][0]["pipeline"] is None
    src.write_text(json.dumps({"pdq": NEAR, "pipeline": "pdq-7"}) + "\n", encoding="utf-8")
    status, _, err = run("bank", "import", "stock", str(src))
    assert status == 2
    assert "pdq-7" in err

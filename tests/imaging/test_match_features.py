"""The second stage through the services and the command line: features stored with banked
photos (SQLite and PostgreSQL), crops found with their alignment, withdrawn photos never
found, `--explain` pictures, `--no-features`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from shield.bootstrap import Shield
from shield.cli.main import main

skimage = pytest.importorskip("skimage")
SAMPLES = Path(skimage.__file__).parent / "data"  # files inside scikit-image's wheel


def sample(name: str) -> Image.Image:
    return Image.open(SAMPLES / name).convert("RGB")


def photo_files(folder: Path) -> list[Path]:
    paths = []
    for name in ("astronaut.png", "coffee.png", "chelsea.png"):
        path = folder / name
        sample(name).save(path)
        paths.append(path)
    return paths


def cropped_and_turned(path: Path, target: Path) -> Path:
    image = Image.open(path).convert("RGB")
    w, h = image.size
    part = image.crop((w // 5, h // 6, w, h))  # about two thirds of the photo
    part.rotate(12, Image.Resampling.BICUBIC, expand=True, fillcolor="white").save(target)
    return target


def test_a_crop_is_found_by_the_second_stage(shield: Shield, tmp_path: Path) -> None:
    paths = photo_files(tmp_path)
    shield.banks.create("models", description="stock model photos")
    added = shield.banks.add_photos("models", paths, label="stock").added
    query = cropped_and_turned(paths[1], tmp_path / "profile.png")

    (result,) = shield.matching.match_paths([query])
    (match,) = result.matches  # the other two photos are not reported
    assert match.id == added[1].id and match.stage == "features" and match.label == "stock"
    assert match.distance > 31  # PDQ alone misses it
    a = match.alignment
    assert a is not None and a.inliers >= 12 and not a.mirrored
    assert a.rotation == pytest.approx(12, abs=2)
    left, top, right, bottom = a.crop
    # the frame of the turned crop covers the crop (from 1/5 across, 1/6 down) and its corners
    assert 0.0 <= left < 0.2 and 0.0 <= top < 1 / 6
    assert right > 0.96 and bottom > 0.96

    (result,) = shield.matching.match_paths([query], second_stage=False)
    assert result.matches == []

    shield.banks.remove("models", str(added[1].id))  # withdrawn: never found again
    (result,) = shield.matching.match_paths([query])
    assert result.matches == []
    shield.banks.add_photos("models", [paths[1]], label="again")  # re-added: found at once
    (result,) = shield.matching.match_paths([query])
    assert [m.label for m in result.matches] == ["again"]


def test_the_first_stage_wins_when_both_find_a_photo(shield: Shield, tmp_path: Path) -> None:
    paths = photo_files(tmp_path)
    shield.banks.create("models")
    shield.banks.add_photos("models", paths)
    copy = tmp_path / "copy.jpg"
    Image.open(paths[0]).convert("RGB").save(copy, quality=85)
    (result,) = shield.matching.match_paths([copy])
    assert [(m.stage, m.alignment) for m in result.matches] == [("pdq", None)]


def test_match_json_and_explain_pictures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SHIELD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SHIELD_DATABASE_URL", raising=False)
    paths = photo_files(tmp_path)
    assert main(["bank", "create", "models"]) == 0
    assert main(["bank", "add", "models", *map(str, paths)]) == 0
    query = cropped_and_turned(paths[2], tmp_path / "shot.png")
    capsys.readouterr()

    explain = tmp_path / "explained"
    assert main(["match", str(query), "--json", "--explain", str(explain)]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    (match,) = result["matches"]
    assert match["stage"] == "features" and match["variant"] == "original"
    assert set(match["alignment"]) == {
        "inliers",
        "correspondences",
        "rotation",
        "scale",
        "mirrored",
        "crop",
    }
    (picture,) = explain.iterdir()
    with Image.open(picture) as drawn:
        assert drawn.format == "PNG" and drawn.height == 640

    assert main(["match", str(query)]) == 0
    out = capsys.readouterr().out
    assert "features:" in out and any(f"turned {d} deg" in out for d in (11, 11.5, 12, 12.5, 13))

    assert main(["match", str(query), "--no-features", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["matches"] == []
    assert main(["match", str(query), "--no-features", "--explain", str(explain)]) == 2
    assert "--explain" in capsys.readouterr().err

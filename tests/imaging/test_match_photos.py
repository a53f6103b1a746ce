"""Photos into a bank, then matched: re-encoded, mirrored, rotated and screenshotted copies
are found with the variant that found them; unrelated photos are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from drawing import bordered, phone_screenshot, scene
from PIL import Image

from shield.bootstrap import Shield
from shield.cli.main import main
from shield.core.errors import BadInput, NotFound


def save(image: Image.Image, path: Path, **options: object) -> Path:
    image.save(path, **options)
    return path


def test_bank_add_then_match_copies(sqlite_shield: Shield, tmp_path: Path) -> None:
    shield = sqlite_shield
    known = [scene(seed) for seed in (101, 102, 103)]
    paths = [save(img, tmp_path / f"known{i}.png") for i, img in enumerate(known)]
    shield.banks.create("profiles", description="known offender profile photos")
    change = shield.banks.add_photos("profiles", paths, label="profile")
    assert len(change.added) == 3 and all(e.pdq and e.md5 for e in change.added)
    assert len(shield.banks.add_photos("profiles", paths[:1]).added) == 0  # already held

    photo = known[0]
    copies = {
        "same.png": (photo, "md5"),
        "reencoded.jpg": (photo.resize((360, 270)), "original"),
        "mirrored.png": (photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT), "mirror"),
        "turned.png": (photo.transpose(Image.Transpose.ROTATE_90), "rot270"),
        "screenshot.png": (phone_screenshot(photo), None),
        "framed.png": (bordered(photo, 0.12), None),
    }
    for name, (img, _) in copies.items():
        save(img, tmp_path / name, **({"quality": 80} if name.endswith(".jpg") else {}))
    (tmp_path / "same.png").write_bytes(paths[0].read_bytes())
    results = shield.matching.match_paths([tmp_path / n for n in copies])
    for result, (name, (_, variant)) in zip(results, copies.items(), strict=True):
        assert result.matches, name
        best = result.matches[0]
        assert best.id == change.added[0].id and best.label == "profile", name
        if variant:
            assert best.variant == variant, (name, best)
        else:
            assert best.variant in ("unbordered", "original"), (name, best)

    strangers = [save(scene(seed), tmp_path / f"other{seed}.png") for seed in range(200, 210)]
    assert all(not r.matches for r in shield.matching.match_paths(strangers))

    with pytest.raises(NotFound):
        shield.matching.match_paths(strangers[:1], bank="nope")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    with pytest.raises(BadInput):
        shield.banks.add_photos("profiles", [paths[1], broken])
    assert shield.banks.bank("profiles").entries == 3  # nothing added from the failed batch


def test_match_command_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("SHIELD_DATA_DIR", str(tmp_path / "data"))
    photo = save(scene(7), tmp_path / "p.png")
    assert main(["bank", "create", "b"]) == 0
    assert main(["bank", "add", "b", str(photo), "--label", "stock model", "--json"]) == 0
    capsys.readouterr()
    copy = save(scene(7).transpose(Image.Transpose.FLIP_LEFT_RIGHT), tmp_path / "m.jpg")
    assert main(["match", str(copy), "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["path"] == str(copy)
    [m] = result["matches"]
    assert (m["bank"], m["label"], m["variant"]) == ("b", "stock model", "mirror")
    assert m["distance"] <= 31
    assert main(["match", str(tmp_path / "missing.png")]) == 2


def test_a_photo_seen_in_a_video_matches_its_frame(sqlite_shield: Shield, tmp_path: Path) -> None:
    av = pytest.importorskip("av")
    shield = sqlite_shield
    size = (320, 240)
    first, second = scene(41, size), scene(42, size)
    clip = tmp_path / "clip.mp4"
    with av.open(str(clip), mode="w") as container:
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = 2_000_000
        for image in [first] * 20 + [second] * 20:
            for packet in stream.encode(av.VideoFrame.from_image(image)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    shield.banks.create("clips")
    change = shield.banks.add_photos("clips", [clip], label="clip")
    assert change.added[0].md5 and not change.added[0].pdq  # the file's MD5, then frames
    assert all(e.pdq for e in change.added[1:]) and len(change.added) >= 3

    [still] = shield.matching.match_paths([save(second, tmp_path / "second.png")])
    assert still.matches and still.matches[0].distance <= 31
    assert (
        "@2s"
        in shield.banks.entries("clips")[
            [e.id for e in change.added].index(still.matches[0].id)
        ].source
    )
    [same] = shield.matching.match_paths([clip])  # the very file: its MD5 and every frame
    assert same.matches[0].variant == "md5" and same.matches[0].distance == 0

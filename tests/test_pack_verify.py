"""`shield pack verify`: fresh packs pass; a changed byte, a removed file and an added file are
caught; hostile ZIPs are refused with one line and exit 2."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pack_support import evidence_files, request
from shield.core.errors import BadPack
from shield.services.pack import verify_pack
from support import run_cli
from test_pack import packer


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verify")
    return packer().build(request(evidence_files(root / "given")), root / "pack.zip").path


def rezip(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a pack entry by entry, replacing (bytes), removing (None) or adding entries."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                continue
            new.writestr(info, old.read(info))
        for name, data in change.items():
            if data is not None:
                new.writestr(name, data)
    return target


def kinds(path: Path) -> list[tuple[str, str]]:
    return [(p.kind, p.name) for p in verify_pack(path).problems]


def test_a_fresh_pack_verifies(fresh: Path) -> None:
    check = verify_pack(fresh)
    assert check.ok, check.problems
    assert check.files == 10
    assert check.created == "2024-03-01T12:00:01+00:00"


def test_a_changed_byte_in_an_original_is_altered(fresh: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(fresh) as z:
        data = bytearray(z.read("evidence/WhatsApp_Chat_with_Jess.txt"))
    data[20] ^= 0x01
    tampered = rezip(
        fresh, tmp_path / "t.zip", {"evidence/WhatsApp_Chat_with_Jess.txt": bytes(data)}
    )
    assert kinds(tampered) == [("altered", "evidence/WhatsApp_Chat_with_Jess.txt")]


def test_a_flipped_byte_inside_the_zip_is_altered(fresh: Path, tmp_path: Path) -> None:
    raw = bytearray(fresh.read_bytes())
    with zipfile.ZipFile(fresh) as z:
        info = z.getinfo("evidence/Screenshot_2024-03-13.png")  # stored, not deflated
    name_len, extra_len = struct.unpack(
        "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    raw[start + 100] ^= 0xFF
    tampered = tmp_path / "flipped.zip"
    tampered.write_bytes(bytes(raw))
    assert kinds(tampered) == [("altered", "evidence/Screenshot_2024-03-13.png")]


def test_a_removed_file_is_missing(fresh: Path, tmp_path: Path) -> None:
    tampered = rezip(fresh, tmp_path / "t.zip", {"evidence/message_1.json": None})
    assert kinds(tampered) == [("missing", "evidence/message_1.json")]


def test_an_added_file_is_added(fresh: Path, tmp_path: Path) -> None:
    tampered = rezip(fresh, tmp_path / "t.zip", {"evidence/extra.png": b"\x89PNG planted"})
    assert kinds(tampered) == [("added", "evidence/extra.png")]


def test_a_rewritten_manifest_is_caught_by_sha256sums(fresh: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(fresh) as z:
        manifest = json.loads(z.read("manifest.json"))
        forged = b"forged chat"
    for f in manifest["files"]:
        if f["name"] == "evidence/WhatsApp_Chat_with_Jess.txt":
            f["sha256"] = __import__("hashlib").sha256(forged).hexdigest()
            f["size"] = len(forged)
    tampered = rezip(
        fresh,
        tmp_path / "t.zip",
        {
            "manifest.json": json.dumps(manifest).encode(),
            "evidence/WhatsApp_Chat_with_Jess.txt": forged,
        },
    )
    problems = kinds(tampered)
    assert ("altered", "manifest.json") in problems
    assert ("altered", "evidence/WhatsApp_Chat_with_Jess.txt") in problems


def test_lost_indexes_are_reported(fresh: Path, tmp_path: Path) -> None:
    tampered = rezip(fresh, tmp_path / "t.zip", {"SHA256SUMS": None, "manifest.json": None})
    problems = kinds(tampered)
    assert ("missing", "SHA256SUMS") in problems
    assert ("missing", "manifest.json") in problems


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(which=st.integers(0, 10**6), flip=st.integers(1, 255))
def test_any_changed_byte_of_any_file_is_caught(
    fresh: Path, tmp_path: Path, which: int, flip: int
) -> None:
    with zipfile.ZipFile(fresh) as z:
        names = [i.filename for i in z.infolist()]
        name = names[which % len(names)]
        data = bytearray(z.read(name))
    data[which % len(data)] ^= flip
    tampered = rezip(fresh, tmp_path / f"t{which}-{flip}.zip", {name: bytes(data)})
    problems = verify_pack(tampered).problems
    assert problems
    assert all(p.kind == "altered" for p in problems)


def bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", b"{}")
        with z.open("evidence/zeros.bin", "w") as out:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                out.write(block)
    return path


def traversal(path: Path, name: str) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("manifest.json", b"{}")
        z.writestr(name, b"owned")
    return path


def symlink(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("evidence/chat.txt")
        info.external_attr = 0o120777 << 16
        z.writestr(info, "/etc/passwd")
    return path


def hostile(tmp_path: Path, fresh: Path) -> dict[str, Path]:
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(fresh.read_bytes()[: fresh.stat().st_size // 2])
    not_zip = tmp_path / "notes.zip"
    not_zip.write_bytes(b"just some text, not a zip at all\n")
    return {
        "bomb": bomb(tmp_path / "bomb.zip"),
        "dotdot": traversal(tmp_path / "dotdot.zip", "../../outside.txt"),
        "absolute": traversal(tmp_path / "abs.zip", "/etc/cron.d/x"),
        "backslash": traversal(tmp_path / "back.zip", "..\\..\\x.txt"),
        "control": traversal(tmp_path / "ctl.zip", "evidence/a\u202egpj.exe"),
        "truncated": truncated,
        "not_zip": not_zip,
        "symlink": symlink(tmp_path / "link.zip"),
    }


@pytest.mark.parametrize(
    "case",
    ["bomb", "dotdot", "absolute", "backslash", "control", "truncated", "not_zip", "symlink"],
)
def test_hostile_packs_are_refused(fresh: Path, tmp_path: Path, case: str) -> None:
    path = hostile(tmp_path, fresh)[case]
    with pytest.raises(BadPack) as caught:
        verify_pack(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_lying_header_cannot_smuggle_more_bytes(tmp_path: Path) -> None:
    """An entry whose data inflates beyond its declared size is altered, not read on and on."""
    path = tmp_path / "liar.zip"
    payload = b"A" * 5000
    listed = {"files": [{"name": "a.txt", "size": 10, "sha256": "0" * 64}]}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(listed))
        z.writestr("a.txt", payload)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("a.txt")
    central = raw.find(b"PK\x01\x02", raw.find(b"PK\x01\x02") + 4)  # a.txt's central entry
    struct.pack_into("<I", raw, central + 24, 10)  # declared uncompressed size
    struct.pack_into("<I", raw, info.header_offset + 22, 10)
    path.write_bytes(bytes(raw))
    assert ("altered", "a.txt") in kinds(path)


def test_cli_verify_exit_statuses(fresh: Path, tmp_path: Path) -> None:
    ok = run_cli(["pack", "verify", str(fresh), "--json"], tmp_path / "data")
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(ok.stdout)
    assert doc["ok"] is True and doc["problems"] == []
    tampered = rezip(fresh, tmp_path / "t.zip", {"evidence/new.txt": b"x"})
    bad = run_cli(["pack", "verify", str(tampered)], tmp_path / "data")
    assert bad.returncode == 1
    assert "added: evidence/new.txt" in bad.stdout
    assert bad.stderr.count("\n") == 1
    paths = hostile(tmp_path, fresh)
    for path in (paths["bomb"], paths["dotdot"], paths["truncated"]):
        done = run_cli(["pack", "verify", str(path)], tmp_path / "data")
        assert done.returncode == 2, (path, done.stdout, done.stderr)
        assert done.stderr.count("\n") == 1 and str(path) in done.stderr
        assert "Traceback" not in done.stderr
    missing = run_cli(["pack", "verify", str(tmp_path / "nope.zip")], tmp_path / "data")
    assert missing.returncode == 2

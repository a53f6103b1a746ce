"""The vault through the real command line, in separate processes: big files stream, a killed
add leaves nothing behind, errors are one line with the right exit status."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import evidence_folder, run_cli

GIB = 1 << 30

PEAK_WRAPPER = """
import sys
from shield.cli.main import main
code = main(sys.argv[2:])
status = open("/proc/self/status", encoding="ascii").read().splitlines()
[peak] = [line.split()[1] for line in status if line.startswith("VmHWM:")]
open(sys.argv[1], "w", encoding="ascii").write(peak)
sys.exit(code)
"""


def sparse_file(path: Path, size: int) -> Path:
    with open(path, "wb") as out:
        out.truncate(size)
        out.seek(size // 2)
        out.write(b"a marker in the middle")
    return path


def cli_env(data: Path) -> dict[str, str]:
    env = {**os.environ, "SHIELD_DATA_DIR": str(data)}
    env.pop("SHIELD_DATABASE_URL", None)
    return env


@pytest.mark.slow
def test_adding_2gb_streams_in_little_memory(tmp_path: Path) -> None:
    big = sparse_file(tmp_path / "long-video.mp4", 2 * GIB)
    data = tmp_path / "data"
    peak_file = tmp_path / "peak.txt"
    proc = subprocess.Popen(
        [sys.executable, "-c", PEAK_WRAPPER, str(peak_file), "vault", "add", str(big), "--json"],
        env=cli_env(data),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    # VmHWM is the peak of the command's own memory. (The rusage of a child also carries the
    # peak of the test process it was spawned from, which grows with the tests run before.)
    peak_mb = int(peak_file.read_text()) / 1024  # kilobytes
    assert peak_mb < 200, f"peak memory {peak_mb:.0f} MB"
    [item] = json.loads(out)
    assert item["size"] == 2 * GIB
    blobs = list((data / "vault" / "blobs").rglob("*"))
    assert sum(p.stat().st_size for p in blobs if p.is_file()) == 2 * GIB
    # the same file again: one blob, two events
    again = run_cli(["vault", "add", str(big), "--json"], data)
    assert again.returncode == 0 and json.loads(again.stdout)[0]["new"] is False
    show = run_cli(["vault", "show", item["id"], "--json"], data)
    assert [e["action"] for e in json.loads(show.stdout)["custody"]] == [
        "received",
        "received",
        "viewed",
    ]


@pytest.mark.slow
def test_killed_add_leaves_no_half_blob_and_no_event(tmp_path: Path) -> None:
    big = sparse_file(tmp_path / "video.mp4", 2 * GIB)
    data = tmp_path / "data"
    incoming = data / "vault" / "tmp"
    proc = subprocess.Popen(
        [sys.executable, "-m", "shield.cli.main", "vault", "add", str(big)],
        env=cli_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        copies = list(incoming.glob("incoming-*")) if incoming.exists() else []
        if copies and copies[0].stat().st_size > 0:
            break
        time.sleep(0.002)
    else:
        proc.kill()
        pytest.fail("the copy never started")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    blob_root = data / "vault" / "blobs"
    assert not any(p.is_file() for p in blob_root.rglob("*")) if blob_root.exists() else True
    listing = run_cli(["vault", "list", "--json"], data)
    assert json.loads(listing.stdout) == []
    verify = run_cli(["vault", "verify", "--json"], data)
    assert verify.returncode == 0, verify.stdout
    assert json.loads(verify.stdout)["events"] == 0
    # the abandoned copy is swept by the next add
    small = tmp_path / "note.txt"
    small.write_text("after the crash")
    assert run_cli(["vault", "add", str(small)], data).returncode == 0
    assert list(incoming.glob("incoming-*")) == []


def test_cli_errors_are_one_line_with_exit_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    missing = run_cli(["vault", "add", str(tmp_path / "nowhere.png")], data)
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert missing.stderr.count("\n") == 1 and "nowhere.png" in missing.stderr
    folder = evidence_folder(tmp_path)
    os.symlink(folder, folder / "loop")
    looped = run_cli(["vault", "add", str(folder), "--json"], data)
    assert looped.returncode == 2 and looped.stdout == ""
    assert "loop" in looped.stderr and looped.stderr.count("\n") == 1
    unknown = run_cli(["vault", "show", "abc"], data)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
    usage = run_cli(["vault", "export"], data)
    assert usage.returncode == 2


def test_cli_json_is_one_document_and_verify_exits_1_on_tampering(tmp_path: Path) -> None:
    data = tmp_path / "data"
    added = run_cli(["vault", "add", str(evidence_folder(tmp_path)), "--json"], data)
    assert added.returncode == 0
    items = json.loads(added.stdout)
    assert len(items) == 3
    ok = run_cli(["vault", "verify", "--json"], data)
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True
    blob = next(p for p in (data / "vault" / "blobs").rglob("*") if p.is_file())
    os.chmod(blob, 0o600)
    blob.write_bytes(b"tampered")
    bad = run_cli(["vault", "verify", "--json"], data)
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert report["ok"] is False and report["problems"][0]["kind"] == "altered"
    human = run_cli(["vault", "verify"], data)
    assert human.returncode == 1 and human.stdout.startswith("altered: blob")

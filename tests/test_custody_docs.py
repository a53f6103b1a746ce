"""The standard-library verifier printed in docs/custody.md works on a real vault."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from shield.bootstrap import Shield
from support import blob_files, evidence_folder, log_path

DOC = Path(__file__).resolve().parents[1] / "docs" / "custody.md"


def script(tmp_path: Path) -> Path:
    [code] = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    path = tmp_path / "reverify.py"
    path.write_text(code, encoding="utf-8")
    return path


def run(script_path: Path, vault: Path) -> subprocess.CompletedProcess[str]:
    # -I: isolated mode, no site-packages: the standard library only
    return subprocess.run(
        [sys.executable, "-I", str(script_path), str(vault)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_documented_verifier_passes_then_catches_tampering(
    sqlite_shield: Shield, tmp_path: Path
) -> None:
    shield = sqlite_shield
    added = shield.vault.add([evidence_folder(tmp_path)], actor="intake")
    shield.vault.show(added[0].item.id, actor="officer")
    head = shield.vault.verify(actor="checker").head
    vault = shield.settings.resolved_vault_dir
    checker = script(tmp_path)
    ok = run(checker, vault)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # the script's head includes the verification event that came after `head`
    assert shield.store.events()[-1].hash in ok.stdout and head != ""

    blob = blob_files(shield)[0]
    os.chmod(blob, 0o600)
    original = blob.read_bytes()
    blob.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    assert run(checker, vault).returncode == 1
    blob.write_bytes(original)

    lines = log_path(shield).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0], lines[1] = lines[1], lines[0]
    log_path(shield).write_text("".join(lines), encoding="utf-8")
    swapped = run(checker, vault)
    assert swapped.returncode == 1 and "chain is broken" in swapped.stdout

from __future__ import annotations

from pathlib import Path

from shield.bootstrap import Shield


def test_add_list_verify_roundtrip(shield: Shield, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "chat.txt").write_text("offender: pay £250 or else\n", encoding="utf-8")
    added = shield.vault.add([src], actor="tester")
    assert [a.item.media_type for a in added] == ["text/plain"]
    assert [i.id for i in shield.vault.items()] == [added[0].item.id]
    result = shield.vault.verify(actor="tester")
    assert result.ok, result.problems

"""The drawn screenshots and their expected readings stay in step with the scripts that drew
them, and the set keeps its promised size and shape."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent / "screenshots"))
import draw
from conversations import CASES

DATA = Path(__file__).resolve().parent / "data" / "screenshots"
CONTRACT_KINDS = {
    "email", "phone", "handle", "url", "crypto_wallet", "bank_account", "iban",
    "payment_handle", "gift_card", "image_pdq", "image_md5",
}  # fmt: skip


def test_the_set_has_its_promised_shape() -> None:
    folders = sorted(p.name for p in DATA.iterdir() if p.is_dir())
    assert folders == sorted(case.name for case in CASES)
    shots = sum(case.pages for case in CASES)
    assert shots >= 20
    assert {case.app for case in CASES} >= {"instagram", "whatsapp", "snapchat", "imessage"}
    assert {case.dark for case in CASES} == {True, False}
    assert {case.split for case in CASES} == {"dev", "heldout", "heldout2"}
    assert any(case.pages >= 3 for case in CASES)
    heldout_apps = {case.app for case in CASES if case.split == "heldout"}
    dev_apps = {case.app for case in CASES if case.split == "dev"}
    assert heldout_apps - dev_apps, "a layout must be held out from tuning"


def test_expected_files_match_the_scripts() -> None:
    for case in CASES:
        expected = json.loads((DATA / case.name / "expected.json").read_text(encoding="utf-8"))
        assert expected["messages"] == draw.expected_messages(case), case.name
        suffix = "jpg" if case.jpeg else "png"
        assert expected["screenshots"] == [f"{n:02d}.{suffix}" for n in range(1, case.pages + 1)]
        assert {i["kind"] for i in expected["identifiers"]} <= CONTRACT_KINDS
        style = draw.case_style(case)
        for name in expected["screenshots"]:
            with Image.open(DATA / case.name / name) as image:
                size = (round(style.width * case.shrink), round(style.height * case.shrink))
                assert image.size == size


def test_the_drawing_reproduces_a_case(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "whatsapp_light_lily")
    names = draw.render(case, tmp_path)
    assert names == ["01.png", "02.png"]
    drawn = json.loads((tmp_path / case.name / "expected.json").read_text(encoding="utf-8"))
    committed = json.loads((DATA / case.name / "expected.json").read_text(encoding="utf-8"))
    assert drawn == committed

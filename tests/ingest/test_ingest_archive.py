"""Folders and zips are walked safely: hostile archives are refused with one line naming them."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest

from shield.core.errors import (
    ArchiveLimit,
    BadInput,
    DirectoryLoop,
    MissingPath,
    UnreadableFile,
    UnrecognizedFormat,
    UnsafeArchive,
)
from shield.ingest import Document, Limits, documents, open_source

CHAT = "01/03/2024, 21:03 - Jess: hi\n01/03/2024, 21:04 - Sam: who is this\n"


def make_zip(path: Path, members: dict[str, bytes], **info_fields: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            for key, value in info_fields.items():
                setattr(info, key, value)
            archive.writestr(info, data)
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text
    return text


def test_zip_member_is_read_without_unpacking(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "export.bin", {"chats/WhatsApp Chat with Jess.txt": CHAT.encode()}
    )
    (opened,) = open_source([archive])
    assert opened.format == "whatsapp"
    assert opened.path == f"{archive}!/chats/WhatsApp Chat with Jess.txt"
    assert opened.export.header.title == "Jess"
    assert [m.sender for m in opened.export.messages] == ["Jess", "Sam"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.bin"]


@pytest.mark.parametrize(
    "name", ["../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/evil.txt", "..\\evil.txt"]
)
def test_path_traversal_is_refused(tmp_path: Path, name: str) -> None:
    archive = make_zip(tmp_path / "bad.zip", {name: CHAT.encode()})
    with pytest.raises(UnsafeArchive) as caught:
        list(open_source([archive]))
    assert str(archive) in one_line(caught.value)
    assert "escapes" in str(caught.value)


def test_symlink_member_is_refused(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "link.zip",
        {"chat.txt": b"/etc/passwd"},
        external_attr=(stat.S_IFLNK | 0o777) << 16,
    )
    with pytest.raises(UnsafeArchive, match="symbolic link"):
        list(open_source([archive]))


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "locked.zip", {"chat.txt": CHAT.encode()})
    data = bytearray(archive.read_bytes())
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 6] |= 0x1  # the "encrypted" bit of the general-purpose flags, in both headers
    data[central + 8] |= 0x1
    archive.write_bytes(bytes(data))
    with pytest.raises(UnsafeArchive, match="encrypted"):
        list(open_source([archive]))


def test_zip_bomb_ratio_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bomb.zip", {"zeros.txt": b"0" * (8 << 20)})
    with pytest.raises(ArchiveLimit, match=r"compressed .* to 1") as caught:
        list(open_source([archive]))
    assert "bomb.zip!/zeros.txt" in one_line(caught.value)


def test_member_count_and_total_size_are_bounded(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "many.zip", {f"f{i}.txt": b"x" for i in range(30)})
    with pytest.raises(ArchiveLimit, match="more than 20 archive members"):
        list(open_source([archive], limits=Limits(max_members=20)))
    with pytest.raises(ArchiveLimit, match="more than 10 bytes"):
        list(open_source([archive], limits=Limits(max_total_bytes=10)))


def test_member_count_is_checked_before_the_table_of_contents_is_read(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "many.zip", {f"f{i}.txt": b"" for i in range(50)})
    data = archive.read_bytes()
    assert data.count(b"PK\x05\x06") == 1
    with pytest.raises(ArchiveLimit, match="more than 20 archive members") as caught:
        list(documents([archive], Limits(max_members=20)))
    assert "!/" not in str(caught.value)  # refused as a whole, before any member was listed


def test_nested_zips_are_read_to_a_depth_and_no_further(tmp_path: Path) -> None:
    inner = zip_bytes({"inner/WhatsApp Chat with Jess.txt": CHAT.encode()})
    middle = zip_bytes({"inner.zip": inner})
    archive = tmp_path / "outer.zip"
    archive.write_bytes(zip_bytes({"middle.zip": middle}))
    (opened,) = open_source([archive])
    assert opened.path.endswith(
        "outer.zip!/middle.zip!/inner.zip!/inner/WhatsApp Chat with Jess.txt"
    )
    assert len(list(opened.export.messages)) == 2
    with pytest.raises(UnsafeArchive, match="nested more than 2 deep"):
        list(open_source([archive], limits=Limits(max_depth=2)))


def test_corrupt_zip_is_one_line(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UnreadableFile) as caught:
        list(open_source([archive]))
    assert one_line(caught.value).startswith(str(archive))


def test_unrecognised_file_named_directly_is_refused_by_name(tmp_path: Path) -> None:
    odd = tmp_path / "shopping.txt"
    odd.write_text("eggs\nmilk\nbread\n", encoding="utf-8")
    with pytest.raises(UnrecognizedFormat) as caught:
        list(open_source([odd]))
    assert isinstance(caught.value, BadInput)
    assert one_line(caught.value).startswith(f"{odd}: not a chat export")


def test_folders_pass_over_media_and_strangers(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "WhatsApp Chat with Jess.txt").write_text(CHAT, encoding="utf-8")
    (tmp_path / "a" / "IMG-20240301-WA0001.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    (tmp_path / "a" / "contact.vcf").write_text("BEGIN:VCARD\nEND:VCARD\n", encoding="utf-8")
    others: list[Document] = []
    opened = list(open_source([tmp_path], others=others))
    assert [o.format for o in opened] == ["whatsapp"]
    assert sorted(d.basename for d in others) == ["IMG-20240301-WA0001.jpg", "contact.vcf"]
    assert [d.media_type for d in others if d.basename.endswith(".jpg")] == ["image/jpeg"]


def test_folder_loops_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "up").symlink_to(tmp_path)
    with pytest.raises(DirectoryLoop):
        list(documents([tmp_path]))
    with pytest.raises(MissingPath):
        list(documents([tmp_path / "nope"]))


def test_split_export_parts_are_grouped_by_folder_and_merged_oldest_first(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "data/exports/instagram/split_three_files"
    for part in source.glob("message_*.json"):
        (tmp_path / part.name).write_bytes(part.read_bytes())
    archive = make_zip(
        tmp_path / "dyi.zip",
        {f"inbox/t/{p.name}": p.read_bytes() for p in sorted(source.glob("message_*.json"))},
    )
    by_folder = list(
        open_source(
            [tmp_path / "message_2.json", tmp_path / "message_1.json", tmp_path / "message_3.json"]
        )
    )
    in_zip = list(open_source([archive]))
    assert len(by_folder) == len(in_zip) == 1
    texts = [m.text for m in by_folder[0].export.messages]
    assert texts == [m.text for m in in_zip[0].export.messages]
    assert texts[0] == "hey u go to st marys?" and texts[-1] == "1 hour"
    assert len(by_folder[0].documents) == 3


def test_folder_or_archive_with_nothing_readable_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "list.txt").write_text("eggs\nmilk\n", encoding="utf-8")
    archive = make_zip(tmp_path / "report.docx", {"word/document.xml": b"<w:document/>"})
    for path in (tmp_path / "notes", archive):
        with pytest.raises(UnrecognizedFormat) as caught:
            list(open_source([path]))
        assert one_line(caught.value).startswith(f"{path}: holds no chat export")
    (tmp_path / "notes" / "shot.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    others: list[Document] = []
    assert list(open_source([tmp_path / "notes"], others=others)) == []
    assert sorted(d.basename for d in others) == ["list.txt", "shot.png"]

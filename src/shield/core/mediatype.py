"""Media type from content, not from the file name.

Evidence arrives renamed, re-saved and mislabelled; what a file is comes from its first bytes.
The table covers what victims hold: photos, screenshots, videos, voice notes, chat exports
and documents. Text is told apart from binary by decoding, and JSON by its first character.
"""

from __future__ import annotations

SNIFF_BYTES = 4096

_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"BM", "image/bmp"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"PK\x03\x04", "application/zip"),
    (0, b"PK\x05\x06", "application/zip"),
    (0, b"\x1a\x45\xdf\xa3", "video/webm"),
    (0, b"OggS", "audio/ogg"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"fLaC", "audio/flac"),
    (0, b"#!AMR", "audio/amr"),
    (0, b"\x1f\x8b", "application/gzip"),
    (0, b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (0, b"Rar!\x1a\x07", "application/vnd.rar"),
    (0, b"SQLite format 3\x00", "application/vnd.sqlite3"),
)

_RIFF = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}

_FTYP = {
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"heim": "image/heic",
    b"heis": "image/heic",
    b"mif1": "image/heif",
    b"msf1": "image/heif",
    b"avif": "image/avif",
    b"M4A ": "audio/mp4",
    b"M4B ": "audio/mp4",
    b"qt  ": "video/quicktime",
    b"3gp4": "video/3gpp",
    b"3gp5": "video/3gpp",
    b"3g2a": "video/3gpp2",
}


def sniff(head: bytes) -> str:
    """The media type of a file whose first bytes (up to SNIFF_BYTES) are ``head``."""
    for offset, magic, media_type in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return media_type
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[4:8] == b"ftyp":
        return _FTYP.get(head[8:12], "video/mp4")
    if head[:2] == b"\xff\xfb" or head[:2] == b"\xff\xf3" or head[:2] == b"\xff\xf2":
        return "audio/mpeg"
    return _sniff_text(head)


def _sniff_text(head: bytes) -> str:
    if not head:
        return "application/x-empty"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    elif b"\x00" in head:
        return "application/octet-stream"
    else:
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # the head may cut a multi-byte character at its very end; anything earlier is binary
            if exc.start < len(head) - 3:
                return "application/octet-stream"
            text = head[: exc.start].decode("utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return "application/json"
    if stripped[:200].lower().startswith(("<!doctype html", "<html")):
        return "text/html"
    return "text/plain"

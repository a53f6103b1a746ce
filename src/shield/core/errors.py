"""One exception tree for the whole product.

Every error carries a stable ``code`` (documented in docs/errors.md and asserted by a test) and
a kind that interfaces map to an outcome: ``BadInput`` is exit status 2 / HTTP 4xx, ``CheckFailed``
is exit status 1. Messages are one line and name the file or item they are about.
"""

from __future__ import annotations


class ShieldError(Exception):
    """Base of every error Shield raises on purpose."""

    code = "error"
    http_status = 400

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        text = " ".join(message.split())  # always one line
        super().__init__(f"{path}: {text}" if path else text)

    @property
    def message(self) -> str:
        return str(self)


class BadInput(ShieldError):
    """The input could not be used: missing, unreadable, malformed or hostile."""

    code = "bad_input"


class NotFound(BadInput):
    code = "not_found"
    http_status = 404


class UnreadableFile(BadInput):
    code = "unreadable_file"


class MissingPath(BadInput):
    code = "missing_path"


class DirectoryLoop(BadInput):
    code = "directory_loop"


class FileChanged(BadInput):
    code = "file_changed"


class InvalidRequest(BadInput):
    code = "invalid_request"
    http_status = 422


class Unauthorized(ShieldError):
    code = "unauthorized"
    http_status = 401


class ConfigurationError(ShieldError):
    """Settings that cannot work (a bad key, an unsafe secret on a public address)."""

    code = "configuration"


class CheckFailed(ShieldError):
    """The input was read but failed a check (e.g. verify found tampering)."""

    code = "check_failed"
    http_status = 409


class KeyRequired(ConfigurationError):
    code = "key_required"


class DecryptionFailed(CheckFailed):
    code = "decryption_failed"


class InvalidIdentifier(BadInput):
    """A value given as an identifier does not pass its kind's check (checksum, format)."""

    code = "invalid_identifier"


class InvalidGuidance(ConfigurationError):
    """The guidance file (services and action steps) is unreadable, malformed or unsafe."""

    code = "invalid_guidance"


class UnrecognizedFormat(BadInput):
    """A file that no chat-export parser recognises by its content."""

    code = "unrecognized_format"


class MalformedExport(BadInput):
    """A file recognised as a chat export whose content is broken (bad JSON, wrong fields)."""

    code = "malformed_export"


class UnsafeArchive(BadInput):
    """An archive member that escapes its folder, is a link, is encrypted or nests too deep."""

    code = "unsafe_archive"


class ArchiveLimit(BadInput):
    """An archive over the limits on members, unpacked size or compression ratio (a zip bomb)."""

    code = "archive_limit"


class ImageTooLarge(BadInput):
    """An image whose declared size is beyond what is decoded (a decompression bomb guard)."""

    code = "image_too_large"


class UnsupportedImage(BadInput):
    """An image in a format that is not read, or that needs a decoder that is not installed."""

    code = "unsupported_image"


class HashingUnavailable(ConfigurationError):
    """A command needs to hash a photo and no photo hasher is installed."""

    code = "hashing_unavailable"


class EmptyFile(BadInput):
    code = "empty_file"


class NotAnImage(BadInput):
    """Neither a photo nor a video that Shield can decode."""

    code = "not_an_image"


class TruncatedFile(BadInput):
    code = "truncated_file"


class DecoderMissing(BadInput):
    """A format whose optional decoder (HEIC, video) is not installed."""

    code = "decoder_missing"


class BadPack(BadInput):
    """An evidence pack that cannot be read safely: not a ZIP, cut short, hostile names,
    a decompression bomb."""

    code = "bad_pack"


class ExtractionUnavailable(ConfigurationError):
    """A command needs the extraction service and this installation has none wired."""

    code = "extraction_unavailable"


ALL_ERRORS: tuple[type[ShieldError], ...] = (
    ShieldError,
    BadInput,
    NotFound,
    UnreadableFile,
    MissingPath,
    DirectoryLoop,
    FileChanged,
    InvalidRequest,
    Unauthorized,
    ConfigurationError,
    KeyRequired,
    CheckFailed,
    DecryptionFailed,
    InvalidIdentifier,
    InvalidGuidance,
    UnrecognizedFormat,
    MalformedExport,
    UnsafeArchive,
    ArchiveLimit,
    ImageTooLarge,
    UnsupportedImage,
    HashingUnavailable,
    EmptyFile,
    NotAnImage,
    TruncatedFile,
    DecoderMissing,
    BadPack,
    ExtractionUnavailable,
)

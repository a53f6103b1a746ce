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
    BadPack,
    ExtractionUnavailable,
)

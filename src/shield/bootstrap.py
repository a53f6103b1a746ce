"""The composition root: the one place that picks implementations and wires them."""

from __future__ import annotations

from dataclasses import dataclass

from shield import __version__
from shield.adapters.blobs import FileBlobStore, new_key, parse_key
from shield.adapters.clock import SystemClock
from shield.adapters.custody_log import JsonlCustodyLog
from shield.adapters.storage.store import Store
from shield.core.document import Document
from shield.core.ports import Clock, Extractor
from shield.services.pack import PackService
from shield.services.reports import ReportService
from shield.services.vault import VaultService
from shield.settings import Settings


class PdfRenderer:
    """The PDF renderer, imported when a pack is first drawn: most commands never need
    ReportLab, so they do not pay for loading it."""

    def render(self, document: Document) -> bytes:
        from shield.adapters.pdf import ReportLabRenderer  # noqa: PLC0415

        return ReportLabRenderer().render(document)


@dataclass
class Shield:
    """Everything an interface needs, built from one Settings."""

    settings: Settings
    store: Store
    vault: VaultService
    reports: ReportService
    clock: Clock
    packs: PackService

    def close(self) -> None:
        self.store.close()


def build(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    extractor: Extractor | None = None,
) -> Shield:
    settings = settings or Settings()
    clock = clock or SystemClock()
    store = Store(settings.resolved_database_url)
    store.migrate()
    vault_dir = settings.resolved_vault_dir
    key = parse_key(settings.vault_key.get_secret_value()) if settings.vault_key else None
    vault = VaultService(store, FileBlobStore(vault_dir, key), JsonlCustodyLog(vault_dir), clock)
    return Shield(
        settings=settings,
        store=store,
        vault=vault,
        reports=ReportService(store, store),
        clock=clock,
        packs=PackService(
            PdfRenderer(),
            clock,
            version=__version__,
            region=settings.region,
            extractor=extractor,  # the extraction service is wired here once it exists
            vault=vault,
        ),
    )


def new_vault_key() -> str:
    """A fresh random key for SHIELD_VAULT_KEY."""
    return new_key()

"""The composition root: the one place that picks implementations and wires them."""

from __future__ import annotations

from dataclasses import dataclass

from shield import __version__
from shield.adapters.assessment_model import load_model
from shield.adapters.blobs import FileBlobStore, new_key, parse_key
from shield.adapters.clock import SystemClock
from shield.adapters.custody_log import JsonlCustodyLog
from shield.adapters.guidance_file import load_guidance
from shield.adapters.index.cache import IndexFolder
from shield.adapters.ocr import RapidOcrEngine
from shield.adapters.storage.banks import BankStore
from shield.adapters.storage.store import Store
from shield.core.assessment.assessor import Assessor
from shield.core.document import Document
from shield.core.ports import Clock, Extractor, PhotoFeatures, PhotoHasher
from shield.services.banks import BankService
from shield.services.check import CheckService
from shield.services.extract import ExtractService
from shield.services.guidance import GuidanceService
from shield.services.hashing import HashingService
from shield.services.matching import MatchService
from shield.services.pack import PackService
from shield.services.reports import ReportService
from shield.services.screenshots import ScreenshotService
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
    guidance: GuidanceService
    checker: CheckService
    screenshots: ScreenshotService
    extractor: ExtractService
    hasher: PhotoHasher
    hashing: HashingService
    banks: BankService
    matching: MatchService
    packs: PackService

    def close(self) -> None:
        self.store.close()


def build(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    extractor: Extractor | None = None,
) -> Shield:
    """The whole application. ``extractor`` replaces the extraction service for packs (tests
    that pack a synthetic extraction); by default packs extract with the real one."""
    settings = settings or Settings()
    clock = clock or SystemClock()
    guidance = build_guidance(settings)  # first: a broken guidance file stops the start
    store = Store(settings.resolved_database_url)
    store.migrate()
    vault_dir = settings.resolved_vault_dir
    key = parse_key(settings.vault_key.get_secret_value()) if settings.vault_key else None
    vault = VaultService(store, FileBlobStore(vault_dir, key), JsonlCustodyLog(vault_dir), clock)
    checker = build_checker(settings, guidance)
    extraction = build_extractor(settings, checker)
    hasher = build_hasher(settings)
    features = build_features()
    bank_store = BankStore(store)
    return Shield(
        settings=settings,
        store=store,
        vault=vault,
        reports=ReportService(store, store),
        clock=clock,
        guidance=guidance,
        checker=checker,
        screenshots=extraction.screenshots,
        extractor=extraction,
        hasher=hasher,
        hashing=HashingService(hasher),
        banks=BankService(bank_store, clock, hasher, features),
        matching=MatchService(
            bank_store, IndexFolder(settings.data_dir / "index"), hasher, features
        ),
        packs=PackService(
            PdfRenderer(),
            clock,
            version=__version__,
            region=settings.region,
            extractor=extractor or extraction,
            vault=vault,
        ),
    )


def build_guidance(settings: Settings | None = None) -> GuidanceService:
    """The guidance service alone (no store, no vault): what `shield advise` needs."""
    settings = settings or Settings()
    return GuidanceService(load_guidance(settings.guidance_file))


def build_extractor(
    settings: Settings | None = None, checker: CheckService | None = None
) -> ExtractService:
    """Extraction alone (no store): parsers, OCR, recognizers and the assessment engine."""
    checker = checker or build_checker(settings)
    # the OCR engine loads its models on its first read, not here
    return ExtractService(checker, ScreenshotService(RapidOcrEngine()))


def build_checker(
    settings: Settings | None = None, guidance: GuidanceService | None = None
) -> CheckService:
    """The assessment engine with the guidance advisor and the recognizers; no store needed."""
    settings = settings or Settings()
    advisor = guidance or build_guidance(settings)
    return CheckService(Assessor(load_model()), advisor, region=settings.region)


def build_hasher(settings: Settings | None = None, pipeline: str | None = None) -> PhotoHasher:
    """The photo and video hasher (PDQ through the canonical pipeline); needs no store.
    ``pipeline`` (else the ``hash_pipeline`` setting) picks the pipeline version."""
    from shield.adapters.imaging import PdqPhotoHasher  # noqa: PLC0415 (numpy, Pillow: on use)

    return PdqPhotoHasher(pipeline or (settings or Settings()).hash_pipeline)


def build_features() -> PhotoFeatures:
    """The second matching stage (local features); OpenCV loads on first use."""
    from shield.adapters.features import LocalFeatures  # noqa: PLC0415

    return LocalFeatures()


def build_hashing(pipeline: str | None = None) -> HashingService:
    """Hashing on its own, for commands that read files and store nothing."""
    return HashingService(build_hasher(pipeline=pipeline))


def new_vault_key() -> str:
    """A fresh random key for SHIELD_VAULT_KEY."""
    return new_key()

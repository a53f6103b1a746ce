"""Banks and their entries in the SQL store (implements the BankRepository port)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shield.adapters.storage.store import Store, as_utc
from shield.adapters.storage.tables import BankEntryRow, BankFeaturesRow, BankRow
from shield.core.bank import Bank, BankEntry, NewEntry
from shield.core.errors import BadInput, NotFound

BATCH = 5000


class BankStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def _bank(row: BankRow, live: int = 0, withdrawn: int = 0) -> Bank:
        return Bank(
            id=row.id,
            name=row.name,
            description=row.description,
            provenance=row.provenance,
            threshold=row.threshold,
            created_at=as_utc(row.created_at),
            entries=live,
            withdrawn=withdrawn,
        )

    @staticmethod
    def _entry(row: BankEntryRow, bank: str) -> BankEntry:
        return BankEntry(
            id=row.id,
            bank=bank,
            pdq=row.pdq,
            md5=row.md5,
            label=row.label,
            source=row.source,
            added_at=as_utc(row.added_at),
            withdrawn=row.withdrawn,
            withdrawn_at=as_utc(row.withdrawn_at) if row.withdrawn_at else None,
            pipeline=row.pipeline,
        )

    @staticmethod
    def _row(s: Session, name: str) -> BankRow:
        row = s.scalars(select(BankRow).where(BankRow.name == name)).first()
        if row is None:
            raise NotFound(f"no bank named {name!r}")
        return row

    def _counts(self, s: Session, bank_id: int) -> tuple[int, int]:
        rows = s.execute(
            select(BankEntryRow.withdrawn, func.count())
            .where(BankEntryRow.bank_id == bank_id)
            .group_by(BankEntryRow.withdrawn)
        ).all()
        counts = {bool(w): int(c) for w, c in rows}
        return counts.get(False, 0), counts.get(True, 0)

    def create_bank(
        self, name: str, description: str, provenance: str, threshold: int, at: datetime
    ) -> Bank:
        try:
            with self.store.session() as s:
                if s.scalars(select(BankRow.id).where(BankRow.name == name)).first():
                    raise BadInput(f"a bank named {name!r} already exists")
                row = BankRow(
                    name=name,
                    description=description,
                    provenance=provenance,
                    threshold=threshold,
                    created_at=at,
                )
                s.add(row)
                s.flush()
                return self._bank(row)
        except IntegrityError as exc:  # a concurrent create of the same name
            raise BadInput(f"a bank named {name!r} already exists") from exc

    def bank(self, name: str) -> Bank | None:
        with self.store.session() as s:
            row = s.scalars(select(BankRow).where(BankRow.name == name)).first()
            return None if row is None else self._bank(row, *self._counts(s, row.id))

    def banks(self) -> list[Bank]:
        with self.store.session() as s:
            rows = list(s.scalars(select(BankRow).order_by(BankRow.name)))
            return [self._bank(r, *self._counts(s, r.id)) for r in rows]

    def add_entries(
        self, bank: str, entries: Sequence[NewEntry], at: datetime
    ) -> tuple[list[BankEntry], int]:
        with self.store.session() as s:
            row = self._row(s, bank)
            held = {
                (p, m)
                for p, m in s.execute(
                    select(BankEntryRow.pdq, BankEntryRow.md5).where(
                        BankEntryRow.bank_id == row.id, BankEntryRow.withdrawn.is_(False)
                    )
                )
            }
            fresh: list[BankEntryRow] = []
            features: list[tuple[BankEntryRow, NewEntry]] = []
            skipped = 0
            for e in entries:
                if e.key in held:
                    skipped += 1
                    continue
                held.add(e.key)
                fresh.append(
                    BankEntryRow(
                        bank_id=row.id,
                        pdq=e.pdq,
                        md5=e.md5,
                        label=e.label,
                        source=e.source,
                        added_at=at,
                        withdrawn=False,
                        pipeline=e.pipeline,
                    )
                )
                if e.features:
                    features.append((fresh[-1], e))
            for start in range(0, len(fresh), BATCH):
                s.add_all(fresh[start : start + BATCH])
                s.flush()
            s.add_all(
                BankFeaturesRow(entry_id=r.id, version=e.features_version, data=e.features)
                for r, e in features
            )
            s.flush()
            return [self._entry(r, bank) for r in fresh], skipped

    def withdraw(self, bank: str, entry_id: int, at: datetime) -> BankEntry:
        with self.store.session() as s:
            row = self._row(s, bank)
            entry = s.get(BankEntryRow, entry_id)
            if entry is None or entry.bank_id != row.id:
                raise NotFound(f"bank {bank!r} has no entry {entry_id}")
            if not entry.withdrawn:
                entry.withdrawn = True
                entry.withdrawn_at = at
            s.flush()
            return self._entry(entry, bank)

    def entries(self, bank: str, *, withdrawn: bool = False) -> list[BankEntry]:
        with self.store.session() as s:
            row = self._row(s, bank)
            query = select(BankEntryRow).where(BankEntryRow.bank_id == row.id)
            if not withdrawn:
                query = query.where(BankEntryRow.withdrawn.is_(False))
            return [self._entry(r, bank) for r in s.scalars(query.order_by(BankEntryRow.id))]

    def entries_by_id(self, ids: Sequence[int]) -> dict[int, BankEntry]:
        found: dict[int, BankEntry] = {}
        wanted = sorted(set(ids))
        with self.store.session() as s:
            for start in range(0, len(wanted), 900):
                part = wanted[start : start + 900]
                rows = s.execute(
                    select(BankEntryRow, BankRow.name)
                    .join(BankRow, BankRow.id == BankEntryRow.bank_id)
                    .where(BankEntryRow.id.in_(part))
                ).all()
                for entry, name in rows:
                    found[entry.id] = self._entry(entry, name)
        return found

    def live_pdq_since(self, bank: str, after_id: int) -> tuple[list[int], list[str], int, int]:
        with self.store.session() as s:
            row = self._row(s, bank)
            top = s.scalar(select(func.max(BankEntryRow.id)).where(BankEntryRow.bank_id == row.id))
            pairs = s.execute(
                select(BankEntryRow.id, BankEntryRow.pdq)
                .where(
                    BankEntryRow.bank_id == row.id,
                    BankEntryRow.id > after_id,
                    BankEntryRow.withdrawn.is_(False),
                    BankEntryRow.pdq.is_not(None),
                )
                .order_by(BankEntryRow.id)
            ).all()
            live = s.scalar(
                select(func.count()).where(
                    BankEntryRow.bank_id == row.id,
                    BankEntryRow.withdrawn.is_(False),
                    BankEntryRow.pdq.is_not(None),
                )
            )
            return [p[0] for p in pairs], [str(p[1]) for p in pairs], int(top or 0), int(live or 0)

    def withdrawn_ids(self, bank: str) -> list[int]:
        with self.store.session() as s:
            row = self._row(s, bank)
            return list(
                s.scalars(
                    select(BankEntryRow.id).where(
                        BankEntryRow.bank_id == row.id, BankEntryRow.withdrawn.is_(True)
                    )
                )
            )

    def live_md5(self, bank: str, md5: str) -> list[BankEntry]:
        with self.store.session() as s:
            row = self._row(s, bank)
            rows = s.scalars(
                select(BankEntryRow).where(
                    BankEntryRow.bank_id == row.id,
                    BankEntryRow.md5 == md5,
                    BankEntryRow.withdrawn.is_(False),
                )
            )
            return [self._entry(r, bank) for r in rows]

    def live_features_since(
        self, bank: str, after_id: int, version: str
    ) -> tuple[list[int], list[bytes], int, int]:
        """Entries after ``after_id`` with live features of ``version``: ids, feature bytes,
        the bank's highest entry id, and how many live entries have such features."""
        with self.store.session() as s:
            row = self._row(s, bank)
            top = s.scalar(select(func.max(BankEntryRow.id)).where(BankEntryRow.bank_id == row.id))
            live = (
                BankEntryRow.bank_id == row.id,
                BankEntryRow.withdrawn.is_(False),
                BankFeaturesRow.version == version,
            )
            pairs = s.execute(
                select(BankFeaturesRow.entry_id, BankFeaturesRow.data)
                .join(BankEntryRow, BankEntryRow.id == BankFeaturesRow.entry_id)
                .where(*live, BankEntryRow.id > after_id)
                .order_by(BankFeaturesRow.entry_id)
            ).all()
            count = s.scalar(
                select(func.count())
                .select_from(BankFeaturesRow)
                .join(BankEntryRow, BankEntryRow.id == BankFeaturesRow.entry_id)
                .where(*live)
            )
            return (
                [p[0] for p in pairs],
                [bytes(p[1]) for p in pairs],
                int(top or 0),
                int(count or 0),
            )

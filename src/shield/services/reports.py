"""Reports: what the store holds, for the pages, the API and the command line."""

from __future__ import annotations

from dataclasses import dataclass

from shield.core.models import Report
from shield.core.ports import EvidenceRepository, ReportRepository


@dataclass(frozen=True)
class Overview:
    reports: int
    evidence_items: int
    custody_events: int


class ReportService:
    def __init__(self, reports: ReportRepository, evidence: EvidenceRepository) -> None:
        self._reports = reports
        self._evidence = evidence

    def add(self, report: Report) -> None:
        self._reports.add_report(report)

    def all(self) -> list[Report]:
        return self._reports.reports()

    def count(self) -> int:
        return self._reports.count_reports()

    def overview(self) -> Overview:
        head, _ = self._evidence.custody_head()
        return Overview(self._reports.count_reports(), len(self._evidence.items()), head)

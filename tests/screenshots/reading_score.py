"""Scoring a screenshot reading against its expected.json: tolerant of OCR's small slips,
failing when messages are lost, invented, swapped between sides or put out of order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MATCH_CER = 0.25  # a reading within this character error rate is the same message


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def norm(text: str) -> str:
    return " ".join(text.split())


def cer(got: str, want: str) -> float:
    """Character error rate of ``got`` against ``want`` (whitespace runs count as one)."""
    want_n, got_n = norm(want), norm(got)
    return levenshtein(got_n, want_n) / max(len(want_n), 1)


@dataclass(frozen=True)
class Got:
    side: str
    text: str
    time: str | None = None
    day: str | None = None


@dataclass
class Score:
    expected: int = 0
    got: int = 0
    matched: int = 0
    side_ok: int = 0
    cer_sum: float = 0.0
    timed: int = 0
    time_ok: int = 0
    exact_cases: int = 0
    cases: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.got if self.got else 1.0

    @property
    def side_accuracy(self) -> float:
        return self.side_ok / self.matched if self.matched else 0.0

    @property
    def mean_cer(self) -> float:
        return self.cer_sum / self.matched if self.matched else 1.0

    @property
    def time_accuracy(self) -> float:
        return self.time_ok / self.timed if self.timed else 1.0


def align(got: Sequence[Got], want: Sequence[dict[str, object]]) -> list[tuple[int, int]]:
    """The longest in-order pairing of readings with expected messages (same message when the
    character error rate is at most MATCH_CER)."""
    n, m = len(got), len(want)
    ok = [[cer(g.text, str(w["text"])) <= MATCH_CER for w in want] for g in got]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + ok[i][j])
    pairs = []
    i = j = 0
    while i < n and j < m:
        if ok[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def score(got: Sequence[Got], want: Sequence[dict[str, object]]) -> Score:
    pairs = align(got, want)
    result = Score(expected=len(want), got=len(got), matched=len(pairs), cases=1)
    for i, j in pairs:
        g, w = got[i], want[j]
        result.side_ok += g.side == w["side"]
        result.cer_sum += cer(g.text, str(w["text"]))
        if w.get("time") is not None or w.get("day") is not None:
            result.timed += 1
            day_ok = (g.day or "").casefold() == str(w.get("day") or "").casefold()
            result.time_ok += g.time == w.get("time") and day_ok
    exact = len(pairs) == len(want) == len(got) and result.side_ok == len(pairs)
    result.exact_cases = int(exact)
    return result

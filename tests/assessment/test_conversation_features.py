"""The conversation model's features are read in one pass that keeps nothing per message; they
must equal the plain definition (index lists of each side's messages) on any conversation."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from shield.core.assessment.assessor import CLIP, COERCIVE, conversation_features


def by_index_lists(
    roles: Sequence[str], families: Sequence[frozenset[str]], logits: Sequence[float]
) -> dict[str, float]:
    def clip(x: float) -> float:
        return max(-CLIP, min(CLIP, x))

    out: dict[str, float] = {}
    other = [i for i, r in enumerate(roles) if r != "victim"]
    victim = [i for i, r in enumerate(roles) if r == "victim"]
    out["other_max"] = max((clip(logits[i]) for i in other), default=-CLIP) / 4
    out["victim_max"] = max((clip(logits[i]) for i in victim), default=-CLIP) / 4
    seen: set[str] = set()
    first: int | None = None
    grooming = False
    for i in other:
        hit = families[i] & COERCIVE
        if hit and first is None:
            first = i
        if first is None and families[i] & {"approach", "intimate_request", "platform_move"}:
            grooming = True
        seen |= hit
    out["coercive_families"] = len(seen) / len(COERCIVE)
    if grooming and first is not None:
        out["script_order"] = 1.0
    if first is not None:
        later = [families[i] for i in victim if i > first]
        if any("plea" in f or "distress" in f for f in later):
            out["victim_pleads"] = 1.0
        if later and any("banter" in f for f in later[:2]):
            out["victim_laughs"] = 1.0
    if any("report" in families[i] for i in victim):
        out["victim_reports"] = 1.0
    out["commentary_share"] = sum("commentary" in f for f in families) / (len(families) or 1)
    return out


FAMILY = st.sampled_from(
    [
        *sorted(COERCIVE),
        *("approach", "intimate_request", "platform_move", "plea", "distress", "banter"),
        *("report", "commentary", "urging"),
    ]
)
MESSAGE = st.tuples(
    st.sampled_from(["victim", "suspect", "unknown"]),
    st.frozensets(FAMILY, max_size=3),
    st.floats(-20, 20),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(MESSAGE, max_size=30))
def test_one_pass_equals_the_index_lists(messages: list[tuple[str, frozenset[str], float]]) -> None:
    roles = [m[0] for m in messages]
    families = [m[1] for m in messages]
    logits = [m[2] for m in messages]
    fast = conversation_features(iter(roles), families, logits)
    plain = by_index_lists(roles, families, logits)
    assert fast == plain
    assert list(fast) == list(plain)  # the same order, so the model sums in the same order

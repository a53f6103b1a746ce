from __future__ import annotations

import pytest

from shield.core.errors import BadInput
from shield.core.roles import Said, Tally, assign_roles, find_victim, identifier_role, merge_roles


def test_named_victim_wins_and_is_matched_loosely() -> None:
    said = [Said("Jess", ("threat",)), Said("sam k", ())]
    assert find_victim(["Jess", "sam k"], Tally.of(said), victim="@SamK")[0] == "sam k"
    with pytest.raises(BadInput, match="participants: Jess, sam k"):
        find_victim(["Jess", "sam k"], Tally.of(said), victim="Alex")


def test_owner_then_screenshot_side_then_behaviour() -> None:
    said = [Said("A", ("threat",)), Said("B", ())]
    assert find_victim(["A", "B"], Tally.of(said), owner="A") == ("A", "the export's owner")
    sided = [Said("A", ("threat",), "left"), Said("Me", (), "right")]
    assert find_victim(["A", "Me"], Tally.of(sided))[0] == "Me"
    assert find_victim(["A", "B"], Tally.of(said))[0] == "B"
    # no signal either way: not guessed
    assert find_victim(["A", "B"], Tally.of([Said("A"), Said("B")])) == (None, "not determined")
    assert find_victim(["A", "B", "C"], Tally.of(said))[0] is None


def test_roles_for_pairs_groups_and_unknown_victims() -> None:
    pair = assign_roles(["A", "B"], Tally.of([Said("A", ("threat",))]), "B")
    assert pair == {"A": "suspect", "B": "victim"}
    group = assign_roles(
        ["A", "B", "C"], Tally.of([Said("A", ("payment_demand",)), Said("C", ("approach",))]), "B"
    )
    assert group == {"A": "suspect", "B": "victim", "C": "unknown"}
    unsure = assign_roles(["A", "B"], Tally.of([Said("A", ("threat",))]), None)
    assert unsure == {"A": "suspect", "B": "unknown"}
    friendly = assign_roles(["A", "B"], Tally.of([Said("A", ("approach",)), Said("B")]), "B")
    assert friendly == {"A": "unknown", "B": "victim"}


def test_payment_details_written_by_the_victim() -> None:
    assert identifier_role("payment_handle", "victim") == "unknown"
    assert identifier_role("email", "victim") == "victim"
    assert identifier_role("handle", "suspect") == "suspect"
    # the suspect wrote it too: it is the suspect's
    assert merge_roles(["unknown", "suspect"]) == "suspect"
    assert merge_roles(["victim", "unknown"]) == "victim"
    assert merge_roles(["unknown"]) == "unknown"

"""The engine on texts written for these tests (not in the corpus)."""

from __future__ import annotations

import pytest

from shield.core.assessment import Assessor, Said


@pytest.mark.parametrize(
    "text",
    [
        "u got 15 min to send £250 or every1 on ur follow list gets ur n00dz 😈",
        "I recorded our video call. Pay 400 dollars or I send it to your wife and your boss",
        "my 15 year old is being blackmailed, someone says they'll post his pics unless he pays",
        "s3nd 100 quid on paypal or ur fam sees the vid",
    ],
)
def test_sextortion_is_recognised(assessor: Assessor, text: str) -> None:
    a = assessor.message(text)
    assert a.sextortion, (a.risk, text)
    assert a.risk >= 0.5
    assert a.reasons, "a positive verdict says why"


@pytest.mark.parametrize(
    "text",
    [
        "Police are warning parents that blackmailers demand money after video calls",
        "selling my old laptop, £150, pay by bank transfer to sort code 11-22-33",
        "see you at 7, bring the snacks",
        "our school will share the sports day photos with parents on Friday",
    ],
)
def test_hard_negatives_are_not_sextortion(assessor: Assessor, text: str) -> None:
    a = assessor.message(text)
    assert not a.sextortion, (a.risk, text)
    assert not ({"threat", "payment_demand", "capture", "escalation"} & set(a.stages))


def test_stages_of_a_message(assessor: Assessor) -> None:
    a = assessor.message("i screen recorded u. pay £100 in 10 min or ur followers see it")
    assert {"capture", "threat", "payment_demand", "escalation"} <= set(a.stages)


def test_grooming_stages_without_coercion(assessor: Assessor) -> None:
    a = assessor.message("hey cutie, add me on snap and send me something sexy")
    assert not a.sextortion
    assert {"approach", "platform_move", "intimate_request"} <= set(a.stages)


def test_urgent_from_distress(assessor: Assessor) -> None:
    assert assessor.message("he says he'll send it to everyone, i want to die").urgent
    assert not assessor.message("he says he'll send it to everyone").urgent


SCRIPT = [
    Said("hi ur cute, where u from?", "suspect"),
    Said("hey, london", "victim"),
    Said("add me on snap, send a pic 😘", "suspect"),
    Said("ok", "victim"),
    Said("i saved ur pics. £150 now or ur followers get them", "suspect"),
    Said("please dont send them", "victim"),
]


def test_conversation_script(assessor: Assessor) -> None:
    c = assessor.conversation(SCRIPT)
    assert c.sextortion and c.risk >= 0.5
    assert {"approach", "platform_move", "threat", "payment_demand"} <= set(c.stages)
    assert len(c.messages) == len(SCRIPT)
    assert all(not m.stages for m, s in zip(c.messages, SCRIPT, strict=True) if s.role == "victim")
    assert not c.urgent


def test_victim_words_raise_urgent_and_suspect_words_do_not(assessor: Assessor) -> None:
    victim = assessor.conversation([*SCRIPT, Said("i cant go on, i want to die", "victim")])
    assert victim.urgent
    suspect = assessor.conversation([*SCRIPT, Said("i want to die laughing lol", "suspect")])
    assert not suspect.urgent


def test_who_says_it_matters(assessor: Assessor) -> None:
    """The same threat from a suspect is labelled a threat; quoted by the victim, it is not."""
    threat = "pay £200 or i send the video to all ur friends"
    from_suspect = assessor.conversation([Said("hi", "victim"), Said(threat, "suspect")])
    quoted = assessor.conversation([Said(threat, "victim"), Said("that's awful", "unknown")])
    assert "threat" in from_suspect.messages[1].stages
    assert quoted.messages[0].stages == ()


def test_friends_joking_is_not_sextortion(assessor: Assessor) -> None:
    chat = [
        Said("i have the vid of u falling off the bike 😂", "unknown"),
        Said("lol delete it", "victim"),
        Said("buy me a milkshake or it goes in the group chat haha", "unknown"),
        Said("haha fine", "victim"),
    ]
    assert not assessor.conversation(chat).sextortion


def test_empty_conversation(assessor: Assessor) -> None:
    c = assessor.conversation([])
    assert not c.sextortion and c.stages == () and c.messages == ()

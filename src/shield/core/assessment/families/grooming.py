"""Families of grooming: approach and flattery, a move to another app, intimate requests."""

from __future__ import annotations

from shield.core.assessment.families.base import Family, family
from shield.core.assessment.families.words import (
    YOU,
)

INTIMATE_REQUEST = family(
    "intimate_request",
    "intimate_request",
    "asks for intimate images, video or acts",
    [
        r"\b(?:send|snd|show|give|drop|take|share|flash|let me see|wanna see|want to see|"
        r"can i see|need to see|i wanna see|show it|pic of|photo of)(?:\W+\w+){0,3}?\W+"
        r"(?:nudes?|noods?|noodz|nudez|naked|nakid|dick|cock|pussy|tits|boobs|butt|ass|"
        r"body|bod|private|spicy|sexy|hot|something hot|something sexy|without (?:clothes|ur "
        r"clothes|your clothes|anything on)|undress\w*|underwear|boxers|abs|down there)\b",
        r"\b(?:send|show|give|can i (?:have|get|see)) (?:me |us )?"
        r"(?:a |another |more |one more |some |1 )?(?:pic|pics|photo|photos|video|vid|vids|"
        r"selfie|selfies)"
        r"(?: of (?:you|u|urself|yourself|ur body|your body))?"
        r"(?=\W*(?:$|kiss|love|devil|hot|or |and |before|tonight|pls|please|babe|baby|now|"
        r"in ))",
        r"\bget naked|\btake (?:it|them|ur clothes|your clothes|everything|ur shirt|your "
        r"shirt|ur top|your top) off|\bstrip\b|\bundress\b",
        r"\btouch (?:yourself|urself|ur self)|\bjerk (?:off|it)|\bwank\w*|\bmasturbat\w*",
        r"\bshow me (?:more|everything|it|ur|your)",
        r"^\W*(?:\w+\W+){0,3}(?:nudes?|noods?|noodz|nudez|naked pics?)\W*$",
        r"\b(?:pics?|photos?|vid\w*) (?:without|with no) (?:clothes|ur clothes|your clothes)",
    ],
    ("send me a n00d", "take ur shirt off", "show me more 😈", "touch yourself on cam"),
    ("send me the address", "show me the way"),
)

PLATFORM_MOVE = family(
    "platform_move",
    "platform_move",
    "asks to move to another app, to a video call, or to private settings",
    [
        r"\b(?:add|follow|message|text|dm|hmu|hit me up|find|call) (?:me|us) (?:up )?"
        r"(?:on|at|over on)\b",
        r"\bwhat'?s (?:your|ur|ya) (?:snap|sc|insta|ig|whatsapp|whatsap|number|telegram|kik|"
        r"discord|skype|wa)",
        r"\b(?:move|switch|go|talk|chat|continue|come) (?:to|over to|onto) (?:snap|"
        r"snapchat|insta|instagram|whatsapp|telegram|kik|discord|skype|hangouts|google meet|"
        r"facetime|video|private|wizz|yubo)",
        r"\b(?:let'?s|lets|can we|wanna|want to|shall we|we do|do a|u wanna|you wanna)\W+"
        r"(?:\w+\W+)?(?:video ?(?:call|chat)|facetime|vc|cam)\b",
        r"\b(?:video ?call|facetime|facetym|vc|skype|cam) (?:me|now|later|tonight|rn)\b",
        r"\bcam ?2 ?cam\b",
        r"\b(?:make|set|switch) (?:your|ur) (?:account|profile|acc|insta|page) (?:private|"
        r"public)|\baccept (?:my|the) (?:follow )?request",
        r"\b(?:snap|sc|insta|ig|whatsapp|telegram|kik|discord)\W+(?:me|is|id|name)\b",
        r"\b(?:talk|chat|text|message|speak) (?:on|over|via) (?:snap|snapchat|insta|instagram|"
        r"whatsapp|telegram|kik|discord|skype|wizz|yubo)\b",
        r"\bprivate (?:chat|room|call)\b",
        r"\b(?:snap|snapchat|insta|ig|whatsapp|telegram|kik|discord|skype|video ?call|facetime|"
        r"vc|cam)\s*\?",
    ],
    ("add me on snap", "what's ur whatsapp", "let's video call", "make ur acc private"),
    ("my snap streak died", "the video was funny"),
)

APPROACH = family(
    "approach",
    "approach",
    "first contact and flattery: compliments, a fake persona, a stranger's friend request",
    [
        r"\b(?:hey|hi|hello|hiya|heyy|hii) (?:there )?(?:cutie|handsome|beautiful|gorgeous|"
        r"sexy|babe|baby|dear|stranger|sweetie|sweety|hun|hon|sweetheart)",
        rf"\b(?:{YOU} (?:are|r|look|looking|seem)?|so|such a) ?(?:so |really |very |rly )?"
        r"(?:cute|handsome|hot|fit|beautiful|gorgeous|sexy|pretty|attractive|stunning|fine|"
        r"charming)\b",
        r"\bsaw (?:your|ur) (?:profile|pics?|page|story|post|photos?)",
        r"\bsaw (?:you|u) on\b|\b(?:hello|hi|good evening|good morning) (?:sir|madam|dear|"
        r"my friend|handsome|beautiful)\b",
        r"\bmutual (?:friends?|follow\w*)|\bwe have mutuals",
        r"\bnew (?:here|in town|to this app|to the area)\b",
        r"\bhow old (?:are|r) (?:you|u)|\bwhere (?:are|r) (?:you|u) from|\bhbu\b|\basl\b",
        r"\b(?:are|r) (?:you|u) single|\bwanna be friends|\bcan we be friends",
        r"\bi'?m \d\d? ?(?:too|as well|also|and|f|m|yo|years)\b|\b1[3-9] ?[fm]\b",
        r"\blooking for (?:fun|friends|someone|a friend)|\bu seem (?:nice|cool|fun|sweet)",
        r"\byou seem (?:nice|cool|fun|sweet)|\bcan we (?:chat|talk)\b",
    ],
    ("hey cutie", "u r so h0t", "saw ur profile", "how old r u", "im 17 too"),
    ("the weather is fine", "how are you"),
)

MEMBERS: tuple[Family, ...] = (
    INTIMATE_REQUEST,
    PLATFORM_MOVE,
    APPROACH,
)

"""Words people use for each platform and payment service, and words that are never a username."""

from __future__ import annotations

import re

from shield.core.recognizers.base import first_words as words_starting

WORD = re.compile(r"[a-z0-9]+")  # the same words as Scan.words

PLATFORM_WORDS: dict[str, tuple[str, ...]] = {
    "instagram": ("instagram", "insta", "ig", "gram", "instagramm", "instgram", "insto"),
    "snapchat": ("snapchat", "snap", "sc", "snapchat id", "snp", "snapp", "snapchatt"),
    "tiktok": ("tiktok", "tik tok", "tt", "tiktk"),
    "facebook": ("facebook", "fb", "face book"),
    "messenger": ("messenger",),
    "telegram": ("telegram", "tg", "tele", "telegramm"),
    "kik": ("kik",),
    "discord": ("discord", "disc", "dc"),
    "x": ("twitter", "x"),
    "tinder": ("tinder",),
    "hinge": ("hinge",),
    "bumble": ("bumble",),
    "grindr": ("grindr",),
    "skype": ("skype",),
    "wechat": ("wechat", "we chat"),
    "line": ("line id", "line"),
    "onlyfans": ("onlyfans", "only fans", "of"),
    "reddit": ("reddit",),
    "omegle": ("omegle",),
    "wizz": ("wizz",),
    "yubo": ("yubo",),
}
# Short or common words that name a platform only when followed by ':' '=' '-' '@' or "is".
WEAK_WORDS = frozenset({"sc", "tt", "dc", "tg", "x", "of", "line", "gram", "disc", "tele", "hinge"})

SERVICE_WORDS: dict[str, tuple[str, ...]] = {
    "paypal": ("paypal", "pay pal", "pp", "paypl"),
    "cashapp": ("cashapp", "cash app", "cash tag", "cashtag", "ca$h app", "ca$happ"),
    "venmo": ("venmo",),
    "revolut": ("revolut", "revtag", "rev tag"),
    "zelle": ("zelle",),
    "monzo": ("monzo",),
    "wise": ("wise", "wise tag", "wisetag"),
    "chime": ("chime", "chime sign", "chimesign", "$chimesign"),
    "skrill": ("skrill",),
}
WEAK_SERVICES = frozenset({"pp", "wise", "chime"})

STOPWORDS = frozenset(
    """a about add added after again ago all also am an and any anyone are as asap ask at away
    back be because been before being best better big bit both but by call can cant come could
    dm do does doing done dont down each either else even ever every everyone find first for
    free friend friends from fun get gets getting give go going gone good got great guys had has
    have having he hear hello her here hey hi him his how i id if im in is isnt it its just k
    know last later let like lol look lot love me message mine more most much must my name need
    never new next nice no not now of off ok okay on once one only or other our out over pic pics
    please pls plz post posted profile quick rather real really right said same say see send sent
    she should show so some soon sorry still story stuff such sure take tbh text than thank
    thanks that the their them then there these they thing think this those though through time
    to today tomorrow tonight too u ur us username very video via wait want was we well were what
    whats when where which while who why will with without won wont would ya yeah yes yet you
    your youre yours handle user id account acc link private public dms chat call calls
    streak streaks story stories filter filters back account anyway anymore either everyone
    here heres there theres reply replied later tho though dude bro bruh mate sis babe hun
    everyone everybody someone somebody nobody channel server group""".split()  # noqa: SIM905
)


def alternation(table: dict[str, tuple[str, ...]]) -> tuple[str, dict[str, str]]:
    """A regex alternation of every word (longest first, spaces flexible) and word -> name."""
    lookup = {word: name for name, spelled in table.items() for word in spelled}
    ordered = sorted(lookup, key=len, reverse=True)
    pattern = "|".join(w.replace("$", r"\$").replace(" ", r"\s?") for w in ordered)
    return pattern, lookup


def name_of(word: str, lookup: dict[str, str]) -> str | None:
    """The platform or service a matched word names (spaces in the match are flexible)."""
    spaced = " ".join(word.split())
    return lookup.get(spaced) or lookup.get(spaced.replace(" ", ""))


def first_words(table: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The first word of each phrase (and the phrase without spaces), for Scan.occurrences."""
    return words_starting(p for spelled in table.values() for p in spelled)

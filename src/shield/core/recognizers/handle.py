"""Usernames on a named platform: profile links, and names said with a platform word
("add me on snap", "ig:", "my insta is"); a bare ``@name`` is a handle on an unknown platform."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shield.core.recognizers.base import (
    LINKISH,
    Example,
    Explanation,
    Found,
    Gate,
    Mark,
    Recognizer,
    Scan,
)
from shield.core.recognizers.links import LINK, classify, linked, normalize_url
from shield.core.recognizers.platforms import (
    PLATFORM_WORDS,
    STOPWORDS,
    WEAK_WORDS,
    alternation,
    first_words,
    name_of,
)
from shield.core.vocabulary import PLATFORMS

KW, LOOKUP = alternation(PLATFORM_WORDS)
GATE = first_words(PLATFORM_WORDS)
KEYWORD = re.compile(rf"(?<![a-z0-9@$£./])(?:{KW})(?![a-z0-9@])")
FILLER = r"(?:[\s:=\-\u2013>,\u00bb\u2192\u27a1\U0001f449\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d]|(?:id|name|username|user\s?name|user|handle|account|acc|addy|is|its|it's|it\u2019s|me|on|at|here)(?![a-z0-9]))"  # noqa: E501
TAIL = re.compile(rf"(?P<mid>{FILLER}{{0,14}})(?P<at>@)?(?P<user>[a-z0-9_][a-z0-9_.\-]{{0,29}})")
STRONG = re.compile(
    r"[:=\-\u2013>@\u00bb\u2192\u27a1\U0001f449]|(?<![a-z])(?:is|its|it's|it\u2019s|id|name|username|user\s?name|handle)(?![a-z])"
)
# "@name on insta", "name_22 (snap)": searched only in a short window before a platform word.
BEFORE = re.compile(
    r"(?<![\w@.$£/])(?P<at>@)?(?P<user>[a-z0-9_][a-z0-9_.\-]{1,29})"
    r"(?:\s{1,3}(?:on|at|in|from|via)\s{1,3}(?:my\s{1,3}|the\s{1,3})?|\s{0,3}[(\[]\s{0,2})$"
)
# What BEFORE ends with: a cheap test on the few characters before a platform word.
BEFORE_END = re.compile(
    r"(?:\s(?:on|at|in|from|via)\s{1,3}(?:my\s{1,3}|the\s{1,3})?|[(\[]\s{0,2})$"
)
BARE = re.compile(r"(?<![\w@.$£/])@(?P<user>[a-z0-9_][a-z0-9_.]{1,29})")
NORMAL = re.compile(r"^(?P<platform>[a-z]+):@?(?P<user>[a-z0-9_][a-z0-9_.\-]{0,59})$")
INVITE = re.compile(
    r"(?:add|follow|find|hmu|dm|message|msg|text|hit\s?me\s?up)\s{1,3}(?:me\s{1,3})?(?:on|at)\s{1,3}"
    r"(?:my\s{1,3})?$"
)
NAME_TLD = re.compile(r"\.(?:com|net|org|io|me|ly|app|co|uk|gg|de|fr)$")

# The gate. A weak word ("of", "x", "line") names a platform only with a strong sign after it
# (_after: '@', or a STRONG piece among the filler) or a name before it (BEFORE: "on", "at",
# "in", "from" or "via", or a bracket, just before the word); a mere "out of 39" is not one.
WEAK = "(?:" + "|".join(sorted(WEAK_WORDS, key=len, reverse=True)) + ")(?![a-z0-9@])"
GATE_MARKS = (
    Mark("@", "[a-z0-9_]"),  # @name
    LINKISH,
    Mark("", rf"(?![a-z0-9@]){FILLER}{{0,14}}(?:@|{STRONG.pattern})", words=WEAK_WORDS),
    Mark(
        "",
        rf"\s{{1,3}}(?:my\s{{1,3}}|the\s{{1,3}})?{WEAK}",
        words=("on", "at", "in", "from", "via"),
    ),
    Mark("(\\[", rf"\s{{0,2}}{WEAK}"),
)
GATE_PHRASES = tuple(
    p for spelled in PLATFORM_WORDS.values() for p in spelled if p not in WEAK_WORDS
)


def _clean(user: str) -> str:
    return user.rstrip(".-_") if user.endswith((".", "-")) else user


def _plausible(user: str) -> bool:
    return (
        len(user) >= 2
        and any(c.isalpha() for c in user)
        and user not in STOPWORDS
        and user not in LOOKUP
        and not NAME_TLD.search(user)
    )


def _marked(user: str) -> bool:
    """Looks like a username rather than a word: a digit, '_' or '.' in it."""
    return any(c.isdigit() or c in "_." for c in user)


class HandleRecognizer(Recognizer):
    kind = "handle"
    validator = "a platform word or profile link next to a plausible username (not a common word)"
    gate = Gate(GATE_MARKS, GATE_PHRASES)
    examples = (
        Example("snap: Jess_x92", ("snapchat:jess_x92",)),
        Example("add me on snap its  mike.b77 😘", ("snapchat:mike.b77",)),
        Example("my insta is @Lola.Rose", ("instagram:lola.rose",)),
        Example("follow instagram.com/jess_x92/?igsh=abc", ("instagram:jess_x92",)),
        Example(
            "t.me/CryptoKing and tiktok.com/@dance.girl",
            ("telegram:cryptoking", "tiktok:dance.girl"),
        ),
        Example("snapchat.com/add/kayla_2k6 or kik: bigtom", ("snapchat:kayla_2k6", "kik:bigtom")),
        Example("hit me up @ryan_99 on telegram", ("telegram:ryan_99",)),
        Example("ask @marcus.lee", ("unknown:marcus.lee",)),
        Example("send me a snap later, I'll snap you back"),
        Example("ig is down again lol, tt later"),
        Example("my email is jess@insta.com"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        seen: set[int] = set()
        for found in linked(self, scan):
            seen.add(found.start)
            yield found
        lower = scan.lower
        for m in scan.occurrences(GATE, KEYWORD):
            word = m.group(0)
            platform = name_of(word, LOOKUP) or "unknown"
            after = self._after(scan, m, seen)
            if after is not None:
                start, end, user, fired = after
                seen.add(start)
                explanation = Explanation("platform word then name", self.validator, fired)
                yield self.found(
                    scan, start, end, f"{platform}:{user}", explanation, platform=platform
                )
            at = m.start()
            if BEFORE_END.search(lower, max(0, at - 16), at) is None:
                continue  # BEFORE cannot match: spare its longer search
            b = BEFORE.search(lower, max(0, at - 48), at)
            if b is None:
                continue
            user = _clean(b.group("user"))
            if b.start() in seen or not _plausible(user) or not (b.group("at") or _marked(user)):
                continue
            seen.add(b.start())
            explanation = Explanation("name then platform word", self.validator, (word,))
            end = b.start("user") + len(user)
            yield self.found(
                scan, b.start(), end, f"{platform}:{user}", explanation, platform=platform
            )
        if "@" in scan.text:
            for m in BARE.finditer(lower):
                user = _clean(m.group("user"))
                if m.start() in seen or not _plausible(user):
                    continue
                seen.add(m.start())
                explanation = Explanation("@name", self.validator)
                end = m.start("user") + len(user)
                yield self.found(
                    scan, m.start(), end, f"unknown:{user}", explanation, platform="unknown"
                )

    @staticmethod
    def _after(
        scan: Scan, m: re.Match[str], seen: set[int]
    ) -> tuple[int, int, str, tuple[str, ...]] | None:
        """The name after a platform word: (start, end, username, context words) or None."""
        lower = scan.lower
        word = m.group(0)
        tail = TAIL.match(lower, m.end(), min(len(lower), m.end() + 90))
        if tail is None:
            return None
        user = _clean(tail.group("user"))
        start = tail.start("at") if tail.group("at") else tail.start("user")
        end = tail.start("user") + len(user)
        if start in seen or not _plausible(user) or lower[end : end + 1] == "@":
            return None
        strong = tail.group("at") is not None or STRONG.search(tail.group("mid")) is not None
        if not strong and word in WEAK_WORDS:
            return None
        invited = INVITE.search(lower, max(0, m.start() - 24), m.start()) is not None
        if not strong and not (_marked(user) or invited):
            return None
        return (start, end, user, (word, "invitation") if invited else (word,))

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        text = raw.strip()
        m = NORMAL.match(text.lower())
        if m and m.group("platform") in PLATFORMS:
            return f"{m.group('platform')}:{m.group('user')}"
        if LINK.fullmatch(text):
            url = normalize_url(text)
            sorted_out = classify(url) if url else None
            if sorted_out is not None and sorted_out[0] == "handle":
                return sorted_out[1]
        for found in self.find(Scan(text, region=region)):
            return found.normalized
        raise self.invalid(raw, "no platform and username")

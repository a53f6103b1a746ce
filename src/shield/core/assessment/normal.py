"""Normal text: what offenders write, folded into plain lower-case English spelling.

Offenders dodge keyword filters with leetspeak (``s3nd``, ``p@y``), look-alike letters from other
alphabets, zero-width characters, spaced or dotted letters (``p.a.y``, ``n u d e s``), stretched
words (``pleaseeee``) and emoji. ``normalize`` folds all of these in one linear pass and keeps,
for every character it outputs, the offset of the character it came from, so an explanation
can quote the writer's own words.

Work is linear in the input and the input is capped (``MAX_CHARS``): hostile text cannot make it
slow.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 20_000

# Letters from other scripts that look like Latin ones (Cyrillic, Greek) and fancy forms that
# NFKC leaves alone.
HOMOGLYPHS: dict[str, str] = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ո": "n",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d",
    "‘": "'", "’": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-",
}  # fmt: skip

# Digits and symbols that stand for letters when they sit inside a word.
LEET: dict[str, str] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "l", "€": "e", "+": "t",
}  # fmt: skip

# Emoji that carry meaning in these messages become words the indicator patterns know.
EMOJI: dict[str, str] = {
    "📸": "camera", "📷": "camera", "🎥": "video", "📹": "video", "📱": "phone", "🤳": "selfie",
    "💰": "money", "💵": "money", "💸": "money", "💷": "money", "💶": "money", "🤑": "money",
    "💳": "card", "🏦": "bank", "🪙": "crypto", "⏰": "clock", "⏳": "clock", "⌛": "clock",
    "⏱": "clock", "🕐": "clock", "⌚": "clock", "🍆": "dick", "🍑": "butt", "💦": "wet",
    "🔞": "nsfw", "😈": "devil", "👿": "devil", "💀": "dead", "☠": "dead", "🔪": "knife",
    "👀": "look", "😘": "kiss", "😍": "love", "🥰": "love", "❤": "love", "😂": "lol",
    "🤣": "lol", "😭": "cry", "😢": "cry", "😡": "angry", "🤬": "angry", "👪": "family",
    "👨‍👩‍👦": "family", "🏫": "school", "🌍": "everyone", "🌎": "everyone", "🔥": "hot",
    "🤫": "secret", "🙏": "please", "👉": " ", "‼": "!",
}  # fmt: skip

INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\ufe0f")
SEPARATORS = frozenset(".-_*~,·•'")


@dataclass(frozen=True)
class NormalText:
    """The folded text and, per character, the offset in ``source`` it came from."""

    source: str
    text: str
    origin: tuple[int, ...]

    def quote(self, start: int, end: int) -> str:
        """The writer's own words behind ``text[start:end]``."""
        if start >= end or not self.origin:
            return ""
        first = self.origin[start]
        last = self.origin[min(end, len(self.origin)) - 1]
        return " ".join(self.source[first : last + 1].split())


def _fold(source: str) -> tuple[list[str], list[int]]:
    """Lower-case, NFKC, look-alikes and emoji to words; invisible characters dropped."""
    if source.isascii():
        return list(source.lower().replace("`", "'")), list(range(len(source)))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(source):
        if ch in INVISIBLE:
            continue
        word = EMOJI.get(ch)
        if word is not None:
            for c in f" {word} ":
                out.append(c)
                origin.append(i)
            continue
        folded = unicodedata.normalize("NFKC", ch).lower() if ord(ch) > 127 else ch.lower()
        for raw in folded:
            if unicodedata.combining(raw):
                continue
            c = HOMOGLYPHS.get(raw, raw)
            if len(c) == 1 and ord(c) > 127:
                base = unicodedata.normalize("NFKD", c)[:1]
                c = base if base.isascii() and base.isalpha() else c
            for d in c:
                out.append(d)
                origin.append(i)
    return out, origin


def _is_letter(c: str) -> bool:
    return c.isalpha()


LEET_TOUCHING = re.compile(r"[^\W\d_][0-9@$!|+€]|[0-9@$!|+€][^\W\d_]")
SPELLED = re.compile(r"(?<![^\W\d_])[^\W\d_](?:[.\-_*~,·•' ][^\W\d_](?![^\W\d_])){2,}")
SQUEEZABLE = re.compile(r"(\D)\1\1|\s\s|[^\S ]|^\s|\s$")


def _deleet(chars: list[str]) -> list[str]:
    """Digits and symbols inside words become letters: ``s3nd`` -> ``send``, ``p@y`` -> ``pay``.

    A candidate is replaced only when a letter touches it on one side and the run it belongs to
    holds at least one letter, so ``£500``, ``10:30`` and ``2`` alone stay as they are.
    """
    n = len(chars)
    result = chars[:]
    i = 0
    while i < n:
        if chars[i] in LEET or _is_letter(chars[i]):
            j = i
            while j < n and (chars[j] in LEET or _is_letter(chars[j])):
                j += 1
            run = chars[i:j]
            letters = sum(1 for c in run if _is_letter(c))
            digits = sum(1 for c in run if c.isdigit())
            # "1.5k", "3pm", "2nd": a number with a short suffix is not a disguised word.
            suffix = (
                digits
                and run[0].isdigit()
                and letters <= 2
                and run[-letters:] == [c for c in run if _is_letter(c)]
            )
            if letters and letters >= digits and not suffix:
                for k in range(i, j):
                    c = chars[k]
                    if c in LEET:
                        touching = (k > i and _is_letter(chars[k - 1])) or (
                            k + 1 < j and _is_letter(chars[k + 1])
                        )
                        # "$" before a number is money; "!" ending a word is punctuation.
                        if c == "$" and not (
                            k > i
                            and _is_letter(chars[k - 1])
                            and k + 1 < j
                            and _is_letter(chars[k + 1])
                        ):
                            continue
                        if c in "!|+" and not (k + 1 < j and _is_letter(chars[k + 1])):
                            continue
                        if touching:
                            result[k] = LEET[c]
            i = j
        else:
            i += 1
    return result


def _join_spelled(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """``p.a.y``, ``n-u-d-e-s`` and ``s e n d`` (3+ single letters) become one word."""
    out: list[str] = []
    org: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        c = chars[i]
        if _is_letter(c) and (i == 0 or not _is_letter(chars[i - 1])):
            j = i
            letters = [i]
            while (
                j + 2 < n
                and (chars[j + 1] in SEPARATORS or chars[j + 1] == " ")
                and _is_letter(chars[j + 2])
                and (j + 3 >= n or not _is_letter(chars[j + 3]))
            ):
                j += 2
                letters.append(j)
            if len(letters) >= 3 and (i + 1 >= n or not _is_letter(chars[i + 1])):
                for k in letters:
                    out.append(chars[k])
                    org.append(origin[k])
                i = j + 1
                continue
        out.append(c)
        org.append(origin[i])
        i += 1
    return out, org


def _squeeze(chars: list[str], origin: list[int]) -> tuple[str, tuple[int, ...]]:
    """Runs of 3+ of one letter become 2 (``pleaseeee`` -> ``pleasee``); spaces collapse."""
    out: list[str] = []
    org: list[int] = []
    for raw, o in zip(chars, origin, strict=True):
        c = " " if raw.isspace() else raw
        if c == " ":
            if not out or out[-1] == " ":
                continue
        elif len(out) >= 2 and out[-1] == c and out[-2] == c and not c.isdigit():
            continue
        out.append(c)
        org.append(o)
    while out and out[-1] == " ":
        out.pop()
        org.pop()
    return "".join(out), tuple(org)


def normalize(source: str) -> NormalText:
    """Fold ``source`` (cut at ``MAX_CHARS``) into normal text with its origins.

    Each step first asks a cheap regular expression whether it has anything to do, so plain
    text passes through at the speed of ``str.lower``.
    """
    source = source[:MAX_CHARS]
    chars, origin = _fold(source)
    text = "".join(chars)
    if LEET_TOUCHING.search(text):
        chars = _deleet(chars)
        text = "".join(chars)
    if SPELLED.search(text):
        chars, origin = _join_spelled(chars, origin)
        text = "".join(chars)
    if SQUEEZABLE.search(text):
        text, org = _squeeze(chars, origin)
        return NormalText(source=source, text=text, origin=org)
    return NormalText(source=source, text=text, origin=tuple(origin))

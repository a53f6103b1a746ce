"""Repair of the mojibake in Meta's "Download your information" JSON.

Meta writes each UTF-8 byte of a non-ASCII character as its own ``\\u00XX`` escape, so ``é``
arrives as ``Ã©`` and an emoji as four accented letters. Every run of characters in
U+0080..U+00FF is turned back into bytes and decoded as UTF-8; a run that is not valid UTF-8
(text that was right already: a lone ``é`` is ``\\xe9``, never valid UTF-8 on its own) is kept.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[\u0080-\u00ff]+")


def _mend(match: re.Match[str]) -> str:
    run = match.group(0)
    try:
        return run.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return run


def repair(text: str) -> str:
    """``text`` with latin-1 mojibake of UTF-8 undone; correct text comes back unchanged."""
    if not _RUN.search(text):
        return text
    return _RUN.sub(_mend, text)

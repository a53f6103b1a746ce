"""WhatsApp: random conversations written in every layout the app uses read back exactly.

Each conversation is rendered as Android (``d/m/y, H:MM - Name: text``) or iOS
(``[d/m/y, H:MM:SS] Name: text``), in day-first, month-first or year-first order, with
two- or four-digit years, a 24-hour or 12-hour clock (space or U+202F before AM/PM), LF or
CRLF line ends, and multi-line messages; the parser must give back every sender, text and time.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from shield.ingest import Document
from shield.ingest.whatsapp import _OMITTED, WhatsAppParser

letters = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ .,!?'éßñ😀🔥£$€@#")),
    max_size=40,
)
names = st.one_of(
    st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", fullmatch=True),
    st.from_regex(r"\+44 7700 9\d{5}", fullmatch=True),
)
messages = st.lists(
    st.tuples(
        names,
        st.lists(letters, min_size=1, max_size=3).filter(
            lambda lines: not _OMITTED.fullmatch(lines[0].strip())
        ),
        st.integers(0, 3 * 24 * 3600),
    ),
    min_size=1,
    max_size=12,
)


def clock(moment: datetime, twelve: str, seconds: bool) -> str:
    tail = f":{moment.second:02d}" if seconds else ""
    if not twelve:
        return f"{moment.hour:02d}:{moment.minute:02d}{tail}"
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}{tail}{twelve}{'AM' if moment.hour < 12 else 'PM'}"


def date(moment: datetime, order: str, short_year: bool) -> str:
    year = f"{moment.year % 100:02d}" if short_year else str(moment.year)
    if order == "ymd":
        return f"{moment.year}-{moment.month:02d}-{moment.day:02d}"
    first, second = (moment.day, moment.month) if order == "dmy" else (moment.month, moment.day)
    return f"{first}/{second}/{year}"


layouts = st.tuples(
    st.sampled_from(["android", "ios"]),
    st.sampled_from(["dmy", "mdy", "ymd"]),
    st.booleans(),
    st.sampled_from(["", " ", "\u202f"]),
    st.sampled_from(["\n", "\r\n"]),
    st.integers(13, 28),
)


@settings(max_examples=300, deadline=None)
@given(messages, layouts)
def test_every_layout_reads_back_exactly(
    conversation: list[tuple[str, list[str], int]],
    layout_choice: tuple[str, str, bool, str, str, int],
) -> None:
    layout, order, short_year, twelve, newline, first_day = layout_choice
    start = datetime(2024, 3, first_day, 0, 0, tzinfo=UTC)  # a day over 12 settles the order
    moments = sorted(start + timedelta(seconds=offset) for _, _, offset in conversation)
    if layout == "android":
        moments = [m.replace(second=0) for m in moments]
    rendered = []
    for (sender, lines, _), moment in zip(conversation, moments, strict=True):
        when = f"{date(moment, order, short_year)}, {clock(moment, twelve, layout == 'ios')}"
        head = f"[{when}] " if layout == "ios" else f"{when} - "
        rendered.append(f"{head}{sender}: " + newline.join(lines))
    data = (newline.join(rendered) + newline).encode()
    document = Document("chat.txt", "", len(data), lambda: io.BytesIO(data))
    parser = WhatsAppParser()
    assert parser.detect(data, "chat.txt")
    (export,) = parser.parse([document])
    got = [(m.sender, m.text, m.ts) for m in export.messages]
    expected = [
        (sender, "\n".join(lines), moment)
        for (sender, lines, _), moment in zip(conversation, moments, strict=True)
    ]
    assert got == expected
    assert not export.header.notes

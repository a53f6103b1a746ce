"""Rebuilding messages from text boxes: no OCR here, boxes laid out as chat apps lay them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import given, settings
from hypothesis import strategies as st

from shield.core.ports import OcrPage, TextBox
from shield.ingest.screenshot import PageMessage, Separator, read_page
from shield.ingest.screenshot_chat import group_pages, merge, read_chats

W, H = 720, 1440
LINE = 30  # box height of one text row
CHARS = 14  # px per character


def box(text: str, x0: float, y0: float, width: float | None = None) -> TextBox:
    w = width if width is not None else len(text) * CHARS
    return TextBox(text, x0, y0, x0 + w, y0 + LINE, 0.99)


def chrome(contact: str | None = "Jess", clock: str = "21:05") -> list[TextBox]:
    boxes = [box(clock, 22, 8), box("87%", 600, 8), box("EE", 540, 8)]
    if contact:
        boxes += [
            TextBox(contact, 130, 70, 130 + len(contact) * 18, 108, 0.99),
            box("Active now", 130, 110),
        ]
    boxes.append(box("Message...", 60, 1380))
    return boxes


def bubble(side: str, lines: list[str], y: float, *, time_text: str | None = None) -> list[TextBox]:
    """Rows of one bubble; right bubbles hug the right edge, text left-aligned inside."""
    width = max(len(t) for t in lines) * CHARS
    x0 = 40 if side == "left" else W - 40 - width
    boxes = [box(t, x0, y + i * (LINE + 4)) for i, t in enumerate(lines)]
    if time_text:
        boxes.append(box(time_text, x0 + width + 12, y + (len(lines) - 1) * (LINE + 4) + 8))
    return boxes


def centred(text: str, y: float) -> TextBox:
    width = len(text) * CHARS
    return box(text, W / 2 - width / 2, y)


def page(boxes: list[TextBox]) -> OcrPage:
    return OcrPage(W, H, tuple(boxes))


def layout(messages: list[tuple[str, list[str]]], start: float = 220) -> list[TextBox]:
    boxes, y = [], start
    for side, lines in messages:
        boxes += bubble(side, lines, y)
        y += len(lines) * (LINE + 4) + 30
    return boxes


def test_sides_order_and_multi_line_bubbles() -> None:
    boxes = chrome() + layout(
        [
            ("left", ["hey you look cute"]),
            ("right", ["haha thanks, who is", "this?"]),
            ("left", ["add me on snap:", "jess_x92"]),
            ("left", ["now"]),
            ("right", ["ok"]),
        ]
    )
    reading = read_page(page(boxes))
    assert reading.contact == "Jess"
    got = [(m.side, m.text) for m in reading.messages]
    assert got == [
        ("left", "hey you look cute"),
        ("right", "haha thanks, who is this?"),
        ("left", "add me on snap: jess_x92"),
        ("left", "now"),
        ("right", "ok"),
    ]
    assert "21:05" in reading.dropped and "87%" in reading.dropped
    assert "Message..." in reading.dropped


def test_short_last_line_of_a_right_bubble_stays_in_it() -> None:
    boxes = chrome() + bubble("right", ["please dont send it to", "anyone"], 300)
    assert [(m.side, m.text) for m in read_page(page(boxes)).messages] == [
        ("right", "please dont send it to anyone")
    ]


def test_order_follows_the_screen_not_the_box_list() -> None:
    boxes = chrome() + layout([("left", ["first"]), ("right", ["second"]), ("left", ["third"])])
    reading = read_page(page(list(reversed(boxes))))
    assert [m.text for m in reading.messages] == ["first", "second", "third"]


def test_separators_and_own_times() -> None:
    boxes = chrome()
    boxes.append(centred("Yesterday 21:03", 200))
    boxes += bubble("left", ["u up?"], 260)
    boxes.append(centred("Today", 330))
    boxes += bubble("left", ["pay now"], 390, time_text="08:05")
    boxes += bubble("right", ["no"], 460, time_text="8:30 PM")
    items = read_page(page(boxes)).items
    assert isinstance(items[0], Separator) and items[0].label.clock == time(21, 3)
    chat = merge([read_page(page(boxes))], [0], reference=date(2024, 3, 5))
    got = [(m.text, m.day, m.time_text, m.calendar_day) for m in chat.messages]
    assert got == [
        ("u up?", "Yesterday", "21:03", date(2024, 3, 4)),
        ("pay now", "Today", "08:05", date(2024, 3, 5)),
        ("no", "Today", "20:30", date(2024, 3, 5)),
    ]
    export = chat.to_export(tz=UTC)
    messages = list(export.messages)
    assert messages[0].ts == datetime(2024, 3, 4, 21, 3, tzinfo=UTC)
    assert export.header.format == "screenshot"
    assert [m.sender for m in messages] == ["Jess", "Jess", "Me"]
    assert [m.side for m in messages] == ["left", "left", "right"]


def test_without_a_reference_date_no_timestamp_is_invented() -> None:
    boxes = [*chrome(), centred("Today 21:03", 200), *bubble("left", ["hi"], 260)]
    chat = read_chats([read_page(page(boxes))])[0]
    assert chat.messages[0].time_text == "21:03"
    assert next(iter(chat.to_export(tz=UTC).messages)).ts is None


def test_messages_that_look_like_times_stay_messages() -> None:
    boxes = chrome() + layout([("left", ["see you at 9:30"]), ("right", ["Today?"])])
    assert [m.text for m in read_page(page(boxes)).messages] == ["see you at 9:30", "Today?"]


def test_receipts_are_not_messages() -> None:
    boxes = chrome() + bubble("right", ["I'm 15 please stop"], 300)
    boxes.append(box("Delivered", W - 40 - 9 * CHARS, 345))
    reading = read_page(page(boxes))
    assert [m.text for m in reading.messages] == ["I'm 15 please stop"]


def test_label_layout_takes_sides_from_sender_labels() -> None:
    boxes = chrome(contact="Mia")
    boxes.append(centred("TODAY", 170))
    y = 230.0
    for speaker, text in [("MIA", "you're cute"), ("ME", "thanks"), ("MIA", "send £50")]:
        boxes.append(box(speaker, 40, y))
        boxes.append(box(text, 40, y + LINE + 2))
        y += 2 * LINE + 40
    reading = read_page(page(boxes))
    assert reading.layout == "labels"
    assert [(m.side, m.text) for m in reading.messages] == [
        ("left", "you're cute"),
        ("right", "thanks"),
        ("left", "send £50"),
    ]


def test_a_long_token_broken_across_rows_is_joined() -> None:
    boxes = chrome() + bubble("left", ["0x5aAeb6053F3E94C9b9A09f3", "3669435E7Ef1BeAed"], 300)
    assert read_page(page(boxes)).messages[0].text == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"


def test_an_empty_page_reads_as_no_messages() -> None:
    reading = read_page(OcrPage(W, H, ()))
    assert reading.messages == [] and reading.contact is None
    assert read_page(OcrPage(0, 0, (box("x", 0, 0),))).messages is not None


def test_overlapping_screenshots_keep_each_message_once() -> None:
    convo = [
        ("left", ["one"]),
        ("right", ["two"]),
        ("left", ["three"]),
        ("right", ["four"]),
        ("left", ["five"]),
    ]
    first = read_page(page(chrome() + layout(convo[:4])))
    second = read_page(page(chrome() + layout(convo[2:])))
    chat = merge([first, second], [0, 1])
    assert [m.text for m in chat.messages] == ["one", "two", "three", "four", "five"]
    assert chat.repeated == 2
    assert [m.page for m in chat.messages] == [0, 0, 0, 0, 1]


def test_ocr_slips_do_not_stop_the_overlap_being_found() -> None:
    first = read_page(page(chrome() + layout([("left", ["I dont have that much"])])))
    second = read_page(
        page(chrome() + layout([("left", ["Idont have that much"]), ("right", ["ok"])]))
    )
    assert [m.text for m in merge([first, second], [0, 1]).messages] == [
        "I dont have that much",
        "ok",
    ]


def test_screenshots_of_different_contacts_are_different_chats() -> None:
    one = read_page(page(chrome("Jess") + layout([("left", ["hi"])])))
    two = read_page(page(chrome("Jess") + layout([("left", ["hi"]), ("right", ["yo"])])))
    three = read_page(page(chrome("Tyler") + layout([("left", ["hi"])])))
    assert group_pages([one, two, three]) == [[0, 1], [2]]
    chats = read_chats([one, two, three])
    assert [c.contact for c in chats] == ["Jess", "Tyler"]
    assert [m.text for m in chats[0].messages] == ["hi", "yo"]


def test_a_message_cut_by_the_top_edge_matches_its_whole() -> None:
    two_rows = ["send it to", "me right now"]
    first = read_page(page(chrome() + layout([("left", ["hello"]), ("left", two_rows)])))
    # the next screenshot starts right under the header with only the bubble's last row
    second_boxes = chrome() + bubble("left", ["me right now"], 150) + bubble("right", ["stop"], 230)
    second = read_page(page(second_boxes))
    assert isinstance(second.items[0], PageMessage) and second.items[0].cut_top
    chat = merge([first, second], [0, 1])
    assert [m.text for m in chat.messages] == ["hello", "send it to me right now", "stop"]


_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)


@settings(max_examples=60, deadline=None)
@given(
    sides=st.lists(st.sampled_from(["left", "right"]), min_size=2, max_size=24),
    words=st.lists(_words, min_size=24, max_size=24),
    cuts=st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=4),
    overlap=st.integers(min_value=0, max_value=3),
)
def test_split_into_overlapping_screenshots_and_merged_back(
    sides: list[str], words: list[str], cuts: list[int], overlap: int
) -> None:
    """Any conversation, cut into screenshots that overlap by a few messages, reads back
    exactly: same messages, same sides, same order, nothing twice."""
    convo = [(side, [f"{words[i]} number{i}"]) for i, side in enumerate(sides)]
    pages, start = [], 0
    for size in [*cuts, *[10] * len(convo)]:  # a screenshot holds at most 10 here
        end = min(len(convo), start + size)
        pages.append(read_page(page(chrome() + layout(convo[start:end]))))
        if end >= len(convo):
            break
        start = max(end - overlap, start + 1)
    chat = read_chats(pages)[0]
    assert [(m.side, m.text) for m in chat.messages] == [(s, t[0]) for s, t in convo]


def test_many_boxes_stay_bounded() -> None:
    boxes = chrome() + [box("spam " * 40, 40, 200 + i * 0.5, 600) for i in range(2000)]
    reading = read_page(page(boxes))
    assert len(reading.messages) >= 1


def test_merging_hostile_pages_stays_bounded() -> None:
    """Thousands of near-identical rows on two pages: the overlap search is capped."""
    rows = [("left", [f"spam {i}"]) for i in range(400)]
    pages = []
    for _ in range(2):
        boxes = [box(t[0], 40, 6000 + i * 50, 300) for i, (_, t) in enumerate(rows)]
        pages.append(read_page(OcrPage(W, 40_000, tuple(boxes))))
    assert len(pages[0].messages) == 400
    chat = merge(pages, [0, 1])
    assert len(chat.messages) == 800  # the two pages share no run of messages


def test_a_screenshot_scrolled_back_adds_nothing() -> None:
    convo = [("left", ["one 1"]), ("right", ["two 2"]), ("left", ["three 3"]), ("right", ["4"])]
    first = read_page(page(chrome() + layout(convo)))
    back = read_page(page([*chrome(), centred("Today 09:00", 160), *layout(convo[1:3])]))
    chat = merge([first, back], [0, 1])
    assert [m.text for m in chat.messages] == ["one 1", "two 2", "three 3", "4"]
    assert chat.repeated == 2
    assert all(m.time_text is None for m in chat.messages)

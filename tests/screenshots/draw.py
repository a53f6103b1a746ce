"""Draw synthetic chat screenshots and their expected readings.

Every picture here is drawn from the scripts in ``conversations.py``: phone-sized images imitating
Instagram DM, WhatsApp, Snapchat, iMessage and Messenger layouts, light and dark, with status
bar clutter, an app header naming the contact, bubbles left and right, times and day separators,
and a composer. Long chats are cut into several screenshots that overlap, as people scroll.

    uv run python tests/screenshots/draw.py            # writes tests/data/screenshots/
    uv run python tests/screenshots/draw.py --out DIR  # elsewhere

Fonts: Pillow's own scalable font (``ImageFont.load_default(size=...)``, no system font needed)
and DejaVu Sans where the system has it; a character the first font lacks (``£``, ``€``, ``✓``)
is drawn with the next that has it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conversations import CASES, Case, Msg, Sep

OUT = Path(__file__).resolve().parents[1] / "data" / "screenshots"
DEJAVU = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)
DEJAVU_BOLD = tuple(p.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf") for p in DEJAVU)

RGB = tuple[int, int, int]


class Fonts:
    """A chain of fonts: each character is drawn with the first font that has it."""

    def __init__(self, size: int, *, prefer: str, bold: bool = False) -> None:
        chain: list[ImageFont.FreeTypeFont] = []
        dejavu = _first_font(DEJAVU_BOLD if bold else DEJAVU, size)
        default = ImageFont.load_default(size=size)
        assert isinstance(default, ImageFont.FreeTypeFont)
        if prefer == "dejavu" and dejavu is not None:
            chain = [dejavu, default]
        else:
            chain = [default] + ([dejavu] if dejavu is not None else [])
        self.chain = chain
        self.size = size
        self._missing = {id(f): bytes(f.getmask("\u4e00")) for f in chain}

    def font_for(self, char: str) -> ImageFont.FreeTypeFont:
        for font in self.chain:
            if char.isspace() or bytes(font.getmask(char)) != self._missing[id(font)]:
                return font
        return self.chain[0]

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        runs: list[tuple[str, ImageFont.FreeTypeFont]] = []
        for char in text:
            font = self.font_for(char)
            if runs and runs[-1][1] is font:
                runs[-1] = (runs[-1][0] + char, font)
            else:
                runs.append((char, font))
        return runs

    def length(self, text: str) -> float:
        return sum(font.getlength(run) for run, font in self.runs(text))

    def draw(self, canvas: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill: RGB):
        x, y = xy
        for run, font in self.runs(text):
            canvas.text((x, y), run, font=font, fill=fill)
            x += font.getlength(run)


def _first_font(paths: tuple[str, ...], size: int) -> ImageFont.FreeTypeFont | None:
    for path in paths:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return None


@dataclass
class Style:
    app: str
    dark: bool
    width: int
    height: int
    font: str  # "default" (Pillow's own) or "dejavu"
    size: int  # message text size in px
    bg: RGB
    fg: RGB
    sub: RGB
    left_bg: RGB
    left_fg: RGB
    right_bg: RGB
    right_fg: RGB
    header_bg: RGB
    header_fg: RGB
    composer: str
    header_sub: str = ""
    status_h: int = 44
    header_h: int = 110
    avatar: bool = False  # a small avatar beside the other party's bubbles
    times_inside: bool = False  # each bubble shows its own time (WhatsApp)
    labels: bool = False  # sender labels over left-aligned text (Snapchat)
    name_centre: bool = False
    carrier: str = ""
    accent: RGB = (0, 149, 246)
    extras: dict[str, RGB] = field(default_factory=dict)


def style(app: str, dark: bool, scale: float = 1.0) -> Style:
    base = _style(app, dark)
    if scale != 1.0:
        for name in ("width", "height", "size", "status_h", "header_h"):
            setattr(base, name, int(getattr(base, name) * scale))
    return base


def _style(app: str, dark: bool) -> Style:
    if app == "instagram":
        return Style(
            app, dark, 750, 1334, "dejavu", 27,
            bg=(0, 0, 0) if dark else (255, 255, 255),
            fg=(245, 245, 245) if dark else (0, 0, 0),
            sub=(168, 168, 168) if dark else (115, 115, 115),
            left_bg=(38, 38, 38) if dark else (239, 239, 239),
            left_fg=(245, 245, 245) if dark else (0, 0, 0),
            right_bg=(119, 64, 232), right_fg=(255, 255, 255),
            header_bg=(0, 0, 0) if dark else (255, 255, 255),
            header_fg=(245, 245, 245) if dark else (0, 0, 0),
            composer="Message...", header_sub="Active now", avatar=True, carrier="EE",
        )  # fmt: skip
    if app == "whatsapp":
        return Style(
            app, dark, 720, 1520, "default", 26,
            bg=(11, 20, 26) if dark else (239, 234, 226),
            fg=(233, 237, 239) if dark else (17, 27, 33),
            sub=(134, 150, 160) if dark else (102, 119, 129),
            left_bg=(32, 44, 51) if dark else (255, 255, 255),
            left_fg=(233, 237, 239) if dark else (17, 27, 33),
            right_bg=(0, 92, 75) if dark else (217, 253, 211),
            right_fg=(233, 237, 239) if dark else (17, 27, 33),
            header_bg=(31, 44, 52) if dark else (0, 128, 105),
            header_fg=(233, 237, 239) if dark else (255, 255, 255),
            composer="Message", header_sub="online", times_inside=True, status_h=36,
            header_h=100,
        )  # fmt: skip
    if app == "snapchat":
        return Style(
            app, dark, 720, 1440, "default", 26,
            bg=(18, 18, 18) if dark else (255, 255, 255),
            fg=(240, 240, 240) if dark else (22, 25, 28),
            sub=(140, 140, 140) if dark else (120, 124, 128),
            left_bg=(14, 173, 255), left_fg=(240, 240, 240) if dark else (22, 25, 28),
            right_bg=(242, 60, 87), right_fg=(240, 240, 240) if dark else (22, 25, 28),
            header_bg=(18, 18, 18) if dark else (255, 255, 255),
            header_fg=(240, 240, 240) if dark else (22, 25, 28),
            composer="Send a chat", labels=True, status_h=36, header_h=96,
            name_centre=True,
        )  # fmt: skip
    if app == "imessage":
        return Style(
            app, dark, 780, 1688, "dejavu", 29,
            bg=(0, 0, 0) if dark else (255, 255, 255),
            fg=(255, 255, 255) if dark else (0, 0, 0),
            sub=(142, 142, 147),
            left_bg=(38, 38, 41) if dark else (233, 233, 235),
            left_fg=(255, 255, 255) if dark else (0, 0, 0),
            right_bg=(10, 132, 255), right_fg=(255, 255, 255),
            header_bg=(22, 22, 22) if dark else (246, 246, 246),
            header_fg=(255, 255, 255) if dark else (0, 0, 0),
            composer="iMessage", status_h=50, header_h=150, name_centre=True,
            carrier="vodafone UK",
        )  # fmt: skip
    if app == "messenger":
        return Style(
            app, dark, 720, 1480, "default", 27,
            bg=(0, 0, 0) if dark else (255, 255, 255),
            fg=(228, 230, 235) if dark else (5, 5, 5),
            sub=(176, 179, 184) if dark else (101, 103, 107),
            left_bg=(48, 48, 48) if dark else (240, 240, 240),
            left_fg=(228, 230, 235) if dark else (5, 5, 5),
            right_bg=(0, 132, 255), right_fg=(255, 255, 255),
            header_bg=(0, 0, 0) if dark else (255, 255, 255),
            header_fg=(228, 230, 235) if dark else (5, 5, 5),
            composer="Aa", header_sub="Active 5m ago", avatar=True, status_h=40, header_h=100,
        )  # fmt: skip
    raise ValueError(app)


def wrap(fonts: Fonts, text: str, width: float) -> list[str]:
    """Word wrap; a word longer than a line is broken across lines, as chat apps do."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if fonts.length(trial) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        rest = word
        while fonts.length(rest) > width:
            cut = len(rest)
            while cut > 1 and fonts.length(rest[:cut]) > width:
                cut -= 1
            lines.append(rest[:cut])
            rest = rest[cut:]
        current = rest
    if current:
        lines.append(current)
    return lines


@dataclass
class Placed:
    top: int
    bottom: int
    index: int  # position in the script


def render_body(st: Style, case: Case) -> tuple[Image.Image, list[Placed]]:
    """The whole conversation on one tall strip; screenshots are windows onto it."""
    text = Fonts(st.size, prefer=st.font)
    small = Fonts(int(st.size * 0.72), prefer=st.font)
    label_font = Fonts(int(st.size * 0.8), prefer=st.font, bold=True)
    w = st.width
    line_h = int(st.size * 1.3)
    pad_x, pad_y = int(st.size * 0.6), int(st.size * 0.45)
    max_w = int(w * (0.62 if st.avatar else 0.68))
    left_x = int(w * 0.115) if st.avatar else int(w * 0.035)
    strip = Image.new("RGB", (w, 40 + 200 * len(case.items) + line_h * 40), st.bg)
    canvas = ImageDraw.Draw(strip)
    y = 24
    placed: list[Placed] = []
    last_speaker = None
    for index, item in enumerate(case.items):
        top = y
        if isinstance(item, Sep):
            shown = item.text.upper() if st.app in ("snapchat", "messenger") else item.text
            tw = small.length(shown)
            if st.app == "whatsapp":
                canvas.rounded_rectangle(
                    (w / 2 - tw / 2 - 16, y, w / 2 + tw / 2 + 16, y + small.size + 18),
                    radius=10,
                    fill=(24, 34, 41) if st.dark else (255, 255, 255),
                )
            small.draw(canvas, (w / 2 - tw / 2, y + 8), shown, st.sub)
            y += small.size + 18 + int(st.size * 0.8)
            last_speaker = None
        elif st.labels:
            assert isinstance(item, Msg)
            speaker = "ME" if item.side == "right" else case.contact.split()[0].upper()
            colour = st.right_bg if item.side == "right" else st.left_bg
            if speaker != last_speaker:
                y += int(st.size * 0.5)
                label_font.draw(canvas, (left_x + 18, y), speaker, colour)
                y += int(label_font.size * 1.35)
            lines = wrap(text, item.text, w * 0.86)
            bar_top = y
            for line in lines:
                text.draw(canvas, (left_x + 18, y), line, st.fg)
                y += line_h
            canvas.rectangle((left_x, bar_top, left_x + 4, y - 6), fill=colour)
            y += int(st.size * 0.55)
            last_speaker = speaker
        else:
            assert isinstance(item, Msg)
            lines = wrap(text, item.text, max_w - 2 * pad_x)
            widths = [text.length(line) for line in lines]
            inner_w = max(widths)
            time_shown = _shown_clock(item.time, case) if st.times_inside else None
            tick = " ✓✓" if item.side == "right" else ""
            time_row = False
            if time_shown:
                tw = small.length(time_shown + tick)
                if widths[-1] + tw + 24 <= max_w - 2 * pad_x:
                    inner_w = max(inner_w, widths[-1] + tw + 24)
                else:
                    inner_w = max(inner_w, tw)
                    time_row = True
            bubble_h = len(lines) * line_h + 2 * pad_y + (int(small.size * 1.3) if time_row else 0)
            if item.side == "right":
                x1 = w - int(w * 0.035)
                x0 = x1 - inner_w - 2 * pad_x
                fill, ink = st.right_bg, st.right_fg
            else:
                x0 = left_x
                x1 = x0 + inner_w + 2 * pad_x
                fill, ink = st.left_bg, st.left_fg
            radius = int(st.size * 0.75) if st.app != "whatsapp" else 14
            canvas.rounded_rectangle((x0, y, x1, y + bubble_h), radius=radius, fill=fill)
            ty = y + pad_y
            for line in lines:
                text.draw(canvas, (x0 + pad_x, ty), line, ink)
                ty += line_h
            if time_shown:
                tw = small.length(time_shown + tick)
                ty_time = (ty - line_h + (line_h - small.size)) if not time_row else ty
                time_ink = st.sub if item.side == "left" or not st.dark else (160, 200, 190)
                small.draw(canvas, (x1 - pad_x - tw, ty_time + 2), time_shown + tick, time_ink)
            if st.avatar and item.side == "left" and _last_of_run(case, index):
                r = int(w * 0.035)
                cx = int(w * 0.055)
                canvas.ellipse((cx - r, y + bubble_h - 2 * r, cx + r, y + bubble_h), fill=st.accent)
            y += bubble_h + int(st.size * 0.3)
            if item.receipt:
                rw = small.length(item.receipt)
                small.draw(canvas, (w - int(w * 0.04) - rw, y), item.receipt, st.sub)
                y += small.size + 10
            y += int(st.size * 0.25)
        placed.append(Placed(top - 8, y - 4, index))
    return strip.crop((0, 0, w, y + 24)), placed


def _last_of_run(case: Case, index: int) -> bool:
    nxt = case.items[index + 1] if index + 1 < len(case.items) else None
    return not (isinstance(nxt, Msg) and nxt.side == "left")


def body_box(st: Style) -> tuple[int, int]:
    top = st.status_h + st.header_h + 4
    bottom = st.height - int(st.size * 3.2)
    return top, bottom


def windows(st: Style, case: Case, placed: list[Placed]) -> list[tuple[int, int]]:
    """Start offsets (into the strip) of each screenshot, aligned on items, overlapping by
    ``case.overlap`` messages."""
    top, bottom = body_box(st)
    view = bottom - top
    starts = [0]
    while True:
        start = starts[-1]
        inside = [p for p in placed if p.top >= start and p.bottom <= start + view]
        if placed[-1].bottom <= start + view:
            break
        last_full = inside[-1].index
        back = max(1, case.overlap)
        nxt = placed[max(last_full - back + 1, inside[0].index + 1)].top
        starts.append(nxt + case.offset)
    if len(starts) != case.pages:
        raise SystemExit(f"{case.name}: drawn on {len(starts)} screenshots, planned {case.pages}")
    return [(s, s + view) for s in starts]


def draw_chrome(st: Style, case: Case, page: Image.Image, clock: str) -> None:
    canvas = ImageDraw.Draw(page)
    w, h = st.width, st.height
    status = Fonts(int(st.status_h * 0.5), prefer=st.font, bold=True)
    name_font = Fonts(int(st.size * 1.05), prefer=st.font, bold=True)
    sub_font = Fonts(int(st.size * 0.7), prefer=st.font)
    comp_font = Fonts(int(st.size * 0.95), prefer=st.font)
    canvas.rectangle((0, 0, w, st.status_h + st.header_h), fill=st.header_bg)
    sy = (st.status_h - status.size) // 2
    if st.app in ("instagram", "imessage"):
        status.draw(canvas, (int(w * 0.1), sy), clock, st.header_fg)
    else:
        status.draw(canvas, (int(w * 0.04), sy), clock, st.header_fg)
    battery = f"{case.battery}%"
    bw = status.length(battery)
    status.draw(canvas, (w - bw - int(w * 0.11), sy), battery, st.header_fg)
    canvas.rounded_rectangle(
        (w - int(w * 0.095), sy + 2, w - int(w * 0.04), sy + status.size), radius=4,
        outline=st.header_fg, width=2,
    )  # fmt: skip
    if st.carrier:
        cw = status.length(st.carrier)
        status.draw(canvas, (w - bw - cw - int(w * 0.16), sy), st.carrier, st.header_fg)
    hy = st.status_h
    chevron_y = hy + st.header_h // 2
    tip, arm = int(w * 0.035), int(w * 0.06)
    canvas.line(
        [(arm, chevron_y - 14), (tip, chevron_y), (arm, chevron_y + 14)],
        fill=st.header_fg if st.app != "imessage" else (10, 132, 255), width=4,
    )  # fmt: skip
    name = case.contact
    if st.name_centre and st.app == "imessage":
        r = int(st.header_h * 0.26)
        canvas.ellipse((w / 2 - r, hy + 10, w / 2 + r, hy + 10 + 2 * r), fill=(160, 160, 170))
        nw = sub_font.length(name)
        sub_font.draw(canvas, (w / 2 - nw / 2, hy + 18 + 2 * r), name, st.header_fg)
    elif st.name_centre:
        nw = name_font.length(name)
        name_font.draw(
            canvas, (w / 2 - nw / 2, chevron_y - name_font.size // 2), name, st.header_fg
        )
        r = int(st.header_h * 0.22)
        canvas.ellipse(
            (int(w * 0.09), chevron_y - r, int(w * 0.09) + 2 * r, chevron_y + r), fill=st.accent
        )
    else:
        r = int(st.header_h * 0.22)
        ax = int(w * 0.09)
        canvas.ellipse((ax, chevron_y - r, ax + 2 * r, chevron_y + r), fill=st.accent)
        nx = ax + 2 * r + 18
        if st.header_sub:
            name_font.draw(canvas, (nx, chevron_y - name_font.size - 2), name, st.header_fg)
            sub_font.draw(
                canvas,
                (nx, chevron_y + 4),
                st.header_sub,
                st.header_fg if st.app == "whatsapp" else st.sub,
            )
        else:
            name_font.draw(canvas, (nx, chevron_y - name_font.size // 2), name, st.header_fg)
        for k in range(2):  # call and video icons
            ix = w - int(w * 0.08) - k * int(w * 0.1)
            canvas.rounded_rectangle(
                (ix - 16, chevron_y - 12, ix + 16, chevron_y + 12),
                radius=5,
                outline=st.header_fg,
                width=3,
            )
    canvas.line((0, hy + st.header_h, w, hy + st.header_h), fill=st.sub, width=1)
    # composer
    cy = h - int(st.size * 2.6)
    canvas.rectangle((0, cy - 16, w, h), fill=st.bg)
    fill = (40, 40, 40) if st.dark else (240, 240, 240)
    canvas.rounded_rectangle(
        (int(w * 0.04), cy, int(w * 0.8), cy + int(st.size * 1.9)), radius=int(st.size), fill=fill
    )
    comp_font.draw(canvas, (int(w * 0.08), cy + int(st.size * 0.45)), st.composer, st.sub)
    send = int(st.size * 1.9)
    canvas.ellipse((int(w * 0.84), cy, int(w * 0.84) + send, cy + send), fill=st.accent)


def expected_messages(case: Case) -> list[dict[str, object]]:
    """Each message with the time rules the reader follows: the separator in force gives the
    day and the time; a bubble's own time overrides the time."""
    day: str | None = None
    clock: str | None = None
    out: list[dict[str, object]] = []
    for item in case.items:
        if isinstance(item, Sep):
            if item.day is not None:
                day = item.day.upper() if case.app in ("snapchat", "messenger") else item.day
            clock = item.clock  # a day alone clears the time; a time alone keeps the day
            continue
        own = item.time if case_style(case).times_inside else None
        out.append(
            {
                "side": item.side,
                "sender": "Me" if item.side == "right" else case.contact,
                "text": item.text,
                "time": own or clock,
                "day": day,
            }
        )
    return out


def case_style(case: Case) -> Style:
    return style(case.app, case.dark, case.scale)


def _shown_clock(value: str | None, case: Case) -> str | None:
    if value is None or not case.twelve_hour:
        return value
    hour, minute = (int(part) for part in value.split(":"))
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'am' if hour < 12 else 'pm'}"


def render(case: Case, out: Path) -> list[str]:
    st = case_style(case)
    strip, placed = render_body(st, case)
    top, _ = body_box(st)
    folder = out / case.name
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number, (start, end) in enumerate(windows(st, case, placed), start=1):
        page = Image.new("RGB", (st.width, st.height), st.bg)
        piece = strip.crop((0, start, st.width, min(end, strip.height)))
        page.paste(piece, (0, top))
        draw_chrome(st, case, page, case.clocks[(number - 1) % len(case.clocks)])
        if case.shrink != 1.0:
            size = (round(st.width * case.shrink), round(st.height * case.shrink))
            page = page.resize(size, Image.Resampling.LANCZOS)
        if case.jpeg is not None:
            name = f"{number:02d}.jpg"
            page.save(folder / name, quality=case.jpeg)
        else:
            name = f"{number:02d}.png"
            page.save(folder / name, optimize=True)
        names.append(name)
    expected = {
        "case": case.name,
        "app": case.app,
        "mode": "dark" if case.dark else "light",
        "split": case.split,
        "contact": case.contact,
        "screenshots": names,
        "messages": expected_messages(case),
        "identifiers": [{"kind": k, "normalized": v} for k, v in case.identifiers],
    }
    (folder / "expected.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--only", nargs="*", default=None, help="case names to draw")
    args = parser.parse_args(argv)
    total = 0
    for case in CASES:
        if args.only and case.name not in args.only:
            continue
        total += len(render(case, args.out))
    print(f"drew {total} screenshots into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

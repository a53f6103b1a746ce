"""Synthetic photos drawn with Pillow for the hashing tests."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw


def scene(seed: int, size: tuple[int, int] = (480, 360)) -> Image.Image:
    """A random but textured 'photo': gradient sky, shapes, lines, and grain (photos have
    sensor noise; perfectly flat synthetic fills look like app chrome, not like photos)."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top = tuple(rng.randrange(256) for _ in range(3))
    bottom = tuple(rng.randrange(256) for _ in range(3))
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for _ in range(rng.randrange(8, 20)):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1, y1 = x0 + rng.randrange(10, width // 2), y0 + rng.randrange(10, height // 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = rng.choice(("ellipse", "rectangle", "line"))
        if shape == "ellipse":
            draw.ellipse([x0, y0, x1, y1], fill=colour)
        elif shape == "rectangle":
            draw.rectangle([x0, y0, x1, y1], fill=colour)
        else:
            draw.line([x0, y0, x1, y1], fill=colour, width=rng.randrange(2, 12))
    grain = np.random.default_rng(seed).normal(0, 8, (height, width, 1))
    pixels = np.clip(np.asarray(image, dtype=np.float64) + grain, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, "RGB")


def phone_screenshot(photo: Image.Image, *, dark: bool = True) -> Image.Image:
    """The photo inside a phone app's chrome: status bar, header with a name, buttons below."""
    width = 540
    scale = width / photo.width
    body = photo.resize((width, round(photo.height * scale)))
    status, header, footer = 36, 64, 120
    canvas_height = status + header + body.height + footer
    background = (0, 0, 0) if dark else (255, 255, 255)
    ink = (255, 255, 255) if dark else (20, 20, 20)
    canvas = Image.new("RGB", (width, canvas_height), background)
    draw = ImageDraw.Draw(canvas)
    draw.text((16, 10), "21:47", fill=ink)
    draw.rectangle([width - 60, 12, width - 24, 24], outline=ink)
    draw.ellipse([16, status + 14, 52, status + 50], fill=(120, 120, 120))
    draw.text((64, status + 24), "jess_x92  Follow", fill=ink)
    canvas.paste(body, (0, status + header))
    y = status + header + body.height
    for i in range(4):
        draw.ellipse([16 + i * 44, y + 12, 44 + i * 44, y + 40], outline=ink, width=2)
    draw.text((16, y + 56), "Liked by 1,024 others", fill=ink)
    draw.text((16, y + 80), "sunset vibes", fill=ink)
    return canvas


def bordered(
    photo: Image.Image, share: float = 0.1, colour: tuple[int, int, int] = (255, 255, 255)
) -> Image.Image:
    dx, dy = round(photo.width * share), round(photo.height * share)
    canvas = Image.new("RGB", (photo.width + 2 * dx, photo.height + 2 * dy), colour)
    canvas.paste(photo, (dx, dy))
    return canvas

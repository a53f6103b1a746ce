"""Instagram's "Download your information" message JSON (the layout is Meta's; see meta.py)."""

from __future__ import annotations

from shield.ingest.meta import MetaParser


class InstagramParser(MetaParser):
    name = "instagram"

"""Facebook Messenger's "Download your information" message JSON, the older layout and the
newer end-to-end-encrypted one (both read by meta.py)."""

from __future__ import annotations

from shield.ingest.meta import MetaParser


class MessengerParser(MetaParser):
    name = "messenger"

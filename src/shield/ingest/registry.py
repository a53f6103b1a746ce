"""Every chat-export parser, in the order detection asks them (the catch-all ``plain`` last).

The names are asserted equal to CHAT_FORMATS, so no format of the contract can go missing.
"""

from __future__ import annotations

from shield.core.vocabulary import CHAT_FORMATS
from shield.ingest.base import Parser
from shield.ingest.discord import DiscordParser
from shield.ingest.instagram import InstagramParser
from shield.ingest.messenger import MessengerParser
from shield.ingest.plain import PlainParser
from shield.ingest.snapchat import SnapchatParser
from shield.ingest.telegram import TelegramParser
from shield.ingest.whatsapp import WhatsAppParser

PARSERS: tuple[Parser, ...] = (
    WhatsAppParser(),
    InstagramParser(),
    MessengerParser(),
    TelegramParser(),
    SnapchatParser(),
    DiscordParser(),
    PlainParser(),
)

if tuple(parser.name for parser in PARSERS) != CHAT_FORMATS:  # pragma: no cover - a wiring bug
    raise RuntimeError("the chat parsers registered differ from CHAT_FORMATS")

BY_NAME: dict[str, Parser] = {parser.name: parser for parser in PARSERS}


def detect(head: bytes, name: str) -> Parser | None:
    """The first parser that recognises a file whose first bytes are ``head``."""
    for parser in PARSERS:
        if parser.detect(head, name):
            return parser
    return None


def registered() -> tuple[str, ...]:
    return tuple(parser.name for parser in PARSERS)

"""The public vocabulary of CONTRACTS.md: identifier kinds, platforms, services, stages.

Registries elsewhere assert that their names equal these lists, so no kind can go missing.
"""

from __future__ import annotations

IDENTIFIER_KINDS: tuple[str, ...] = (
    "email",
    "phone",
    "handle",
    "url",
    "crypto_wallet",
    "bank_account",
    "iban",
    "payment_handle",
    "gift_card",
    "image_pdq",
    "image_md5",
)

PLATFORMS: tuple[str, ...] = (
    "instagram",
    "snapchat",
    "tiktok",
    "facebook",
    "messenger",
    "whatsapp",
    "telegram",
    "kik",
    "discord",
    "x",
    "tinder",
    "hinge",
    "bumble",
    "grindr",
    "skype",
    "wechat",
    "line",
    "onlyfans",
    "reddit",
    "omegle",
    "wizz",
    "yubo",
    "unknown",
)

CRYPTO_NETWORKS: tuple[str, ...] = ("btc", "eth", "ltc", "trx", "xmr", "sol", "doge", "bch")

PAYMENT_SERVICES: tuple[str, ...] = (
    "paypal",
    "cashapp",
    "venmo",
    "revolut",
    "zelle",
    "monzo",
    "wise",
    "chime",
    "skrill",
    "westernunion",
    "moneygram",
)

GIFT_CARD_BRANDS: tuple[str, ...] = (
    "steam",
    "apple",
    "googleplay",
    "amazon",
    "razer",
    "xbox",
    "playstation",
    "roblox",
    "ebay",
    "vanilla",
    "paysafecard",
    "other",
)

STAGES: tuple[str, ...] = (
    "approach",
    "platform_move",
    "intimate_request",
    "capture",
    "threat",
    "payment_demand",
    "escalation",
)

ROLES: tuple[str, ...] = ("victim", "suspect", "unknown")

CHAT_FORMATS: tuple[str, ...] = (
    "whatsapp",
    "instagram",
    "messenger",
    "telegram",
    "snapchat",
    "discord",
    "plain",
)

"""Handles on payment services: payment links (``paypal.me/x``, ``cash.app/$x`` ...), Cash App
cashtags (``$name`` or ``£name``), and names said with a service word ("venmo me @x")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shield.core.recognizers.base import (
    Example,
    Explanation,
    Found,
    Gate,
    Mark,
    Recognizer,
    Scan,
    words,
)
from shield.core.recognizers.links import LINK, PAYMENT_HOSTS, classify, linked, normalize_url
from shield.core.recognizers.platforms import (
    SERVICE_WORDS,
    STOPWORDS,
    WEAK_SERVICES,
    alternation,
    first_words,
    name_of,
)
from shield.core.vocabulary import PAYMENT_SERVICES

KW, LOOKUP = alternation(SERVICE_WORDS)
GATE = first_words(SERVICE_WORDS)
KEYWORD = re.compile(rf"(?<![a-z0-9@./])(?:{KW})(?![a-z0-9@])")
FILLER = r"(?:[\s:=\-\u2013>,\u00bb\u2192\u27a1\U0001f449\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d]|(?:id|name|username|user|handle|account|acc|tag|is|its|it's|it\u2019s|me|to|on|at|here)(?![a-z0-9]))"  # noqa: E501
TAIL = re.compile(
    rf"(?P<mid>{FILLER}{{0,14}})(?P<sym>[@$£])?(?P<user>[a-z0-9_][a-z0-9_.\-]{{0,29}})"
)
STRONG = re.compile(
    r"[:=\-\u2013>\u00bb\u2192\u27a1\U0001f449]|(?<![a-z])(?:is|its|it's|it\u2019s|id|name|username|handle|tag)(?![a-z])"
)
CASHTAG = re.compile(r"(?<![\w$£@/])[$£](?P<user>[A-Za-z][A-Za-z0-9_]{0,19})(?![\w$])")
CASH_APP_WORDS = words(
    "cash app", "cashapp", "cashtag", "cash tag", "ca\\$h app", "ca\\$happ", "cash"
)
TICKERS = frozenset(
    {
        "usd",
        "btc",
        "eth",
        "usdt",
        "usdc",
        "gbp",
        "eur",
        "ltc",
        "sol",
        "xmr",
        "doge",
        "trx",
        "bnb",
        "cad",
        "aud",
        "k",
        "m",
    }
)
NORMAL = re.compile(r"^(?P<service>[a-z]+):[@$£]?(?P<user>[a-z0-9_][a-z0-9_.\-@+]{0,80})$")


def _plausible(user: str) -> bool:
    return (
        len(user) >= 2
        and any(c.isalpha() for c in user)
        and user not in STOPWORDS
        and user not in LOOKUP
    )


class PaymentHandleRecognizer(Recognizer):
    kind = "payment_handle"
    validator = "a payment link, a cashtag, or a payment service word next to a plausible name"
    gate = Gate(  # a cashtag, a service word, or a payment link (which names its host)
        (Mark("$£", "[a-z]"),),
        (*(p for spelled in SERVICE_WORDS.values() for p in spelled), *PAYMENT_HOSTS),
    )
    examples = (
        Example("send it to $JessX92 on cash app", ("cashapp:jessx92",)),
        Example(
            "paypal.me/DanSmith77 or cash.app/$bigmoney", ("paypal:dansmith77", "cashapp:bigmoney")
        ),
        Example("venmo: @Kyle-Ross-4", ("venmo:kyle-ross-4",)),
        Example("revolut me @sarahk99", ("revolut:sarahk99",)),
        Example("monzo.me/tomw and venmo.com/u/jay_b", ("monzo:tomw", "venmo:jay_b")),
        Example("cashtag £LilMoney22", ("cashapp:lilmoney22",)),
        Example("it costs $600 and $USD is strong; pay pal is down"),
        Example("I use paypal for everything"),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        seen: set[int] = set()
        for found in linked(self, scan):
            seen.add(found.start)
            yield found
        lower = scan.lower
        for m in scan.occurrences(GATE, KEYWORD):
            word = m.group(0)
            tail = TAIL.match(lower, m.end(), min(len(lower), m.end() + 90))
            if tail is None:
                continue
            user = tail.group("user").rstrip(".-")
            start = tail.start("sym") if tail.group("sym") else tail.start("user")
            end = tail.start("user") + len(user)
            if start in seen or not _plausible(user) or lower[end : end + 1] in ("@", "."):
                continue
            strong = tail.group("sym") is not None or STRONG.search(tail.group("mid")) is not None
            marked = any(c.isdigit() or c in "_.-" for c in user)
            if not strong and (word in WEAK_SERVICES or not marked):
                continue
            service = name_of(word, LOOKUP) or "paypal"
            if tail.group("sym") in ("$", "£") and service not in ("cashapp", "chime"):
                continue  # a cashtag: reported below as Cash App
            seen.add(start)
            explanation = Explanation("service word then name", self.validator, (word,))
            yield self.found(scan, start, end, f"{service}:{user}", explanation, platform=service)
        if "$" in scan.text or "£" in scan.text:
            for m in CASHTAG.finditer(scan.text):
                user = m.group("user")
                if m.start() in seen or user.lower() in TICKERS:
                    continue
                context = scan.near(m.start(), m.end(), CASH_APP_WORDS)
                if not context and (user.isupper() or user.lower() in STOPWORDS):
                    continue
                seen.add(m.start())
                explanation = Explanation("cashtag", self.validator, context)
                yield self.found(
                    scan,
                    m.start(),
                    m.end(),
                    f"cashapp:{user.lower()}",
                    explanation,
                    platform="cashapp",
                )

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        text = raw.strip()
        m = NORMAL.match(text.lower())
        if m and m.group("service") in PAYMENT_SERVICES:
            return f"{m.group('service')}:{m.group('user')}"
        if LINK.fullmatch(text):
            url = normalize_url(text)
            sorted_out = classify(url) if url else None
            if sorted_out is not None and sorted_out[0] == "payment_handle":
                return sorted_out[1]
        m2 = CASHTAG.fullmatch(text)
        if m2:
            return f"cashapp:{m2.group('user').lower()}"
        for found in self.find(Scan(text, region=region)):
            return found.normalized
        raise self.invalid(raw, "no payment service and handle")

"""Cryptocurrency addresses that pass their checksum: base58check (BTC, LTC, DOGE, BCH legacy,
TRON), bech32/bech32m (SegWit, Taproot), CashAddr (BCH), EIP-55 (EVM), Monero; Solana by its
32-byte key and a Solana word nearby (it has no checksum)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from shield.core.checksums import base58, bech32, eip55
from shield.core.recognizers.base import (
    LONG_RUN,
    Example,
    Explanation,
    Found,
    Gate,
    Recognizer,
    Scan,
    words,
)
from shield.core.recognizers.confusables import CONFUSABLE, variants
from shield.core.vocabulary import CRYPTO_NETWORKS

TOKEN = re.compile(
    r"(?<![A-Za-z0-9:])(?:bitcoincash:)?[A-Za-z0-9]{25,110}(?![A-Za-z0-9])", re.IGNORECASE
)
NETWORK_WORDS = words(
    "btc",
    "bitcoin",
    "ltc",
    "litecoin",
    "bch",
    "bitcoin cash",
    "doge",
    "dogecoin",
    "trx",
    "tron",
    "trc20",
    "trc-20",
    "sol",
    "solana",
    "phantom",
    "xmr",
    "monero",
    "eth",
    "ethereum",
    "erc20",
    "erc-20",
    "metamask",
    "usdt",
    "usdc",
    "wallet",
    "crypto",
    "address",
    "bnb",
    "bep20",
)
SOLANA_WORDS = words("sol", "solana", "phantom", "solflare", "spl")
VERSIONS = {
    0x00: "btc",
    0x05: "btc",
    0x30: "ltc",
    0x32: "ltc",
    0x1E: "doge",
    0x16: "doge",
    0x41: "trx",
}
NORMAL = re.compile(r"^(?P<network>[a-z]+):(?P<address>[A-Za-z0-9:]{25,120})$")
B58 = frozenset(base58.ALPHABET)
BECH = frozenset(bech32.CHARSET)


def _base58_network(token: str, context: tuple[str, ...]) -> str | None:
    payload = base58.decode_check(token)
    if payload is None or len(payload) != 21:
        return None
    network = VERSIONS.get(payload[0])
    if network == "btc" and any(w in ("bch", "bitcoin cash") for w in context):
        return "bch"
    if network == "btc" and payload[0] == 0x05 and any(w in ("ltc", "litecoin") for w in context):
        return "ltc"
    return network


@lru_cache(maxsize=4096)
def check(token: str, context: tuple[str, ...]) -> tuple[str, str, str] | None:  # noqa: PLR0911
    """(network, normalized address, checksum name) of a valid address, else None. Remembered:
    a conversation repeats its addresses, and the checksums (Keccak, base58) are costly."""
    lower = token.lower()
    if lower.startswith("0x"):
        if eip55.valid(token):
            return (
                "eth",
                lower,
                "EIP-55 (Keccak-256)" if eip55.has_checksum(token) else "hex form",
            )
        return None
    if lower.startswith("bc1"):
        return ("btc", lower, "bech32/bech32m") if bech32.segwit_valid(token, "bc") else None
    if lower.startswith("ltc1"):
        return ("ltc", lower, "bech32/bech32m") if bech32.segwit_valid(token, "ltc") else None
    if lower.startswith("bitcoincash:") or (len(token) == 42 and lower[0] in "qp"):
        if bech32.cashaddr_valid(token):
            return ("bch", lower.removeprefix("bitcoincash:"), "CashAddr")
        return None
    if len(token) in (95, 106) and token[0] in "48":
        return ("xmr", token, "Monero base58 (Keccak-256)") if base58.monero_valid(token) else None
    if 25 <= len(token) <= 35:
        network = _base58_network(token, context)
        if network is not None:
            return (network, token, "base58check")
    if 32 <= len(token) <= 44 and any(w in ("sol", "solana", "phantom") for w in context):
        raw = base58.decode(token)
        if raw is not None and len(raw) == 32:
            return ("sol", token, "base58 32-byte key + Solana context")
    return None


def _ocr_tries(token: str) -> Iterator[str]:
    """Corrections of an OCR-read token, shaped by what its prefix says it is."""
    lower = token.lower()
    if lower[:2] in ("0x", "ox"):
        body = token[2:]
        alternatives = {i + 2: CONFUSABLE[c] for i, c in enumerate(body) if c in CONFUSABLE}
        hexed = {
            i: "".join(a for a in alts if a.lower() in "0123456789abcdef")
            for i, alts in alternatives.items()
        }
        hexed = {i: alts for i, alts in hexed.items() if alts}
        forced = frozenset(i for i in hexed if token[i].lower() not in "0123456789abcdef")
        for spelled in variants("0x" + body, hexed, forced, max_optional=2):
            if eip55.has_checksum(spelled):
                yield spelled
        return
    if lower.startswith(("bc1", "ltc1")):
        head = 3 if lower.startswith("bc1") else 4
        alternatives = {
            i: "".join(a for a in CONFUSABLE[c].lower() if a in BECH)
            for i, c in enumerate(lower)
            if i >= head and c in CONFUSABLE
        }
        alternatives = {i: a for i, a in alternatives.items() if a}
        forced = frozenset(i for i in alternatives if lower[i] not in BECH)
        yield from variants(lower, alternatives, forced, max_optional=2)
        return
    alternatives = {
        i: "".join(a for a in CONFUSABLE[c] if a in B58)
        for i, c in enumerate(token)
        if c in CONFUSABLE
    }
    alternatives = {i: a for i, a in alternatives.items() if a}
    forced = frozenset(i for i in alternatives if token[i] not in B58)
    if any(c not in B58 and i not in alternatives for i, c in enumerate(token)):
        return
    yield from variants(token, alternatives, forced, max_optional=2)


class CryptoWalletRecognizer(Recognizer):
    kind = "crypto_wallet"
    validator = "base58check, bech32/bech32m, CashAddr, EIP-55 Keccak-256, Monero keccak; Solana 32-byte key with context"  # noqa: E501
    gate = Gate((LONG_RUN,))
    examples = (
        Example(
            "btc 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", ("btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",)
        ),
        Example(
            "send to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            ("btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",),
        ),
        Example(
            "taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            ("btc:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",),
        ),
        Example(
            "eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            ("eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",),
        ),
        Example(
            "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
            ("eth:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",),
        ),
        Example(
            "usdt trc20 TP5eKXFaT36LmQ3472VDLqVytdztxumXPR",
            ("trx:TP5eKXFaT36LmQ3472VDLqVytdztxumXPR",),
        ),
        Example(
            "ltc LZrDLAgMKQwTZ8dLxZQmbYsWpK6bKmLB7U", ("ltc:LZrDLAgMKQwTZ8dLxZQmbYsWpK6bKmLB7U",)
        ),
        Example(
            "litecoin 3Lo7nuSPWYRvZJDTmqQiLm99QDwfyTfWFU",
            ("ltc:3Lo7nuSPWYRvZJDTmqQiLm99QDwfyTfWFU",),
        ),
        Example(
            "p2sh 3Lo7nuSPWYRvZJDTmqQiLm99QDwfyTfWFU", ("btc:3Lo7nuSPWYRvZJDTmqQiLm99QDwfyTfWFU",)
        ),
        Example(
            "xmr 41nQGzdZV77YhmmhvKmYL4GPc2QXHakwpT8ofL5FyDhGPxyUGUuXRYyK7EHNtgcwnhbcLfUxAXzgEKcsnCX91noZFVgXdXt",  # noqa: E501
            (
                "xmr:41nQGzdZV77YhmmhvKmYL4GPc2QXHakwpT8ofL5FyDhGPxyUGUuXRYyK7EHNtgcwnhbcLfUxAXzgEKcsnCX91noZFVgXdXt",
            ),
        ),
        Example(
            "xmr 41nQGzdZV77YhmmhvKmYL4GPc2QXHakwpT8ofL5FyDhGPxyUGUuXRYyK7EHNtgcwnhbcLfUxAXzgEKcsnCX91noZFVgXdXu",  # noqa: E501
        ),
        Example(
            "solana phantom AYB7gTAjaXfY1nsFCP4pwdRWqJrD61dJDN7g3tKtaAnS",
            ("sol:AYB7gTAjaXfY1nsFCP4pwdRWqJrD61dJDN7g3tKtaAnS",),
        ),
        Example("session AYB7gTAjaXfY1nsFCP4pwdRWqJrD61dJDN7g3tKtaAnS"),
        Example(
            "doge DN5wR3x5nnXUyeN3NQvCyUrdNXJJotKHbo", ("doge:DN5wR3x5nnXUyeN3NQvCyUrdNXJJotKHbo",)
        ),
        Example(
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
            ("bch:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",),
        ),
        Example(
            "bad checksum 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 or 0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # noqa: E501
        ),
        Example("bech32 typo bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"),
        Example("tracking 1Z999AA10123456784 and order 40012345678901234567"),
        Example("ocr read 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVNZ", ()),
        Example(
            "ocr read 1BvBMSEYstWetqTFnSAu4m4GFg7xJaNVN2",
            ("btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",),
            ocr=True,
        ),
        Example(
            "ocr read 0x5aAeb6O53F3E94C9b9A09f33669435E7Ef1BeAed",
            ("eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",),
            ocr=True,
        ),
    )

    def find(self, scan: Scan) -> Iterator[Found]:
        if scan.longest < 25:
            return  # no address is shorter than 25 characters
        for m in TOKEN.finditer(scan.text):
            token = m.group(0)
            # Context words count on the token's own line: a Solana key has no checksum, and
            # the line before may be another message about another address.
            line_start = scan.lower.rfind("\n", 0, m.start()) + 1
            before = min(60, m.start() - line_start)
            context = scan.near(m.start(), m.end(), NETWORK_WORDS, before=before)
            result = check(token, context)
            corrected_from = None
            if result is None and scan.ocr:
                for spelled in _ocr_tries(token):
                    if scan.ocr_budget <= 0:
                        break  # hostile text full of confusables: stop correcting, keep reading
                    scan.ocr_budget -= 1
                    result = check(spelled, context)
                    if result is not None:
                        corrected_from = token
                        break
            if result is None:
                continue
            network, address, checksum = result
            explanation = Explanation(f"{network} address", checksum, context, corrected_from)
            yield self.found(scan, m.start(), m.end(), f"{network}:{address}", explanation)

    def normalize(self, raw: str, *, region: str = "GB") -> str:
        text = raw.strip()
        m = NORMAL.match(text)
        context: tuple[str, ...] = ()
        if m and m.group("network").lower() in CRYPTO_NETWORKS:
            network = m.group("network").lower()
            text = m.group("address")
            context = {"bch": ("bch",), "ltc": ("ltc",), "sol": ("sol",)}.get(network, ())
            if network == "bch" and text[:1].lower() in "qp" and ":" not in text:
                text = "bitcoincash:" + text
        result = check(text, context)
        if result is None:
            raise self.invalid(raw, "fails its checksum or is no known address form")
        return f"{result[0]}:{result[1]}"

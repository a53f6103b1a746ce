"""Throughput and accuracy of identifier extraction: Shield's recognizers against Microsoft
Presidio's AnalyzerEngine (with a blank spaCy English pipeline, so nothing downloads), on the
same synthetic message stream, side by side, with both tools' precision and recall on the
identifier development set.

    uv run --group bench python bench/extract.py [--messages 20000] [--presidio-messages 2000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import SPLITS, Pair, load, score
from shield.core.errors import InvalidIdentifier
from shield.core.recognizers import crypto_wallet, e164, iban, links, normalize, recognize

# Validations remembered on the candidate string (a conversation repeats its identifiers, and
# so does this stream: its identifier-bearing messages are drawn from a small set).
VALIDATION_CACHES = (e164.parse, crypto_wallet.check, iban.valid, links.read_link)

BENIGN = [
    "lol ok see u at {h}:{m:02d}",
    "did u finish the {subject} homework",
    "omg {name} is so annoying today",
    "wanna play {game} later?",
    "k",
    "hahaha",
    "send me the notes pls",
    "im at {name}'s house",
    "training moved to {h}pm tmrw",
    "that film was mid tbh",
    "can u ask ur mum if i can stay over on {day}",
    "Happy birthday {name}!! 🎉🎉",
    "ur so funny 😂",
    "brb dinner",
    "we won {a}-{b} 🔥",
    "bus is late again, there in {n} mins",
    "who's coming to {name}'s party on {day}?",
    "Hey {name}, it's been a while! How have you been?",
    "I'll send the photos from the trip tonight",
    "the wifi password is on the fridge",
    "meet at the station, platform {n}",
    "I got {a} out of {c} on the test",
]
NAMES = ["Sam", "Priya", "Tom", "Aisha", "Jake", "Mia", "Olu", "Chen", "Lena", "Ravi"]
SUBJECTS = ["maths", "chem", "history", "french", "bio"]
GAMES = ["fortnite", "minecraft", "fifa", "roblox", "valorant"]
DAYS = ["monday", "friday", "saturday", "sunday"]


def stream(count: int, seed: int = 7) -> list[str]:
    """A chat-like stream: nine in ten messages are ordinary chat, one in ten is taken from the
    development set's messages (identifiers, hard negatives)."""
    rng = random.Random(seed)
    devset = [m for split in SPLITS for c in load(split) for m in c.messages]
    out = []
    for _ in range(count):
        if rng.random() < 0.1:
            out.append(rng.choice(devset))
        else:
            out.append(
                rng.choice(BENIGN).format(
                    h=rng.randint(1, 23),
                    m=rng.randint(0, 59),
                    name=rng.choice(NAMES),
                    subject=rng.choice(SUBJECTS),
                    game=rng.choice(GAMES),
                    day=rng.choice(DAYS),
                    a=rng.randint(0, 9),
                    b=rng.randint(0, 9),
                    c=rng.randint(10, 50),
                    n=rng.randint(2, 12),
                )
            )
    return out


def shield_pairs(text: str, previous: str = "") -> list[Pair]:
    return [(f.kind, f.normalized) for f in recognize(text, context=previous)]


def shield_alone(text: str, previous: str = "") -> list[Pair]:
    return [(f.kind, f.normalized) for f in recognize(text)]


PRESIDIO_KINDS = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "URL": "url",
    "CRYPTO": "crypto_wallet",
    "IBAN_CODE": "iban",
}


def presidio_analyzer() -> tuple[object | None, str]:
    """Presidio's AnalyzerEngine on a blank spaCy pipeline, or None and the reason."""
    try:  # optional: the bench dependency group
        import spacy  # noqa: PLC0415
        import tldextract  # noqa: PLC0415
        from presidio_analyzer import AnalyzerEngine  # noqa: PLC0415
        from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: PLC0415
    except ImportError as error:
        return None, f"Presidio is not installed ({error}); run with `uv run --group bench`"
    # tldextract would fetch the public suffix list over the network; use its bundled copy.
    offline = tldextract.TLDExtract(suffix_list_urls=())
    tldextract.extract = offline
    tldextract.tldextract.TLD_EXTRACTOR = offline

    class BlankEnglish(SpacyNlpEngine):
        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

    engine = BlankEnglish(models=[{"lang_code": "en", "model_name": "blank"}])
    engine.load()
    about = (
        f"presidio-analyzer {version('presidio-analyzer')}, spaCy {spacy.__version__} blank('en')"
    )
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"]), about


def presidio_extract(analyzer: object) -> Callable[[str, str], Iterable[Pair]]:
    entities = list(PRESIDIO_KINDS)

    def extract(text: str, previous: str = "") -> list[Pair]:
        pairs = []
        for result in analyzer.analyze(text, language="en", entities=entities):  # type: ignore[attr-defined]
            kind = PRESIDIO_KINDS[result.entity_type]
            raw = text[result.start : result.end]
            try:
                value = normalize(kind, raw)
            except InvalidIdentifier:
                value = raw.lower()
            pairs.append((kind, value))
        return pairs

    return extract


def forgetful(text: str) -> object:
    """recognize, forgetting every remembered validation after each message: the rate when no
    identifier is ever seen twice."""
    found = recognize(text)
    for cached in VALIDATION_CACHES:
        cached.cache_clear()
    return found


def rate(function: Callable[[str], object], texts: list[str]) -> float:
    """Messages per second of this process's CPU time (the machine may be shared: wall time
    would count the time other processes hold the cores)."""
    start = time.process_time()
    for text in texts:
        function(text)
    return len(texts) / max(time.process_time() - start, 1e-9)


def throughput(texts: list[str], analyzer: object | None, presidio_messages: int) -> None:
    warm = [m for c in load("dev") for m in c.messages]  # loads phone metadata, compiles patterns
    for text in warm:
        recognize(text)
    shield_rate = rate(recognize, texts)
    rows = [("shield recognize (whole stream)", len(texts), shield_rate)]
    ratio = forgetting = None
    if analyzer is not None:
        analyze = presidio_extract(analyzer)
        for text in warm:
            analyze(text)
        # The same messages through both tools, block by block, so that load from other
        # processes on the machine falls on both alike.
        sample = texts[:presidio_messages]
        shield_seconds = presidio_seconds = forgetful_seconds = 0.0
        for i in range(0, len(sample), 250):
            block = sample[i : i + 250]
            shield_seconds += len(block) / rate(recognize, block)
            presidio_seconds += len(block) / rate(analyze, block)
        for i in range(0, len(sample), 250):  # after: forgetting spoils what the stream taught
            block = sample[i : i + 250]
            forgetful_seconds += len(block) / rate(forgetful, block)
            rate(analyze, block)  # as above, Presidio between blocks
        rows.append(("shield recognize (sample)", len(sample), len(sample) / shield_seconds))
        rows.append(("shield, nothing remembered", len(sample), len(sample) / forgetful_seconds))
        rows.append(("presidio analyze (sample)", len(sample), len(sample) / presidio_seconds))
        ratio = presidio_seconds / shield_seconds
        forgetting = presidio_seconds / forgetful_seconds
    print(f"{'tool':<32}{'messages':>10}{'msg/s':>12}")
    for name, count, per_second in rows:
        print(f"{name:<32}{count:>10}{per_second:>12,.0f}")
    if ratio is not None and forgetting is not None:
        print(f"throughput ratio shield / presidio on the same sample: {ratio:.1f}x")
        print(f"the same, shield remembering no validation: {forgetting:.1f}x")
    else:
        print("throughput ratio: not measured (Presidio unavailable)")


def accuracy(analyzer: object | None) -> None:
    tools: list[tuple[str, Callable[[str, str], Iterable[Pair]]]] = [
        ("shield (with previous message)", shield_pairs),
        ("shield (message alone)", shield_alone),
    ]
    if analyzer is not None:
        tools.append(("presidio", presidio_extract(analyzer)))
    print("\nprecision / recall over every identifier kind (kind + normalized value):")
    print(f"{'tool':<32}" + "".join(f"{split + ' P':>12}{split + ' R':>12}" for split in SPLITS))
    for name, extract in tools:
        cells = []
        for split in SPLITS:
            p, r, _ = score(load(split), extract).pr()
            cells.append(f"{p:>12.3f}{r:>12.3f}")
        print(f"{name:<32}" + "".join(cells))
    if analyzer is not None:
        print("\nonly the kinds Presidio has (email, phone, url, crypto_wallet, iban):")
        shared = set(PRESIDIO_KINDS.values())
        for name, extract in tools:
            cells = []
            for split in SPLITS:
                conversations = [
                    c.__class__(
                        c.id, c.messages, frozenset(x for x in c.expected if x[0] in shared)
                    )
                    for c in load(split)
                ]
                result = score(
                    conversations, lambda t, p, e=extract: [x for x in e(t, p) if x[0] in shared]
                )
                precision, recall, _ = result.pr()
                cells.append(f"{precision:>12.3f}{recall:>12.3f}")
            print(f"{name:<32}" + "".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--presidio-messages", type=int, default=2_000)
    args = parser.parse_args()
    texts = stream(args.messages)
    analyzer, about = presidio_analyzer()
    print(f"anchor: {about}")
    print(f"stream: {len(texts)} synthetic chat messages, one in ten from the development set\n")

    throughput(texts, analyzer, args.presidio_messages)
    accuracy(analyzer)


if __name__ == "__main__":
    main()

"""What to do now: an ordered action plan from a rulebook (data) and a person's answers.

The rulebook is data a helpline can edit (services per country, and the ordered steps with
the conditions under which each applies); this module holds no advice text of its own. It is
pure: no I/O, no framework. The file format and its loading live in an adapter.

Answers are tri-state ("yes", "no", "unknown"); age is a number or unknown. When something is
unknown the plan errs on the side of safety: an unknown age gets both the services for
under-18s and those for adults, each labelled with who it is for.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from shield.core.errors import BadInput
from shield.core.unsafe_advice import unsafe_advice

UNDER_18 = "under-18"
ADULT = "adult"
ANY_AGE = "any"
UNKNOWN = "unknown"

AGE_BANDS: tuple[str, ...] = (UNDER_18, ADULT, UNKNOWN)
ELIGIBILITY: tuple[str, ...] = (UNDER_18, ADULT, ANY_AGE)
ANSWERS: tuple[str, ...] = ("yes", "no", UNKNOWN)

# Roles a service can play; steps ask for roles, the country's services fill them.
ROLES: tuple[str, ...] = (
    "crisis",  # listens now, day or night: urgent help
    "emergency",  # the emergency number itself
    "police",  # report the crime
    "child_report",  # national reporting line for the exploitation of under-18s
    "child_removal",  # takes down or blocks images of under-18s
    "adult_support",  # helpline for adults whose images are shared or threatened
    "adult_removal",  # blocks images of adults from spreading
    "support",  # someone to talk to, not in crisis
)

# Text may say {emergency} (the number to call in danger) or {country} (the country's name).
PLACEHOLDERS = frozenset({"emergency", "country"})

# The rulebook's entry for everywhere it has no list of its own.
ELSEWHERE = "INTL"

COUNTRY_ALIASES = {"UK": "GB", "EN": "GB"}

MAX_AGE = 120


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str  # the words to put after "call": "999", "your local emergency number"


@dataclass(frozen=True)
class Service:
    id: str
    country: str
    name: str
    does: str
    roles: tuple[str, ...]
    ages: str  # one of ELIGIBILITY
    who: str
    checked: date
    source: str
    phone: str | None = None
    sms: str | None = None
    url: str | None = None
    hours: str | None = None

    def serves(self, band: str) -> bool:
        return band == UNKNOWN or self.ages in (ANY_AGE, band)

    def contact(self) -> str:
        """How to reach it, in a few words: "call 0800 1111, or go to childline.org.uk"."""
        ways = []
        if self.phone:
            ways.append(f"call {self.phone}")
        if self.sms:
            ways.append(f"text {self.sms}")
        if self.url:
            ways.append(f"go to {self.url}")
        return ", or ".join(ways)


@dataclass(frozen=True)
class When:
    """Conditions on the answers; None means "any". Sets list the values that match."""

    ages: frozenset[str] | None = None
    paid: frozenset[str] | None = None
    shared: frozenset[str] | None = None
    in_contact: frozenset[str] | None = None
    urgent: bool | None = None
    sextortion: bool | None = None
    supported: bool | None = None

    def holds(self, answers: Answers, band: str, supported: bool) -> bool:
        checks: tuple[tuple[frozenset[str] | None, str], ...] = (
            (self.ages, band),
            (self.paid, answers.paid),
            (self.shared, answers.shared),
            (self.in_contact, answers.in_contact),
        )
        if any(allowed is not None and value not in allowed for allowed, value in checks):
            return False
        flags = (
            (self.urgent, answers.urgent),
            (self.sextortion, answers.sextortion),
            (self.supported, supported),
        )
        return all(want is None or want == have for want, have in flags)


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    why: str
    when: When = field(default_factory=When)
    roles: tuple[str, ...] = ()
    core: bool = False  # also shown as a short advice line by `shield check`
    sources: tuple[str, ...] = ()
    checked: date | None = None


@dataclass(frozen=True)
class Answers:
    age: int | None = None
    country: str = "GB"
    paid: str = UNKNOWN
    shared: str = UNKNOWN
    in_contact: str = UNKNOWN
    urgent: bool = False
    sextortion: bool = True

    def __post_init__(self) -> None:
        if self.age is not None and not 0 <= self.age <= MAX_AGE:
            raise BadInput(f"age must be between 0 and {MAX_AGE}, not {self.age}")
        for name in ("paid", "shared", "in_contact"):
            value = getattr(self, name)
            if value not in ANSWERS:
                raise BadInput(f"{name} must be one of yes, no, unknown, not {value!r}")

    @property
    def band(self) -> str:
        if self.age is None:
            return UNKNOWN
        return UNDER_18 if self.age < 18 else ADULT


@dataclass(frozen=True)
class PlanStep:
    id: str
    text: str
    why: str
    services: tuple[Service, ...]
    core: bool
    crisis: bool = False  # the urgent step: its crisis lines are never cut short


@dataclass(frozen=True)
class Plan:
    steps: tuple[PlanStep, ...]
    urgent: bool
    country: Country
    supported: bool
    age_band: str

    @property
    def services(self) -> tuple[Service, ...]:
        """Every service the steps name, once, in order of first mention."""
        seen: dict[str, Service] = {}
        for step in self.steps:
            for service in step.services:
                seen.setdefault(service.id, service)
        return tuple(seen.values())


def normalize_country(code: str) -> str:
    value = code.strip().upper()
    value = COUNTRY_ALIASES.get(value, value)
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise BadInput(f"country must be a two-letter code such as GB, not {code[:20]!r}")
    return value


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@dataclass(frozen=True)
class Rulebook:
    countries: Mapping[str, Country]
    services: tuple[Service, ...]
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValueError(problems[0])

    def problems(self) -> list[str]:
        """What makes this rulebook unsafe or incomplete, one line each (empty when sound)."""
        out: list[str] = []
        if ELSEWHERE not in self.countries:
            out.append(f"countries: no {ELSEWHERE} entry for countries without their own list")
        out += _duplicates("service", [s.id for s in self.services])
        out += _duplicates("step", [s.id for s in self.steps])
        for s in self.services:
            if s.country not in self.countries:
                out.append(f"service {s.id}: unknown country {s.country}")
            if not (s.phone or s.sms or s.url):
                out.append(f"service {s.id}: no phone, text number or url")
        for code in self.countries:
            out += self._coverage(code)
        for step in self.steps:
            for text in (step.text, step.why):
                unknown = placeholders(text) - PLACEHOLDERS
                if unknown:
                    out.append(f"step {step.id}: unknown placeholder {{{sorted(unknown)[0]}}}")
        out += self._unsafe()
        urgent_first = [s for s in self.steps if s.when.urgent is True]
        if not urgent_first or self.steps[0] is not urgent_first[0]:
            out.append("steps: the first step must be the urgent crisis step")
        elif "crisis" not in self.steps[0].roles:
            out.append(f"step {self.steps[0].id}: the urgent step must list the crisis role")
        return out

    def _coverage(self, code: str) -> list[str]:
        mine = [s for s in self.services if s.country == code]
        out = []
        for band, roles in (
            (UNDER_18, ("crisis", "child_report", "child_removal")),
            (ADULT, ("crisis", "police")),
        ):
            for role in roles:
                if not any(role in s.roles and s.serves(band) for s in mine):
                    out.append(f"country {code}: no {role} service for {band}")
        return out

    def _unsafe(self) -> list[str]:
        out = []
        texts = [(f"step {s.id}", t) for s in self.steps for t in (s.text, s.why)]
        texts += [(f"service {s.id}", s.does) for s in self.services]
        for where, text in texts:
            for bad in unsafe_advice(text):
                out.append(f"{where}: advice to {bad.harm}: {bad.clause!r}")
        return out

    def country(self, code: str) -> tuple[Country, bool]:
        """The country's entry, and whether it has its own list (else the INTL entry)."""
        value = normalize_country(code)
        if value in self.countries and value != ELSEWHERE:
            return self.countries[value], True
        return self.countries[ELSEWHERE], False

    def services_for(self, code: str, role: str, band: str) -> tuple[Service, ...]:
        return tuple(
            s for s in self.services if s.country == code and role in s.roles and s.serves(band)
        )


def _duplicates(kind: str, ids: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for i in ids:
        if i in seen:
            out.append(f"{kind} {i}: defined twice")
        seen.add(i)
    return out


def _fill(text: str, country: Country) -> str:
    return text.format_map({"emergency": country.emergency, "country": country.name})


def plan(rulebook: Rulebook, answers: Answers) -> Plan:
    """The ordered steps that apply to these answers, each with the services it names."""
    country, supported = rulebook.country(answers.country)
    band = answers.band
    steps = []
    for step in rulebook.steps:
        if not step.when.holds(answers, band, supported):
            continue
        services: list[Service] = []
        for role in step.roles:
            for service in rulebook.services_for(country.code, role, band):
                if service not in services:
                    services.append(service)
        steps.append(
            PlanStep(
                id=step.id,
                text=_fill(step.text, country),
                why=_fill(step.why, country),
                services=tuple(services),
                core=step.core,
                crisis=step.when.urgent is True,
            )
        )
    return Plan(
        steps=tuple(steps),
        urgent=answers.urgent,
        country=country,
        supported=supported,
        age_band=band,
    )


SHORT_SERVICES = 2


def advice_lines(result: Plan, *, core_only: bool = True) -> list[str]:
    """Short lines for a one-screen answer: each step's text, then how to reach its services.

    With ``core_only`` (what `shield check` shows) only the core steps appear, each with at
    most its first two services, except the urgent step, whose crisis lines all appear.
    """
    lines: list[str] = []
    for step in result.steps:
        if core_only and not step.core:
            continue
        lines.append(step.text)
        shown = step.services
        if core_only and not step.crisis:
            shown = shown[:SHORT_SERVICES]
        for service in shown:
            who = f" ({service.who})" if service.ages != ANY_AGE else ""
            lines.append(f"{service.name}{who}: {service.contact()}.")
    return lines

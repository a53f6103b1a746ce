"""The guidance file: YAML on disk, validated with pydantic, turned into a core Rulebook.

The default file ships inside the package (``shield/data/guidance.yaml``); a helpline points
``SHIELD_GUIDANCE_FILE`` at its own edited copy. Anything wrong with the file (unreadable,
not YAML, a missing field, an unknown role, a service a country lacks, advice to pay or to
delete) is one line: the file's path and the first problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from shield.core.errors import InvalidGuidance
from shield.core.guidance import (
    ANSWERS,
    ELSEWHERE,
    ROLES,
    Country,
    Rulebook,
    Service,
    Step,
    When,
)

MAX_FILE_BYTES = 2_000_000

Text = Annotated[str, Field(min_length=1, max_length=400)]
Answer = Literal["yes", "no", "unknown"]
Band = Literal["under-18", "adult", "unknown"]
Role = Literal[
    "crisis",
    "emergency",
    "police",
    "child_report",
    "child_removal",
    "adult_support",
    "adult_removal",
    "support",
]
assert set(Role.__args__) == set(ROLES)  # type: ignore[attr-defined]
assert set(Answer.__args__) == set(ANSWERS)  # type: ignore[attr-defined]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountryEntry(_Strict):
    name: Text
    emergency: Text


class ServiceEntry(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
    country: Annotated[str, Field(pattern=r"^(?:[A-Z]{2}|INTL)$")]
    name: Text
    does: Text
    roles: Annotated[list[Role], Field(min_length=1)]
    ages: Literal["under-18", "adult", "any"]
    who: Text
    phone: Text | None = None
    sms: Text | None = None
    url: Text | None = None
    hours: Text | None = None
    source: Text
    checked: date


class WhenEntry(_Strict):
    ages: list[Band] | None = None
    paid: list[Answer] | None = None
    shared: list[Answer] | None = None
    in_contact: list[Answer] | None = None
    urgent: bool | None = None
    sextortion: bool | None = None
    supported: bool | None = None

    @field_validator("paid", "shared", "in_contact", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: Any) -> Any:
        """YAML reads a bare yes / no as true / false; take them back as answers."""
        if isinstance(value, list):
            return [
                {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v for v in value
            ]
        return value


class StepEntry(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
    text: Text
    why: Text
    when: WhenEntry = WhenEntry()
    roles: list[Role] = []
    core: bool = False
    sources: list[Text] = []
    checked: date | None = None


class GuidanceFile(_Strict):
    version: Literal[1]
    countries: dict[str, CountryEntry]
    services: Annotated[list[ServiceEntry], Field(min_length=1)]
    steps: Annotated[list[StepEntry], Field(min_length=1)]

    @field_validator("countries")
    @classmethod
    def _codes(cls, value: dict[str, CountryEntry]) -> dict[str, CountryEntry]:
        for code in value:
            if code != ELSEWHERE and not (len(code) == 2 and code.isalpha() and code.isupper()):
                raise ValueError(f"country code {code!r} is not two capital letters or INTL")
        return value

    def rulebook(self) -> Rulebook:
        def _set(values: Sequence[str] | None) -> frozenset[str] | None:
            return None if values is None else frozenset(values)

        return Rulebook(
            countries={
                code: Country(code=code, name=c.name, emergency=c.emergency)
                for code, c in self.countries.items()
            },
            services=tuple(
                Service(
                    id=s.id,
                    country=s.country,
                    name=s.name,
                    does=s.does,
                    roles=tuple(s.roles),
                    ages=s.ages,
                    who=s.who,
                    checked=s.checked,
                    source=s.source,
                    phone=s.phone,
                    sms=s.sms,
                    url=s.url,
                    hours=s.hours,
                )
                for s in self.services
            ),
            steps=tuple(
                Step(
                    id=s.id,
                    text=s.text,
                    why=s.why,
                    when=When(
                        ages=_set(s.when.ages),
                        paid=_set(s.when.paid),
                        shared=_set(s.when.shared),
                        in_contact=_set(s.when.in_contact),
                        urgent=s.when.urgent,
                        sextortion=s.when.sextortion,
                        supported=s.when.supported,
                    ),
                    roles=tuple(s.roles),
                    core=s.core,
                    sources=tuple(s.sources),
                    checked=s.checked,
                )
                for s in self.steps
            ),
        )


class _PlainLoader(yaml.SafeLoader):
    """Safe YAML without aliases: a guidance file never needs them, and a file of nested
    aliases ("billion laughs") would otherwise cost exponential time to validate."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", self.get_mark()
            )
        return super().compose_node(parent, index)


def default_guidance_path() -> Path:
    """The guidance file that ships inside the package."""
    return Path(str(resources.files("shield").joinpath("data", "guidance.yaml")))


def _first_error(error: ValidationError) -> str:
    first: dict[str, Any] = dict(error.errors()[0])
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg"))


def parse_guidance(text: str, *, path: str) -> Rulebook:
    """Validate the text of a guidance file; raise InvalidGuidance naming ``path``."""
    try:
        document = yaml.load(text, Loader=_PlainLoader)  # noqa: S506 (a SafeLoader subclass)
    except RecursionError:
        raise InvalidGuidance("nested too deeply", path=path) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "not valid YAML"
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise InvalidGuidance(f"{where}{problem}", path=path) from None
    if not isinstance(document, dict):
        raise InvalidGuidance("not a guidance file (expected a mapping at the top)", path=path)
    try:
        parsed = GuidanceFile.model_validate(document)
        return parsed.rulebook()
    except ValidationError as error:
        raise InvalidGuidance(_first_error(error), path=path) from None
    except ValueError as error:  # the rulebook's own checks: coverage, safety, order
        raise InvalidGuidance(str(error), path=path) from None


def load_guidance(path: Path | None = None) -> Rulebook:
    """Read and validate a guidance file (the shipped one when ``path`` is None)."""
    target = path or default_guidance_path()
    try:
        size = target.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidGuidance(
                f"file is {size} bytes; a guidance file is at most {MAX_FILE_BYTES}",
                path=str(target),
            )
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidGuidance("no such file", path=str(target)) from None
    except IsADirectoryError:
        raise InvalidGuidance("is a folder, not a file", path=str(target)) from None
    except UnicodeDecodeError:
        raise InvalidGuidance("not UTF-8 text", path=str(target)) from None
    except OSError as error:
        raise InvalidGuidance(f"cannot read: {error.strerror}", path=str(target)) from None
    return parse_guidance(text, path=str(target))

"""`shield advise`: what to do now, as an ordered plan for someone's age, country and situation.

With no answer flags it asks a few short questions. Questions go to standard error, so
``--json`` output stays one clean document; answers may be typed or piped on standard input.
With no terminal and nothing on standard input it asks nothing and gives the general plan.
"""

from __future__ import annotations

import io
import select
import sys
from collections.abc import Callable
from typing import Any, TextIO

import click

from shield.cli.context import guidance
from shield.cli.render import emit_json
from shield.core.errors import BadInput
from shield.core.guidance import ANY_AGE, MAX_AGE, UNKNOWN, Answers, Plan, normalize_country
from shield.schemas import AdvicePlanOut
from shield.settings import Settings

YES = frozenset({"y", "yes", "yeah", "yep", "true"})
NO = frozenset({"n", "no", "nope", "false"})
NOT_SURE = frozenset({"", "?", "not sure", "unsure", "don't know", "dont know", "skip", "dk"})

# How long to wait for piped answers before deciding nothing is coming.
PIPE_WAIT_SECONDS = 1.0

yes_no = click.Choice(["yes", "no"], case_sensitive=False)


def _answer(raw: str) -> str:
    value = raw.strip().lower()
    if value in YES:
        return "yes"
    if value in NO:
        return "no"
    if value in NOT_SURE:
        return UNKNOWN
    raise click.UsageError("please answer yes, no, or press Enter if you are not sure")


def _age(raw: str) -> int | None:
    value = raw.strip()
    if not value or value.lower() in NOT_SURE:
        return None
    if not value.isdigit() or int(value) > MAX_AGE:
        raise click.UsageError("please type your age as a number, or press Enter to skip")
    return int(value)


def _country(raw: str) -> str:
    if not raw.strip():
        return ""
    try:
        return normalize_country(raw)
    except BadInput:
        raise click.UsageError(
            "please type a two-letter code such as GB, IE, US, CA or AU"
        ) from None


def stdin_mode(stream: TextIO | None) -> str:
    """'tty' (a person typing), 'piped' (answers are coming) or 'none' (ask nothing)."""
    if stream is None or stream.closed:
        return "none"
    try:
        if stream.isatty():
            return "tty"
        fd = stream.fileno()
    except (io.UnsupportedOperation, AttributeError):
        return "piped"  # an in-memory stream: it cannot block
    except (OSError, ValueError):
        return "none"
    try:
        ready, _, _ = select.select([fd], [], [], PIPE_WAIT_SECONDS)
    except (OSError, ValueError):
        return "none"
    return "piped" if ready else "none"


def _ask_person(text: str, proc: Callable[[str], Any]) -> Any:
    """Ask on the terminal; a wrong answer is explained and asked again."""
    return click.prompt(text, default="", show_default=False, value_proc=proc, err=True)


def _read_piped(stream: TextIO, proc: Callable[[str], Any]) -> Any:
    """One piped line per question; a line that does not fit counts as "not sure"."""
    line = stream.readline()
    if not line:
        raise EOFError
    try:
        return proc(line[:200])
    except click.UsageError:
        return None


def questionnaire(default_country: str, *, stream: TextIO | None = None) -> Answers:
    """A few short questions; any not answered stay unknown. With ``stream``, the answers
    are read from it one line each, without prompts."""
    found: dict[str, Any] = {"country": default_country}
    questions: list[tuple[str, str, Callable[[str], Any]]] = [
        ("urgent", "Are you in danger, or do you feel you might hurt yourself? [yes/no]", _answer),
        ("age", "How old are you? (press Enter to skip)", _age),
        ("country", f"Which country are you in? [{default_country}]", _country),
        ("paid", "Have you paid them anything? [yes/no/not sure]", _answer),
        ("shared", "Have they shared any photos or videos yet? [yes/no/not sure]", _answer),
        ("in_contact", "Are you still talking to them? [yes/no/not sure]", _answer),
    ]
    if stream is None:
        click.echo("A few quick questions. Press Enter to skip any of them.", err=True)
    for key, text, proc in questions:
        try:
            value = _read_piped(stream, proc) if stream else _ask_person(text, proc)
        except EOFError:
            break
        if value not in (None, ""):
            found[key] = value
    urgent = found.pop("urgent", UNKNOWN) == "yes"
    return Answers(urgent=urgent, **found)


def render(plan: Plan) -> None:
    band = {"under-18": "under 18", "adult": "18 or over", UNKNOWN: "age not given"}
    click.echo(f"What to do now ({plan.country.name}, {band[plan.age_band]})")
    click.echo("")
    for number, step in enumerate(plan.steps, start=1):
        click.echo(f"{number:>2}. {step.text}")
        click.echo(f"    Why: {step.why}")
        for s in step.services:
            who = f" ({s.who})" if s.ages != ANY_AGE else ""
            hours = f" Open {s.hours}." if s.hours else ""
            click.echo(f"    - {s.name}{who}: {s.contact()}.{hours}")
        click.echo("")


@click.command()
@click.option("--age", type=click.IntRange(0, MAX_AGE), help="Your age in years.")
@click.option("--country", help="Two-letter country code, e.g. GB, IE, US, CA, AU.")
@click.option("--paid", type=yes_no, help="Have you paid them anything?")
@click.option("--shared", type=yes_no, help="Have they shared any photos or videos yet?")
@click.option("--in-contact", "in_contact", type=yes_no, help="Are you still talking to them?")
@click.option("--urgent", is_flag=True, help="You are in danger, or feel you might hurt yourself.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.pass_context
def advise(
    ctx: click.Context,
    *,
    age: int | None,
    country: str | None,
    paid: str | None,
    shared: str | None,
    in_contact: str | None,
    urgent: bool,
    as_json: bool,
) -> None:
    """What to do now: an ordered plan, and who to contact for your age and country."""
    service = guidance(ctx)
    default_country = Settings().region
    given = (age, country, paid, shared, in_contact)
    if all(v is None for v in given) and not urgent:
        stdin = sys.stdin
        mode = stdin_mode(stdin)
        if mode == "none":
            answers = Answers(country=default_country)
        else:
            answers = questionnaire(default_country, stream=stdin if mode == "piped" else None)
    else:
        answers = Answers(
            age=age,
            country=country or default_country,
            paid=(paid or UNKNOWN).lower(),
            shared=(shared or UNKNOWN).lower(),
            in_contact=(in_contact or UNKNOWN).lower(),
            urgent=urgent,
        )
    plan = service.plan(answers)
    if as_json:
        emit_json(AdvicePlanOut.of(plan))
    else:
        render(plan)

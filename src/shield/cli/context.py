"""The running application for a command, built once and only when a command needs it."""

from __future__ import annotations

from typing import Any

import click

from shield.bootstrap import Shield, build, build_guidance
from shield.services.guidance import GuidanceService
from shield.settings import Settings


def app(ctx: click.Context) -> Shield:
    root = ctx.find_root()
    root.ensure_object(dict)
    state: dict[str, Any] = root.obj
    if "shield" not in state:
        shield = build()
        state["shield"] = shield
        root.call_on_close(shield.close)
    result: Shield = state["shield"]
    return result


def guidance(ctx: click.Context) -> GuidanceService:
    """The guidance service alone: advice needs no store or vault, so none is opened."""
    root = ctx.find_root()
    root.ensure_object(dict)
    state: dict[str, Any] = root.obj
    if "shield" in state:
        built: Shield = state["shield"]
        return built.guidance
    if "guidance" not in state:
        state["guidance"] = build_guidance(Settings())
    result: GuidanceService = state["guidance"]
    return result

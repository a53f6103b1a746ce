"""The running application for a command, built once and only when a command needs it."""

from __future__ import annotations

from typing import Any

import click

from shield.bootstrap import Shield, build


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

"""Public pages and endpoints for the person targeted: check a message, get a plan.

No account, no token: a frightened person must not be asked to sign up. Nothing they type is
stored or logged; the text is assessed in memory and forgotten. The JSON endpoints answer with
the same schemas as `shield check --json` and `shield advise --json`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from shield.bootstrap import Shield
from shield.core.guidance import Answers
from shield.schemas import AdvicePlanOut, CheckOut

MAX_TEXT = 20_000

Answer = Literal["yes", "no", "unknown"]


class CheckIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    country: str | None = Field(default=None, min_length=2, max_length=2)
    age: int | None = Field(default=None, ge=0, le=120)


class AdviseIn(BaseModel):
    age: int | None = Field(default=None, ge=0, le=120)
    country: str | None = Field(default=None, min_length=2, max_length=2)
    paid: Answer = "unknown"
    shared: Answer = "unknown"
    in_contact: Answer = "unknown"
    urgent: bool = False


def victim_routes(shield: Shield, templates: Jinja2Templates) -> APIRouter:
    router = APIRouter()
    region = shield.settings.region

    def checked(text: str, country: str | None, age: int | None) -> CheckOut:
        result = shield.checker.check(text, country=(country or region).upper(), age=age)
        return CheckOut.of(result)

    @router.post("/api/check", response_model=CheckOut, tags=["public"])
    def api_check(body: CheckIn) -> CheckOut:
        """Is this message or stretch of conversation sextortion, and what to do now.
        Public; nothing sent is stored."""
        return checked(body.text, body.country, body.age)

    @router.post("/api/advise", response_model=AdvicePlanOut, tags=["public"])
    def api_advise(body: AdviseIn) -> AdvicePlanOut:
        """An ordered action plan and the services for this age and country. Public."""
        answers = Answers(
            age=body.age,
            country=(body.country or region).upper(),
            paid=body.paid,
            shared=body.shared,
            in_contact=body.in_contact,
            urgent=body.urgent,
        )
        return AdvicePlanOut.of(shield.guidance.plan(answers))

    @router.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_page(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "check.html", {"result": None, "text": ""})

    @router.post("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_form(
        request: Request,
        text: Annotated[str, Form(max_length=MAX_TEXT)],
        age: Annotated[str, Form()] = "",
    ) -> HTMLResponse:
        years = int(age) if age.strip().isdigit() and int(age) <= 120 else None
        result = checked(text, None, years) if text.strip() else None
        return templates.TemplateResponse(
            request, "check.html", {"result": result, "text": text, "age": age}
        )

    return router

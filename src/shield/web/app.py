"""The FastAPI application: pages and JSON API over the same services.

Every error leaves as ``{"error": {"code", "message"}}`` with a 4xx (or 500 for a bug, with no
stack trace), whether it is ours, a validation failure or a route that does not exist.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from shield import __version__
from shield.bootstrap import Shield
from shield.core.errors import ShieldError
from shield.schemas import ErrorEnvelope, Health, OverviewOut
from shield.web.victim import victim_routes

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
log = logging.getLogger("shield.web")

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


def envelope(status: int, code: str, message: str) -> JSONResponse:
    body = ErrorEnvelope.model_validate({"error": {"code": code, "message": message}})
    return JSONResponse(body.model_dump(), status_code=status)


def create_app(shield: Shield) -> FastAPI:
    app = FastAPI(
        title="Shield",
        version=__version__,
        description="Sextortion response: guidance, evidence, linked reports, photo matching.",
        responses={400: {"model": ErrorEnvelope}, 404: {"model": ErrorEnvelope}},
    )
    app.state.shield = shield

    @app.exception_handler(ShieldError)
    async def _shield_error(_: Request, exc: ShieldError) -> JSONResponse:
        return envelope(exc.http_status, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid request')}" if where else "invalid request"
        return envelope(422, "invalid_request", message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return envelope(exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def _bug(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error: %s: %s", exc.__class__.__name__, exc)
        return envelope(500, "internal_error", "something went wrong on our side")

    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz() -> Health:
        return Health()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def start(request: Request) -> HTMLResponse:
        overview = OverviewOut.of(shield.reports.overview())
        return TEMPLATES.TemplateResponse(
            request, "start.html", {"overview": overview, "version": __version__}
        )

    app.include_router(victim_routes(shield, TEMPLATES))
    return app

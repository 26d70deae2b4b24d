"""How the HTTP edge answers errors: domain errors by `bot.errors`' table, the rest a generic 500."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from bot.errors import HTTP_STATUS, http_status, retry_after

log = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI) -> None:
    """Map every domain error, validation error and stray exception to a JSON answer."""
    for error_class, _ in HTTP_STATUS:
        app.add_exception_handler(error_class, _error_response)
    app.add_exception_handler(RequestValidationError, _validation_response)
    app.add_exception_handler(HTTPException, _http_error_response)  # 404, 405, unparsable body
    app.add_exception_handler(Exception, _error_response)  # anything else: logged, generic 500


def error_json(status: int, message: str, kind: str) -> JSONResponse:
    """The one error body: {"error": message, "kind": kind}."""
    return JSONResponse({"error": message, "kind": kind}, status_code=status)


def first_problem(error: Exception) -> str:
    """One readable line for a validation error: "message: field required"."""
    problems = error.errors() if hasattr(error, "errors") else []
    if not problems:
        return str(error)
    first = problems[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    if first.get("type") == "json_invalid":
        return "the request body is not valid JSON"
    return f"{where}: {first.get('msg', 'invalid')}" if where else first.get("msg", "invalid")


def count_error(request: Request, kind: str, status: int) -> None:
    """Count a failed request in the service's metrics (none before start-up finishes)."""
    dialogue = getattr(request.app.state, "dialogue", None)
    if dialogue is not None:
        dialogue.metrics.error(kind, status)


async def _error_response(request: Request, exc: Exception) -> JSONResponse:
    status = http_status(exc)
    count_error(request, type(exc).__name__, status or 500)
    if status is None:
        log.exception("request %s %s failed", request.method, request.url.path)
        return error_json(500, "internal error", "InternalError")
    response = error_json(status, str(exc), type(exc).__name__)
    wait = retry_after(exc)
    if wait is not None:  # busy or Redis away: the same request will work later
        response.headers["Retry-After"] = str(wait)
    return response


async def _http_error_response(request: Request, exc: HTTPException) -> JSONResponse:
    kind = HTTPStatus(exc.status_code).phrase.replace(" ", "").replace("-", "")
    count_error(request, kind, exc.status_code)
    response = error_json(exc.status_code, str(exc.detail), kind)
    response.headers.update(exc.headers or {})
    if exc.status_code == 405:
        # Starlette names the methods of the first route on the path only; a path served by
        # two routes (a webhook's GET handshake and POST) must list both.
        response.headers["Allow"] = ", ".join(allowed_methods(request))
    return response


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of the app answers on the request's path (asked of the router
    itself, so included routers are searched the way requests are)."""
    methods = []
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            methods.append(method)
    return methods


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


async def _validation_response(request: Request, exc: RequestValidationError) -> JSONResponse:
    status = 422 if exc.errors() and exc.errors()[0].get("type") != "json_invalid" else 400
    count_error(request, "InvalidRequest", status)
    return error_json(status, first_problem(exc), "InvalidRequest")

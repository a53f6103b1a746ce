"""The server: health, start page, OpenAPI, and the error envelope for every error."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from shield.bootstrap import Shield
from shield.core.errors import NotFound
from shield.settings import is_loopback
from shield.web.app import create_app


@pytest.fixture
def client(sqlite_shield: Shield) -> TestClient:
    return TestClient(create_app(sqlite_shield), raise_server_exceptions=False)


def test_health_start_page_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "Do not pay" in page.text and "0 report(s)" in page.text
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "Shield" and "/healthz" in spec["paths"]


def test_unknown_route_and_wrong_method_use_the_envelope(client: TestClient) -> None:
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "not_found", "message": "Not Found"}}
    wrong = client.post("/healthz")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"


def test_validation_errors_and_shield_errors_and_bugs_use_the_envelope(
    sqlite_shield: Shield,
) -> None:
    app = create_app(sqlite_shield)

    @app.get("/probe/{number}")
    def probe(number: int) -> dict[str, int]:
        if number == 404:
            raise NotFound("no report 404")
        if number == 500:
            raise RuntimeError("secret internals /etc/passwd")
        return {"number": number}

    client = TestClient(app, raise_server_exceptions=False)
    invalid = client.get("/probe/not-a-number")
    assert invalid.status_code == 422
    assert invalid.json()["error"]["code"] == "invalid_request"
    assert "number" in invalid.json()["error"]["message"]
    ours = client.get("/probe/404")
    assert ours.status_code == 404
    assert ours.json() == {"error": {"code": "not_found", "message": "no report 404"}}
    bug = client.get("/probe/500")
    assert bug.status_code == 500
    assert bug.json()["error"]["code"] == "internal_error"
    assert "passwd" not in bug.text and "Traceback" not in bug.text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def serve(data: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "SHIELD_DATA_DIR": str(data)}
    env.pop("SHIELD_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "shield.cli.main", "serve", "--port", str(port), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "server died")
        try:
            if get(base + "/healthz")[0] == 200:
                return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("server did not come up")


@pytest.mark.slow
def test_serve_demo_fills_an_empty_store_and_only_with_demo(tmp_path: Path) -> None:
    plain, base = serve(tmp_path / "plain")
    try:
        assert "0 report(s)" in get(base + "/")[1]
    finally:
        plain.terminate()
        plain.wait(10)
    demo, base = serve(tmp_path / "demo", "--demo")
    try:
        status, health = get(base + "/healthz")
        assert status == 200 and json.loads(health) == {"status": "ok"}
        page = get(base + "/")[1]
        assert "3 report(s)" in page and "3 evidence" in page
        status, body = get(base + "/no-such-page")
        assert status == 404 and json.loads(body)["error"]["code"] == "not_found"
    finally:
        demo.terminate()
        demo.wait(10)
    # a second --demo leaves a filled store as it is
    again, base = serve(tmp_path / "demo", "--demo")
    try:
        assert "3 report(s)" in get(base + "/")[1]
    finally:
        again.terminate()
        again.wait(10)


def test_serve_refuses_a_public_address_with_the_default_secret(tmp_path: Path) -> None:
    env = {**os.environ, "SHIELD_DATA_DIR": str(tmp_path / "d")}
    env.pop("SHIELD_SECRET_KEY", None)
    for secret in (None, "change-me"):
        if secret:
            env["SHIELD_SECRET_KEY"] = secret
        done = subprocess.run(
            [sys.executable, "-m", "shield.cli.main", "serve", "--host", "0.0.0.0"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 2
        assert "refusing to listen on 0.0.0.0" in done.stderr
        assert done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback

"""The public victim endpoints and page: the same answers as the command line, nothing stored."""

from __future__ import annotations

from fastapi.testclient import TestClient

from shield.bootstrap import Shield
from shield.web.app import create_app
from support import snapshot

THREAT = "I recorded u. send £300 to $JessX92 or ur family and school see it"


def client(shield: Shield) -> TestClient:
    return TestClient(create_app(shield), raise_server_exceptions=False)


def test_api_check_matches_the_cli_shape_and_stores_nothing(sqlite_shield: Shield) -> None:
    before = snapshot(sqlite_shield)
    answer = client(sqlite_shield).post("/api/check", json={"text": THREAT, "age": 15})
    assert answer.status_code == 200
    doc = answer.json()
    assert set(doc) >= {"sextortion", "risk", "stages", "identifiers", "amounts", "advice"}
    assert doc["sextortion"] is True and "threat" in doc["stages"]
    assert ("payment_handle", "cashapp:jessx92") in {
        (i["kind"], i["normalized"]) for i in doc["identifiers"]
    }
    assert {"amount": 300.0, "currency": "GBP"} in doc["amounts"]
    assert any("CEOP" in line or "Report Remove" in line for line in doc["advice"])
    assert snapshot(sqlite_shield) == before  # no report, no evidence, no custody event


def test_api_advise_plans_for_age_and_country(sqlite_shield: Shield) -> None:
    web = client(sqlite_shield)
    young = web.post("/api/advise", json={"age": 15, "country": "GB", "paid": "yes"}).json()
    ids = {s["id"] for s in young["services"]}
    assert young["age_band"] == "under-18"
    assert {"gb-ceop", "gb-report-remove"} <= ids
    steps = [step["text"] for step in young["steps"]]
    assert any(t.startswith("Do not pay again") for t in steps)  # paid: no second payment
    assert "trust" in " ".join(steps).lower()
    urgent = web.post("/api/advise", json={"urgent": True}).json()
    assert urgent["urgent"] is True and "999" in urgent["steps"][0]["text"]


def test_bad_requests_use_the_error_envelope(sqlite_shield: Shield) -> None:
    web = client(sqlite_shield)
    for body in ({"text": ""}, {"text": "x" * 20_001}, {"text": "hi", "age": 400}, {}):
        answer = web.post("/api/check", json=body)
        assert answer.status_code == 422
        assert answer.json()["error"]["code"] == "invalid_request"
    wrong = web.post("/api/advise", json={"paid": "maybe"})
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "invalid_request"


def test_the_check_page_shows_the_verdict_and_escapes_what_was_pasted(
    sqlite_shield: Shield,
) -> None:
    web = client(sqlite_shield)
    assert "Check a message" in web.get("/check").text
    hostile = THREAT + ' <script>alert("x")</script>'
    page = web.post("/check", data={"text": hostile, "age": "15"})
    assert page.status_code == 200
    assert "This looks like sextortion" in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert "$JessX92" in page.text
    calm = web.post("/check", data={"text": "see you at football practice at 6"})
    assert "does not look like sextortion" in calm.text

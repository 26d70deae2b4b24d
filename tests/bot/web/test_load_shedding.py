"""Degrade, don't collapse: with every generation slot taken, code-written turns still answer at
once, generated ones get 503 + Retry-After (saving nothing), and health answers from the loop."""

from __future__ import annotations

import json
import time

import pytest

from bot.dialogue.grounding.admission import AdmissionGate

# Answered by the generator (a "how many days" question is quoted by code, without streaming).
RETURN_QUESTION = "How soon must merchandise be returned?"


@pytest.fixture
def full_gate(dialogue_service, monkeypatch):
    """The service's gate with its only slot held by the test and no queue."""
    gate = AdmissionGate(capacity=1, queue=0, max_wait_s=5)
    monkeypatch.setattr(dialogue_service, "gate", gate)
    with gate.admit():
        yield gate


def test_a_generated_turn_past_the_queue_gets_503_with_retry_after_and_nothing_is_saved(
        client, full_gate, shopper):
    me = shopper()
    assert me.say("hi").status_code == 200  # code-written: no slot needed
    started = time.monotonic()
    response = me.say(RETURN_QUESTION)
    assert response.status_code == 503, response.text
    assert time.monotonic() - started < 5
    assert int(response.headers["Retry-After"]) >= 1
    assert response.json()["kind"] == "Overloaded" and "busy" in response.json()["error"]
    stored = client.get(f"/v1/sessions/{me.session_id}", headers=me.headers).json()
    assert [e["text"] for e in stored["transcript"] if e["role"] == "user"] == ["hi"]  # not kept


def test_code_written_turns_answer_while_every_generation_slot_is_busy(client, full_gate, shopper):
    me = shopper()
    response = me.say("hi")
    assert response.status_code == 200, response.text
    assert response.json()["reply"]["action"] == "greeting"
    order = me.say("where is my order 000000111?")
    assert order.status_code == 200 and "email" in order.json()["reply"]["text"]


def test_streams_tell_a_busy_shopper_when_to_retry(client, full_gate, shopper):
    response = shopper().say(RETURN_QUESTION, path="/v1/chat/stream")
    block = response.text.strip()
    assert block.startswith("event: error")
    data = json.loads(block.split("data: ", 1)[1])
    assert data["status"] == 503 and data["retry_after"] >= 1
    with client.websocket_connect("/v1/ws") as socket:
        socket.send_text(json.dumps({"message": RETURN_QUESTION}))
        event = socket.receive_json()
        assert event["type"] == "error" and event["status"] == 503 and event["retry_after"] >= 1
        socket.send_text(json.dumps({"message": "hi"}))  # the socket goes on
        assert socket.receive_json()["type"] == "reply"


def test_health_answers_and_readiness_shows_the_generation_gate(client, full_gate):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["generation"] == {"running": 1, "waiting": 0, "refused": 0}
    assert body["sessions"] is True and body["relays"] == {}

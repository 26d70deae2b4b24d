"""The agent panel's live events (server-sent) from a real uvicorn server in this process.

TestClient collects a whole response before returning it, so an endless event stream needs a
real server; it runs the app over the shared dialogue service on a free loopback port.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from dataclasses import replace
from http.cookies import SimpleCookie

import pytest
import uvicorn

from bot.panel.agents import add_account
from bot.panel.routes import COOKIE
from bot.settings import Settings
from bot.web.app import create_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(dialogue_service, tmp_path_factory):
    path = tmp_path_factory.mktemp("agents") / "agents.json"
    add_account(path, "alice", "alice-pass")
    settings = replace(Settings.from_env(), agents_file=str(path), redis_url="")
    port = _free_port()
    config = uvicorn.Config(create_app(settings, service=dialogue_service), host="127.0.0.1",
                            port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="panel-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        thread.join(timeout=0.05)  # polling for start-up, not waiting out time
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def _request(port: int, method: str, path: str, body: dict | None = None,
             headers: dict | None = None) -> http.client.HTTPResponse:
    """A request on a fresh connection; the caller reads (and closes) the response."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body=None if body is None else json.dumps(body),
                       headers={"content-type": "application/json", **(headers or {})})
    return connection.getresponse()


@pytest.fixture
def login(server) -> dict:
    """The Cookie header of a fresh login as alice."""
    response = _request(server, "POST", "/panel/login", {"username": "alice",
                                                          "password": "alice-pass"})
    assert response.status == 200, response.read()
    token = SimpleCookie(response.headers["set-cookie"])[COOKIE].value
    return {"cookie": f"{COOKIE}={token}"}


def _lines(response: http.client.HTTPResponse):
    while line := response.readline():
        yield line.decode("utf-8").rstrip("\r\n")


def _events(lines):
    """(name, data) of each server-sent event; comment lines come as ("comment", text)."""
    name, data = "message", []
    for line in lines:
        if line.startswith(":"):
            yield "comment", line[1:].strip()
        elif line.startswith("event:"):
            name = line.split(":", 1)[1].strip()
        elif line.startswith("data:"):
            data.append(line.split(":", 1)[1].strip())
        elif not line and data:
            yield name, json.loads("\n".join(data))
            name, data = "message", []


def test_a_handoff_arrives_live_and_the_subscription_ends_with_the_client(
        server, login, dialogue_service):
    bus = dialogue_service.events
    subscribers = len(bus._subscribers)
    seen = []
    stream = _request(server, "GET", "/panel/api/events", headers=login)
    try:
        assert stream.status == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = _events(_lines(stream))
        assert next(events) == ("comment", "connected")  # subscribed from here on
        assert len(bus._subscribers) == subscribers + 1
        chat = _request(server, "POST", "/v1/chat", {"message": "I want to talk to a human"})
        assert chat.status == 200
        session_id = json.loads(chat.read())["session_id"]
        chat.close()
        for name, data in events:
            if name != "comment" and data["session_id"] == session_id:
                seen.append((name, data))
            if name == "handoff":
                break
    finally:
        stream.close()
    kinds = [(name, data["role"]) for name, data in seen]
    assert kinds == [("message", "user"), ("message", "assistant"), ("handoff", "system")]
    assert seen[0][1]["text"] == "I want to talk to a human"
    assert seen[0][1]["data"]["nlu"]["intent"]
    assert seen[2][1]["data"]["owner"] == "queue"
    deadline = time.monotonic() + 10  # the server notices the closed connection within ~1 s
    while len(bus._subscribers) > subscribers and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for the server's clean-up, not waiting out time
    assert len(bus._subscribers) == subscribers


def test_the_event_stream_needs_a_login(server):
    response = _request(server, "GET", "/panel/api/events")
    assert response.status == 401 and json.loads(response.read())["kind"] == "Unauthorized"

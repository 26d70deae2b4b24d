"""The agent panel's HTTP API over the real dialogue service: login, what needs it, the
conversation list and detail, take over / reply / hand back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from bot.panel.agents import add_account
from bot.panel.routes import COOKIE, MAX_FAILURES_PER_NAME
from bot.settings import Settings
from bot.web.app import create_app

RETURN_QUESTION = "How many days do I have to return an item?"
RETURN_PASSAGE = "policy:returns-and-replacements#1"
HUMAN = "I want to talk to a human"
PASSWORDS = {"alice": "alice-pass-1", "bob": "bob-pass-2", "carol": "carol-pass-3"}

#: Every /panel/api route (method, path): each needs a login.
API_ROUTES = [
    ("GET", "/panel/api/me"),
    ("GET", "/panel/api/conversations"),
    ("GET", "/panel/api/conversations/some-session"),
    ("POST", "/panel/api/conversations/some-session/takeover"),
    ("POST", "/panel/api/conversations/some-session/handback"),
    ("POST", "/panel/api/conversations/some-session/reply"),
    ("POST", "/panel/api/conversations/some-session/suggestion"),
    ("GET", "/panel/api/events"),
    ("GET", "/panel/api/products?q=watch"),
    ("GET", "/panel/api/products/24-WG02/reviews"),
    ("POST", "/panel/api/products/24-WG02/copy"),
]


@pytest.fixture(scope="module")
def app(dialogue_service, tmp_path_factory):
    path = tmp_path_factory.mktemp("agents") / "agents.json"
    for name, password in PASSWORDS.items():
        add_account(path, name, password)
    settings = replace(Settings.from_env(), agents_file=str(path), redis_url="")
    return create_app(settings, service=dialogue_service)


@pytest.fixture(scope="module")
def client(app):
    """Logged in as alice (the cookie stays in the client)."""
    with TestClient(app) as client:
        response = client.post("/panel/login", json={"username": "alice",
                                                     "password": PASSWORDS["alice"]})
        assert response.status_code == 200, response.text
        yield client


@pytest.fixture(scope="module")
def anonymous(app, client):
    """A client of the same running app without a login."""
    return TestClient(app)


#: Owner tokens of the shopper conversations the tests started, by session id.
_TOKENS: dict[str, str] = {}


def _open(client, message: str) -> str:
    """A shopper starts a conversation with `message`; returns its id (the token is kept)."""
    response = client.post("/v1/chat", json={"message": message})
    assert response.status_code == 200, response.text
    _TOKENS[response.json()["session_id"]] = response.json()["session_token"]
    return response.json()["session_id"]


def _chat(client, session_id: str, message: str) -> dict:
    response = client.post("/v1/chat", json={"session_id": session_id, "message": message},
                           headers={"authorization": f"Bearer {_TOKENS[session_id]}"})
    assert response.status_code == 200, response.text
    return response.json()


def _shopper_view(client, session_id: str) -> dict:
    """The conversation as its shopper reads it (GET /v1/sessions/{id} with its token)."""
    response = client.get(f"/v1/sessions/{session_id}",
                          headers={"authorization": f"Bearer {_TOKENS[session_id]}"})
    assert response.status_code == 200, response.text
    return response.json()


# --- logging in ----------------------------------------------------------------------------------


def test_login_sets_an_httponly_strict_cookie_for_the_panel_only(anonymous):
    response = anonymous.post("/panel/login", json={"username": "bob", "password": PASSWORDS["bob"]})
    assert response.status_code == 200 and response.json() == {"agent": "bob"}
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    for attribute in ("HttpOnly", "SameSite=strict", "Path=/panel", "Max-Age="):
        assert attribute.lower() in cookie.lower(), cookie
    token = response.cookies[COOKIE]
    assert len(token) >= 40
    me = anonymous.get("/panel/api/me", headers={"cookie": f"{COOKIE}={token}"})
    assert me.status_code == 200 and me.json() == {"agent": "bob"}


@pytest.mark.parametrize("username,password", [
    ("bob", "wrong password"),
    ("nobody", PASSWORDS["bob"]),
    ("bob", ""),
])
def test_a_wrong_password_or_unknown_name_is_401_without_a_cookie(anonymous, username, password):
    response = anonymous.post("/panel/login", json={"username": username, "password": password})
    assert response.status_code == 401
    assert response.json() == {"error": "wrong name or password", "kind": "Unauthorized"}
    assert "set-cookie" not in response.headers


def test_a_login_must_be_json(anonymous):
    response = anonymous.post("/panel/login", data={"username": "bob", "password": PASSWORDS["bob"]})
    assert response.status_code == 415 and "set-cookie" not in response.headers


def test_repeated_failures_are_refused_even_with_the_right_password(anonymous):
    for _ in range(MAX_FAILURES_PER_NAME):
        assert anonymous.post("/panel/login", json={"username": "carol", "password": "guess"}
                              ).status_code == 401
    refused = anonymous.post("/panel/login", json={"username": "carol",
                                                   "password": PASSWORDS["carol"]})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "set-cookie" not in refused.headers
    # another agent from the same address is not locked out by carol's failures
    assert anonymous.post("/panel/login", json={"username": "bob", "password": PASSWORDS["bob"]}
                          ).status_code == 200


def test_logout_ends_the_login_at_once(anonymous):
    token = anonymous.post("/panel/login", json={"username": "bob", "password": PASSWORDS["bob"]}
                           ).cookies[COOKIE]
    auth = {"cookie": f"{COOKIE}={token}"}
    assert anonymous.post("/panel/logout", json={}, headers=auth).status_code == 204
    assert anonymous.get("/panel/api/me", headers=auth).status_code == 401


@pytest.mark.parametrize("method,path", API_ROUTES)
def test_every_panel_api_route_needs_a_login(anonymous, method, path):
    for cookie in ("", f"{COOKIE}=forged-token", f"{COOKIE}=some-session"):
        response = anonymous.request(method, path, json={} if method == "POST" else None,
                                     headers={"cookie": cookie})
        assert response.status_code == 401, (path, cookie, response.text)
        assert response.json()["kind"] == "Unauthorized"


def test_the_panel_page_is_served_with_its_script_and_no_framing(anonymous):
    page = anonymous.get("/panel")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert '<script src="/panel/panel.js"' in page.text
    for asset, kind in (("/panel/panel.js", "javascript"), ("/panel/panel.css", "css")):
        response = anonymous.get(asset)
        assert response.status_code == 200 and kind in response.headers["content-type"]
    assert "innerHTML" not in anonymous.get("/panel/panel.js").text  # text goes in as textContent


def test_the_shopper_api_cannot_reach_panel_data(client, anonymous):
    session_id = _open(anonymous, RETURN_QUESTION)
    shopper = _shopper_view(anonymous, session_id)
    for entry in shopper["transcript"]:
        assert set(entry) == {"role", "text", "at", "reply"}  # no NLU, no facts given to the bot
    panel = client.get(f"/panel/api/conversations/{session_id}").json()
    assert panel["transcript"][0]["nlu"] and panel["transcript"][0]["facts"]
    paths = anonymous.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/panel")]


def test_the_demo_store_without_an_agents_file_accepts_demo_demo(dialogue_service, caplog):
    settings = replace(Settings.from_env(), agents_file="", store="demo", redis_url="")
    with caplog.at_level("WARNING", logger="bot.panel.routes"), \
            TestClient(create_app(settings, service=dialogue_service)) as demo:
        assert demo.post("/panel/login", json={"username": "demo", "password": "demo"}
                         ).status_code == 200
        assert demo.get("/panel/api/me").json() == {"agent": "demo"}
    assert any("demo / demo" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("host,allowed,status", [("0.0.0.0", False, 401), ("10.1.2.3", False, 401),
                                                 ("shop.example.com", False, 401),
                                                 ("0.0.0.0", True, 200), ("::1", False, 200)])
def test_the_demo_login_needs_loopback_or_the_operators_word(dialogue_service, host, allowed,
                                                             status):
    settings = replace(Settings.from_env(), agents_file="", store="demo", redis_url="",
                       host=host, allow_demo_login=allowed)
    with TestClient(create_app(settings, service=dialogue_service)) as demo:
        login = demo.post("/panel/login", json={"username": "demo", "password": "demo"})
        assert login.status_code == status, login.text
        assert demo.get("/panel/api/conversations").status_code == (200 if status == 200 else 401)


# --- conversations -------------------------------------------------------------------------------


def test_the_list_puts_the_queue_first(client):
    chatting = _open(client, "hi")
    waiting = _open(client, HUMAN)
    other = _open(client, "hello")
    rows = client.get("/panel/api/conversations").json()["conversations"]
    owners = [row["handoff_owner"] for row in rows]
    queued = owners.count("queue")
    assert queued >= 1 and owners[:queued] == ["queue"] * queued
    by_id = {row["id"]: row for row in rows}
    assert by_id[waiting]["handoff_owner"] == "queue"
    assert [r["id"] for r in rows].index(waiting) < queued
    assert [r["id"] for r in rows].index(other) < [r["id"] for r in rows].index(chatting)
    row = by_id[waiting]
    assert row["channel"] == "web" and row["messages"] == 2 and row["updated"] > 0
    assert row["last_message"]["role"] == "assistant" and row["last_message"]["text"]
    assert row["last_intent"] and row["last_sentiment"]["label"] in ("negative", "neutral", "positive")


def test_a_conversation_shows_nlu_per_message_the_facts_used_and_a_summary(client):
    session_id = _open(client, RETURN_QUESTION)
    _chat(client, session_id, "Is the Didi Sport Watch waterproof? My order is 000000101")
    detail = client.get(f"/panel/api/conversations/{session_id}").json()
    user, bot, user2, _ = detail["transcript"]
    assert user["role"] == "user" and user["text"] == RETURN_QUESTION
    nlu = user["nlu"]
    assert nlu["intent"] and 0 < nlu["confidence"] <= 1
    assert nlu["sentiment"]["label"] in ("negative", "neutral", "positive")
    assert nlu["action"] and nlu["reason"] and "entities" in nlu
    assert RETURN_PASSAGE in [f["id"] for f in user["facts"]]
    assert all(f["text"] for f in user["facts"])
    assert bot["role"] == "assistant" and "[" not in bot["text"]  # as the shopper saw it
    assert RETURN_PASSAGE in [c["id"] for c in bot["reply"]["citations"]]
    assert user2["nlu"]["entities"]["order_ids"] == ["000000101"]
    assert any(p["sku"] == "24-WG02" for p in user2["nlu"]["entities"]["products"])
    summary = detail["summary"]
    assert "000000101" in summary["orders"] and "Didi Sport Watch" in summary["products"]
    assert summary["owner"] == "bot" and summary["lines"]


def test_an_unknown_conversation_is_404(client):
    assert client.get("/panel/api/conversations/no-such-session").status_code == 404
    assert client.post("/panel/api/conversations/no-such-session/takeover", json={}
                       ).status_code == 404


def test_take_over_reply_and_hand_back(client, anonymous, dialogue_service):
    session_id = _open(anonymous, HUMAN)
    subscription = dialogue_service.events.subscribe()
    try:
        taken = client.post(f"/panel/api/conversations/{session_id}/takeover", json={}).json()
        assert taken["handoff_owner"] == "alice"
        assert taken["summary"]["handoff"] == "shopper asked for a human"

        quiet = _chat(anonymous, session_id, "hello? anyone there?")
        assert quiet["reply"]["text"] == "" and quiet["reply"]["handoff"] is True

        sent = client.post(f"/panel/api/conversations/{session_id}/reply",
                           json={"text": "Hi, this is Alice. How can I help?"})
        assert sent.status_code == 200, sent.text
        assert sent.json()["transcript"][-1] | {"at": 0} == {
            "role": "agent", "text": "Hi, this is Alice. How can I help?", "at": 0, "agent": "alice",
            "reply": {"action": "agent", "handoff": False, "citations": [], "products": []}}
        shopper = _shopper_view(anonymous, session_id)["transcript"]
        assert shopper[-1]["role"] == "agent" and shopper[-1]["text"].startswith("Hi, this is Alice")

        back = client.post(f"/panel/api/conversations/{session_id}/handback", json={}).json()
        assert back["handoff_owner"] == ""
        answered = _chat(anonymous, session_id, RETURN_QUESTION)
        assert answered["reply"]["text"] and answered["reply"]["handoff"] is False

        events = []
        while (event := subscription.get(timeout=1)) is not None:
            if event.session_id == session_id:
                events.append(event)
    finally:
        subscription.close()
    kinds = [(e.kind, e.role) for e in events]
    assert kinds[0] == ("takeover", "system") and ("handback", "system") in kinds
    agent = [e for e in events if e.role == "agent"]
    assert len(agent) == 1 and agent[0].data["agent"] == "alice"
    assert agent[0].text == "Hi, this is Alice. How can I help?"


def test_replying_needs_the_conversation(client, anonymous):
    session_id = _open(anonymous, HUMAN)
    refused = client.post(f"/panel/api/conversations/{session_id}/reply", json={"text": "hi"})
    assert refused.status_code == 409 and "take the conversation over" in refused.json()["error"]
    client.post(f"/panel/api/conversations/{session_id}/takeover", json={})
    empty = client.post(f"/panel/api/conversations/{session_id}/reply", json={"text": "   "})
    assert empty.status_code == 400
    not_json = client.post(f"/panel/api/conversations/{session_id}/reply", content=b"text=hi",
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert not_json.status_code == 415
    assert [e["role"] for e in _shopper_view(anonymous, session_id)["transcript"]
            ] == ["user", "assistant", "system"]

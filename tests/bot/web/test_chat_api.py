"""The chat API over the real dialogue service: turns, transcripts, 4xx for bad input, SSE,
WebSocket, the rate limit and a human agent's takeover."""

from __future__ import annotations

import json
import time
import uuid

import pytest


RETURN_QUESTION = "How many days do I have to return an item?"
RETURN_PASSAGE = "policy:returns-and-replacements#1"
RETURNS_ARTICLE = "policy:returns-and-replacements#"
GIFT_QUESTION = "Can I return a gift?"


def _session_id() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def _chat(client, message: str, session_id: str | None = None) -> dict:
    """POST one turn that must succeed; returns the response body."""
    body = {"message": message} | ({"session_id": session_id} if session_id else {})
    response = client.post("/v1/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def _transcript(client, session_id: str) -> list[dict]:
    response = client.get(f"/v1/sessions/{session_id}")
    assert response.status_code == 200, response.text
    return response.json()["transcript"]


def _sse_events(body: str) -> list[tuple[str, dict]]:
    """(event name, data) of each event in a text/event-stream body."""
    events = []
    for block in body.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((fields["event"], json.loads(fields["data"])))
    return events


# --- turns -------------------------------------------------------------------------------------


def test_a_turn_without_session_id_starts_a_session_and_keeps_its_transcript(client):
    body = _chat(client, "hello")
    session_id = body["session_id"]
    assert session_id
    assert body["reply"]["text"]
    assert {"intent", "entities"} <= body["nlu"].keys()

    transcript = _transcript(client, session_id)
    assert [e["role"] for e in transcript] == ["user", "assistant"]
    assert transcript[0]["text"] == "hello"
    assert transcript[1]["text"] == body["reply"]["text"]


def test_a_second_turn_continues_the_same_session(client):
    session_id = _session_id()
    first = _chat(client, "where is my order 000000101?", session_id)
    assert first["session_id"] == session_id
    assert "email" in first["reply"]["text"]
    second = _chat(client, "roni_cost@example.com", session_id)
    assert "000000101" in second["reply"]["text"] and "delivered" in second["reply"]["text"]
    assert len(_transcript(client, session_id)) == 4


# --- bad input ---------------------------------------------------------------------------------


BAD_REQUESTS = {
    "malformed JSON": (400, lambda sid: {
        "content": b'{"message": "hi", ', "headers": {"content-type": "application/json"}}),
    "missing message": (422, lambda sid: {"json": {"session_id": sid}}),
    "message not a string": (422, lambda sid: {"json": {"session_id": sid, "message": 42}}),
    "empty message": (400, lambda sid: {"json": {"session_id": sid, "message": ""}}),
    "whitespace message": (400, lambda sid: {"json": {"session_id": sid, "message": " \n\t "}}),
    "1 MB message": (413, lambda sid: {"json": {"session_id": sid, "message": "a" * 1_000_000}}),
    "2,500 characters": (400, lambda sid: {"json": {"session_id": sid, "message": "a" * 2500}}),
    "chunked 1 MB body": (411, lambda sid: {
        "content": (part for part in (b'{"message": "', b"a" * 1_000_000, b'"}')),
        "headers": {"content-type": "application/json"}}),
    "body not UTF-8": (400, lambda sid: {
        "content": b'{"message": "\xff\xfe"}', "headers": {"content-type": "application/json"}}),
    "lone surrogate": (400, lambda sid: {  # could be neither stored nor sent back as UTF-8
        "content": b'{"session_id": "%s", "message": "hi \\ud800"}' % sid.encode(),
        "headers": {"content-type": "application/json"}}),
    "text/plain": (415, lambda sid: {
        "content": json.dumps({"session_id": sid, "message": "hi"}).encode(),
        "headers": {"content-type": "text/plain"}}),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_chat_request_is_a_clear_4xx_and_the_session_goes_on(client, case):
    status, request = BAD_REQUESTS[case]
    session_id = _session_id()
    _chat(client, "hi", session_id)
    before = _transcript(client, session_id)

    response = client.post("/v1/chat", **request(session_id))

    assert response.status_code == status, response.text
    error = response.json()
    assert error.keys() == {"error", "kind"} and error["error"] and error["kind"]
    assert _transcript(client, session_id) == before
    assert _chat(client, "thanks", session_id)["reply"]["text"]
    assert len(_transcript(client, session_id)) == len(before) + 2


def test_the_message_limit_is_the_services(client, dialogue_service):
    # The 2,500-character case above is refused by the dialogue service's limit, not the body's.
    response = client.post("/v1/chat", json={"message": "a" * 2500})
    assert dialogue_service.max_message_chars < 2500
    assert response.json()["kind"] == "InvalidChatMessage"


@pytest.mark.parametrize("session_id", ["bad id!", "a/b", "é", "x" * 129, ""])
def test_bad_session_id_is_refused(client, session_id):
    response = client.post("/v1/chat", json={"session_id": session_id, "message": "hi"})
    assert response.status_code in (400, 422), response.text
    assert response.json().keys() == {"error", "kind"}


def test_unknown_session_is_a_404(client):
    response = client.get(f"/v1/sessions/{_session_id()}")
    assert response.status_code == 404
    assert response.json()["kind"] == "UnknownSession"


def test_unknown_path_and_method_are_errors_of_the_same_shape(client):
    missing = client.get("/v1/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": "Not Found", "kind": "NotFound"}
    wrong_method = client.get("/v1/chat")
    assert wrong_method.status_code == 405 and wrong_method.json()["kind"] == "MethodNotAllowed"
    assert wrong_method.headers["allow"] == "POST"


def test_malformed_session_id_on_get_is_a_400(client):
    response = client.get("/v1/sessions/bad%20id!")
    assert response.status_code == 400
    assert response.json()["kind"] == "InvalidSessionId"


# --- streaming ---------------------------------------------------------------------------------


def test_sse_streams_tokens_then_a_reply_citing_the_returns_policy(client):
    # A generated answer (the return window itself is quoted by code, in one event).
    session_id = _session_id()
    response = client.get("/v1/chat/stream", params={"message": GIFT_QUESTION,
                                                     "session_id": session_id})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")

    events = _sse_events(response.text)
    kinds = [kind for kind, _ in events]
    assert kinds.count("reply") == 1 and kinds[-1] == "reply", kinds
    assert "token" in kinds[:-1] and set(kinds[:-1]) == {"token"}, kinds
    reply = events[-1][1]
    assert reply["session_id"] == session_id
    assert any(c["id"].startswith(RETURNS_ARTICLE) for c in reply["reply"]["citations"]), reply
    streamed = "".join(data["text"] for kind, data in events if kind == "token")
    assert streamed.strip()
    assert [e["role"] for e in _transcript(client, session_id)] == ["user", "assistant"]


def test_sse_empty_message_is_an_error_event_not_a_500(client):
    response = client.get("/v1/chat/stream", params={"message": "   ", "session_id": _session_id()})
    assert response.status_code == 200
    assert _sse_events(response.text) == [("error", {"status": 400, "error": "message is empty"})]


def _socket_turn(socket, frame: dict) -> tuple[list[dict], dict]:
    """Send one frame; returns (token frames, the final reply or error frame)."""
    socket.send_text(json.dumps(frame))
    tokens = []
    while True:
        event = socket.receive_json()
        if event["type"] != "token":
            return tokens, event
        tokens.append(event)


def test_websocket_answers_two_messages_on_one_socket(client):
    session_id = _session_id()
    with client.websocket_connect("/v1/ws") as socket:
        _, first = _socket_turn(socket, {"session_id": session_id, "message": "hi"})
        _, second = _socket_turn(socket, {"session_id": session_id,
                                          "message": "where is my order 000000111?"})
    assert first["type"] == "reply" and first["reply"]["text"]
    assert second["type"] == "reply" and "email" in second["reply"]["text"]
    assert first["session_id"] == second["session_id"] == session_id
    assert len(_transcript(client, session_id)) == 4


def test_websocket_bad_frame_is_an_error_frame_and_the_socket_goes_on(client):
    session_id = _session_id()
    with client.websocket_connect("/v1/ws") as socket:
        _, malformed = _socket_turn(socket, {"session_id": session_id})  # no message
        socket.send_text("{not json")
        not_json = socket.receive_json()
        _, empty = _socket_turn(socket, {"session_id": session_id, "message": ""})
        _, reply = _socket_turn(socket, {"session_id": session_id, "message": "hello"})
    assert malformed["type"] == "error" and malformed["status"] == 400 and malformed["error"]
    assert not_json["type"] == "error" and not_json["status"] == 400
    assert empty == {"type": "error", "status": 400, "error": "message is empty"}
    assert reply["type"] == "reply" and reply["reply"]["text"]
    assert len(_transcript(client, session_id)) == 2


# --- rate limit and human agents ---------------------------------------------------------------


def test_rate_limit_refuses_the_next_message_with_429(client, dialogue_service):
    saved = dialogue_service.rate_limit_per_minute
    dialogue_service.rate_limit_per_minute = 2
    try:
        for _ in range(2):  # the limit's window is the calendar minute: retry if one ended
            minute = int(time.time() // 60)
            session_id = _session_id()
            statuses = [client.post("/v1/chat", json={"session_id": session_id, "message": m})
                        for m in ("hi", "thanks", "hello")]
            if int(time.time() // 60) == minute:
                break
    finally:
        dialogue_service.rate_limit_per_minute = saved
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert statuses[2].json()["kind"] == "RateLimited"
    assert len(_transcript(client, session_id)) == 4  # the refused message was not stored
    assert _chat(client, "hello", session_id)["reply"]["text"]  # the limit is lifted again


def test_agent_takeover_silences_the_bot_until_hand_back(client, dialogue_service):
    session_id = _session_id()
    _chat(client, "hi", session_id)
    dialogue_service.take_over(session_id, "alice")

    quiet = _chat(client, "where is my order?", session_id)
    assert quiet["reply"]["text"] == "" and quiet["reply"]["handoff"] is True
    session = client.get(f"/v1/sessions/{session_id}").json()
    assert session["handoff_owner"] == "alice"
    assert session["transcript"][-1] == session["transcript"][-1] | {
        "role": "user", "text": "where is my order?"}

    dialogue_service.hand_back(session_id)
    back = _chat(client, "hello", session_id)
    assert back["reply"]["text"] and back["reply"]["handoff"] is False
    roles = [e["role"] for e in _transcript(client, session_id)]
    assert roles == ["user", "assistant", "system", "user", "system", "user", "assistant"]


# --- service endpoints -------------------------------------------------------------------------


def test_readyz_reports_the_generator_and_sessions(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready" and body["generator"] is True and body["sessions"] is True


def test_openapi_lists_the_chat_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/chat", "/v1/chat/stream", "/v1/sessions/{session_id}"} <= paths.keys()
    assert "post" in paths["/v1/chat"]

"""The chat API over the real dialogue service: turns, transcripts, 4xx for bad input, SSE,
WebSocket, the rate limit and a human agent's takeover. Every conversation is one the service
issued, proved by its token."""

from __future__ import annotations

import json
import time

import pytest


RETURN_QUESTION = "How many days do I have to return an item?"
RETURN_PASSAGE = "policy:returns-and-replacements#1"
RETURNS_ARTICLE = "policy:returns-and-replacements#"
#: Answered by the model (the return window in days, and gift returns, are written by code).
GENERATED_QUESTION = "How soon must merchandise be returned?"


class Conversation:
    """A conversation the service issued: its id and owner token."""

    def __init__(self, session_id: str, token: str) -> None:
        self.session_id, self.token = session_id, token

    @property
    def headers(self) -> dict:
        return {"authorization": f"Bearer {self.token}"}


def start(client, message: str = "hi") -> tuple[Conversation, dict]:
    """Start a conversation with its first message; returns it and the first answer."""
    client.cookies.clear()  # the test client keeps cookies: each test proves its own way
    response = client.post("/v1/chat", json={"message": message})
    assert response.status_code == 200, response.text
    body = response.json()
    return Conversation(body["session_id"], body["session_token"]), body


def chat(client, message: str, conversation: Conversation) -> dict:
    """POST one turn of a conversation that must succeed; returns the response body."""
    response = client.post("/v1/chat", json={"message": message,
                                             "session_id": conversation.session_id},
                           headers=conversation.headers)
    assert response.status_code == 200, response.text
    return response.json()


def transcript(client, conversation: Conversation) -> list[dict]:
    response = client.get(f"/v1/sessions/{conversation.session_id}", headers=conversation.headers)
    assert response.status_code == 200, response.text
    return response.json()["transcript"]


def sse_events(body: str) -> list[tuple[str, dict]]:
    """(event name, data) of each event in a text/event-stream body."""
    events = []
    for block in body.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((fields["event"], json.loads(fields["data"])))
    return events


# --- turns -------------------------------------------------------------------------------------


def test_a_turn_without_session_id_starts_a_session_with_its_token_and_cookie(client):
    client.cookies.clear()
    response = client.post("/v1/chat", json={"message": "hello"})
    assert response.status_code == 200
    body = response.json()
    assert body["session_id"].startswith("web:") and len(body["session_id"]) == 28
    assert len(body["session_token"]) >= 40 and body["reply"]["text"]
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"shopdesk_session={body['session_token']};")
    assert {"HttpOnly", "Path=/v1", "SameSite=strict"} <= {p.strip() for p in cookie.split(";")}

    conversation = Conversation(body["session_id"], body["session_token"])
    entries = transcript(client, conversation)
    assert [e["role"] for e in entries] == ["user", "assistant"]
    assert entries[0]["text"] == "hello" and entries[1]["text"] == body["reply"]["text"]


def test_a_second_turn_continues_the_same_session_by_token_or_cookie(client):
    conversation, _ = start(client, "where is my order 000000101?")
    second = chat(client, "roni_cost@example.com", conversation)
    assert second["session_id"] == conversation.session_id
    assert "000000101" in second["reply"]["text"] and "delivered" in second["reply"]["text"]
    client.cookies.set("shopdesk_session", conversation.token, path="/v1")  # as the widget
    by_cookie = client.post("/v1/chat", json={"message": "thanks",
                                              "session_id": conversation.session_id})
    assert by_cookie.status_code == 200, by_cookie.text
    assert "session_token" not in by_cookie.json()  # only a new conversation hands one out
    assert len(transcript(client, conversation)) == 6


# --- bad input ---------------------------------------------------------------------------------


BAD_REQUESTS = {
    "malformed JSON": (400, lambda c: {
        "content": b'{"message": "hi", ', "headers": {"content-type": "application/json"}}),
    "missing message": (422, lambda c: {"json": {"session_id": c.session_id}}),
    "message not a string": (422, lambda c: {"json": {"session_id": c.session_id, "message": 42}}),
    "empty message": (422, lambda c: {"json": {"session_id": c.session_id, "message": ""}}),
    "whitespace message": (422, lambda c: {"json": {"session_id": c.session_id,
                                                    "message": " \n\t "}}),
    "1 MB message": (413, lambda c: {"json": {"session_id": c.session_id,
                                              "message": "a" * 1_000_000}}),
    "2,500 characters": (422, lambda c: {"json": {"session_id": c.session_id,
                                                  "message": "a" * 2500}}),
    "chunked 1 MB body": (411, lambda c: {
        "content": (part for part in (b'{"message": "', b"a" * 1_000_000, b'"}')),
        "headers": {"content-type": "application/json"}}),
    "body not UTF-8": (400, lambda c: {
        "content": b'{"message": "\xff\xfe"}', "headers": {"content-type": "application/json"}}),
    "lone surrogate": (422, lambda c: {  # could be neither stored nor sent back as UTF-8
        "content": b'{"session_id": "%s", "message": "hi \\ud800"}' % c.session_id.encode(),
        "headers": {"content-type": "application/json"}}),
    "text/plain": (415, lambda c: {
        "content": json.dumps({"session_id": c.session_id, "message": "hi"}).encode(),
        "headers": {"content-type": "text/plain"}}),
    "JSON 30,000 levels deep": (400, lambda c: {
        "content": b'{"message": "hi", "metadata": {"a": ' + b"[" * 30_000 + b"]" * 30_000 + b"}}",
        "headers": {"content-type": "application/json"}}),
    "metadata 40 levels deep": (400, lambda c: {"json": {
        "session_id": c.session_id, "message": "hi",
        "metadata": json.loads('{"a": ' * 40 + "1" + "}" * 40)}}),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_chat_request_is_a_clear_4xx_and_the_session_goes_on(client, case):
    status, request = BAD_REQUESTS[case]
    conversation, _ = start(client)
    before = transcript(client, conversation)

    kwargs = request(conversation)
    kwargs["headers"] = conversation.headers | kwargs.get("headers", {})
    response = client.post("/v1/chat", **kwargs)

    assert response.status_code == status, response.text
    error = response.json()
    assert error.keys() == {"error", "kind"} and error["error"] and error["kind"]
    assert transcript(client, conversation) == before
    assert chat(client, "thanks", conversation)["reply"]["text"]
    assert len(transcript(client, conversation)) == len(before) + 2


@pytest.fixture
def short_limit(dialogue_service):
    """The service configured for messages of at most 100 characters (the schema admits 2,000)."""
    saved = dialogue_service.max_message_chars
    dialogue_service.max_message_chars = 100
    yield 100
    dialogue_service.max_message_chars = saved


def test_a_service_limit_below_the_schemas_is_a_400(client, short_limit):
    conversation, _ = start(client)
    response = client.post("/v1/chat", json={"message": "a" * 150,
                                             "session_id": conversation.session_id},
                           headers=conversation.headers)
    assert response.status_code == 400 and response.json()["kind"] == "InvalidChatMessage"
    assert len(transcript(client, conversation)) == 2


def test_metadata_is_kept_within_its_bounds(client, dialogue_service):
    conversation, _ = start(client)
    for turn in range(5):  # 5 turns of 10 new keys each: the session keeps 16 at most
        metadata = {f"k{turn}-{i}": "x" * 256 for i in range(10)}
        chat_turn = client.post("/v1/chat", json={"session_id": conversation.session_id,
                                                  "message": "thanks", "metadata": metadata},
                                headers=conversation.headers)
        assert chat_turn.status_code == 200, chat_turn.text
    kept = dialogue_service.session(conversation.session_id).metadata
    assert len(kept) == 16 and all(len(v) <= 256 for v in kept.values())
    for refused in ({f"k{i}": "v" for i in range(17)}, {"nested": {"a": 1}}, {"long": "x" * 257}):
        response = client.post("/v1/chat", json={"session_id": conversation.session_id,
                                                 "message": "thanks", "metadata": refused},
                               headers=conversation.headers)
        assert response.status_code == 422, response.text


@pytest.mark.parametrize("session_id", ["bad id!", "a/b", "é", "x" * 129, "", "test-abc",
                                        "web:tooshort", "whatsapp:15550001111"])
def test_a_session_id_the_service_did_not_issue_is_refused(client, session_id):
    response = client.post("/v1/chat", json={"session_id": session_id, "message": "hi"},
                           headers={"authorization": "Bearer anything"})
    assert response.status_code == 422, response.text
    assert response.json().keys() == {"error", "kind"}


def test_unknown_and_not_yours_read_the_same(client):
    mine, _ = start(client)
    theirs, _ = start(client)
    never = Conversation("web:" + "A" * 24, mine.token)
    answers = [client.get(f"/v1/sessions/{c.session_id}", headers=mine.headers)
               for c in (theirs, never)]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json()["kind"] == answers[1].json()["kind"] == "UnknownSession"
    client.cookies.clear()
    bare = [client.get(f"/v1/sessions/{c.session_id}") for c in (theirs, never)]
    assert [a.status_code for a in bare] == [401, 401]
    assert bare[0].json() == bare[1].json()


def test_unknown_path_and_method_are_errors_of_the_same_shape(client):
    missing = client.get("/v1/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": "Not Found", "kind": "NotFound"}
    wrong_method = client.get("/v1/chat")
    assert wrong_method.status_code == 405 and wrong_method.json()["kind"] == "MethodNotAllowed"
    assert wrong_method.headers["allow"] == "POST"


def test_malformed_session_id_on_get_is_refused(client):
    response = client.get("/v1/sessions/bad%20id!")
    assert response.status_code == 422
    assert response.json()["kind"] == "InvalidRequest"


# --- streaming ---------------------------------------------------------------------------------


def test_sse_by_post_streams_tokens_then_a_reply_citing_the_returns_policy(client):
    # A generated answer (the return window itself is quoted by code, in one event).
    conversation, _ = start(client)
    response = client.post("/v1/chat/stream", json={"message": GENERATED_QUESTION,
                                                    "session_id": conversation.session_id},
                           headers=conversation.headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")

    events = sse_events(response.text)
    kinds = [kind for kind, _ in events]
    assert kinds.count("reply") == 1 and kinds[-1] == "reply", kinds
    assert "token" in kinds[:-1] and set(kinds[:-1]) == {"token"}, kinds
    reply = events[-1][1]
    assert reply["session_id"] == conversation.session_id
    assert any(c["id"].startswith(RETURNS_ARTICLE) for c in reply["reply"]["citations"]), reply
    streamed = "".join(data["text"] for kind, data in events if kind == "token")
    assert streamed.strip()
    assert [e["role"] for e in transcript(client, conversation)][-2:] == ["user", "assistant"]


def test_sse_starting_a_conversation_sets_its_cookie_and_gives_its_token(client):
    client.cookies.clear()
    response = client.post("/v1/chat/stream", json={"message": "hello"})
    assert response.status_code == 200
    (kind, reply), = [e for e in sse_events(response.text) if e[0] == "reply"]
    assert reply["session_id"].startswith("web:") and reply["session_token"]
    assert response.headers["set-cookie"].startswith(f"shopdesk_session={reply['session_token']};")


def test_sse_turn_errors_are_error_events_and_the_get_stream_is_gone(client, short_limit):
    conversation, _ = start(client)
    response = client.post("/v1/chat/stream", json={"message": "a" * 150,
                                                    "session_id": conversation.session_id},
                           headers=conversation.headers)
    assert response.status_code == 200
    (kind, data), = sse_events(response.text)
    assert kind == "error" and data["status"] == 400
    assert client.get("/v1/chat/stream", params={"message": "hi"}).status_code == 405


def socket_turn(socket, frame: dict) -> tuple[list[dict], dict]:
    """Send one frame; returns (token frames, the final reply or error frame)."""
    socket.send_text(json.dumps(frame))
    tokens = []
    while True:
        event = socket.receive_json()
        if event["type"] != "token":
            return tokens, event
        tokens.append(event)


def test_websocket_starts_a_conversation_and_continues_it_on_one_socket(client):
    client.cookies.clear()
    with client.websocket_connect("/v1/ws") as socket:
        _, first = socket_turn(socket, {"message": "hi"})
        session_id = first["session_id"]
        _, second = socket_turn(socket, {"session_id": session_id,
                                         "message": "where is my order 000000111?"})
    assert first["type"] == "reply" and first["reply"]["text"] and first["session_token"]
    assert second["type"] == "reply" and "email" in second["reply"]["text"]
    assert second["session_id"] == session_id and "session_token" not in second
    assert len(transcript(client, Conversation(session_id, first["session_token"]))) == 4


def test_websocket_needs_the_token_for_a_conversation_it_did_not_start(client):
    conversation, _ = start(client)
    client.cookies.clear()
    with client.websocket_connect("/v1/ws") as socket:
        _, bare = socket_turn(socket, {"session_id": conversation.session_id, "message": "hi"})
    with client.websocket_connect("/v1/ws", headers=conversation.headers) as socket:
        _, proved = socket_turn(socket, {"session_id": conversation.session_id, "message": "hi"})
    assert bare["type"] == "error" and bare["status"] == 401
    assert proved["type"] == "reply" and proved["session_id"] == conversation.session_id


def test_websocket_bad_frame_is_an_error_frame_and_the_socket_goes_on(client):
    conversation, _ = start(client)
    sid = conversation.session_id
    with client.websocket_connect("/v1/ws", headers=conversation.headers) as socket:
        _, malformed = socket_turn(socket, {"session_id": sid})  # no message
        socket.send_text("{not json")
        not_json = socket.receive_json()
        _, deep = socket_turn(socket, json.loads('{"a": ' * 40 + "1" + "}" * 40))
        _, long = socket_turn(socket, {"session_id": sid, "message": "a" * 2001})
        _, reply = socket_turn(socket, {"session_id": sid, "message": "hello"})
    assert malformed["type"] == "error" and malformed["status"] == 400 and malformed["error"]
    assert not_json["type"] == "error" and not_json["status"] == 400
    assert deep["type"] == "error" and deep["status"] == 400
    assert long["type"] == "error" and long["status"] == 400
    assert reply["type"] == "reply" and reply["reply"]["text"]
    assert len(transcript(client, conversation)) == 4


def test_websocket_binary_or_oversized_frame_closes_with_its_code(client):
    from starlette.websockets import WebSocketDisconnect

    for send, code in ((lambda s: s.send_bytes(b'{"message": "hi"}'), 1003),
                       (lambda s: s.send_text(json.dumps({"message": "a" * 70_000})), 1009)):
        with client.websocket_connect("/v1/ws") as socket:
            send(socket)
            with pytest.raises(WebSocketDisconnect) as closed:
                socket.receive_json()
        assert closed.value.code == code


# --- rate limits and human agents --------------------------------------------------------------


def test_rate_limit_refuses_the_next_message_with_429(client, dialogue_service):
    saved = dialogue_service.rate_limit_per_minute
    dialogue_service.rate_limit_per_minute = 2
    try:
        for _ in range(2):  # the limit's window is the calendar minute: retry if one ended
            minute = int(time.time() // 60)
            conversation, _ = start(client, "hi")
            statuses = [client.post("/v1/chat", json={"session_id": conversation.session_id,
                                                      "message": m}, headers=conversation.headers)
                        for m in ("thanks", "hello")]
            if int(time.time() // 60) == minute:
                break
    finally:
        dialogue_service.rate_limit_per_minute = saved
    assert [r.status_code for r in statuses] == [200, 429]
    assert statuses[1].json()["kind"] == "RateLimited"
    assert len(transcript(client, conversation)) == 4  # the refused message was not stored
    assert chat(client, "hello", conversation)["reply"]["text"]  # the limit is lifted again


def test_reads_are_rate_limited_per_address(client):
    from dataclasses import replace

    conversation, _ = start(client)
    settings = client.app.state.settings
    client.app.state.settings = replace(settings, read_rate_limit_per_minute=5)
    try:
        for _ in range(2):  # the limit's window is the calendar minute: retry if one ended
            minute = int(time.time() // 60)
            statuses = [client.get(f"/v1/sessions/web:{i:024d}",
                                   headers=conversation.headers).status_code for i in range(8)]
            if int(time.time() // 60) == minute:
                break
    finally:
        client.app.state.settings = settings
    assert statuses.count(404) <= 5 and statuses[-1] == 429
    assert client.get(f"/v1/sessions/web:{0:024d}", headers=conversation.headers).json()[
        "kind"] == "UnknownSession"  # within the real limit again


def test_agent_takeover_silences_the_bot_until_hand_back(client, dialogue_service):
    conversation, _ = start(client)
    dialogue_service.take_over(conversation.session_id, "alice")

    quiet = chat(client, "where is my order?", conversation)
    assert quiet["reply"]["text"] == "" and quiet["reply"]["handoff"] is True
    session = client.get(f"/v1/sessions/{conversation.session_id}",
                         headers=conversation.headers).json()
    assert session["handoff_owner"] == "alice"
    assert session["transcript"][-1] == session["transcript"][-1] | {
        "role": "user", "text": "where is my order?"}

    dialogue_service.hand_back(conversation.session_id)
    back = chat(client, "hello", conversation)
    assert back["reply"]["text"] and back["reply"]["handoff"] is False
    roles = [e["role"] for e in transcript(client, conversation)]
    assert roles == ["user", "assistant", "system", "user", "system", "user", "assistant"]


# --- service endpoints -------------------------------------------------------------------------


def test_readyz_reports_the_generator_and_sessions(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready" and body["generator"] is True and body["sessions"] is True


def test_openapi_lists_the_chat_endpoints_with_their_errors(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/chat", "/v1/chat/stream", "/v1/sessions/{session_id}"} <= paths.keys()
    assert set(paths["/v1/chat/stream"]) == {"post"}
    assert {"200", "400", "401", "404", "413", "415", "422", "429", "503"} <= set(
        paths["/v1/chat"]["post"]["responses"])
    assert "text/event-stream" in paths["/v1/chat/stream"]["post"]["responses"]["200"]["content"]

"""POST /v1/feedback: a thumbs up or down lands on the newest reply; bad input is a clear 4xx."""

from __future__ import annotations

import uuid


def test_a_rating_is_stored_on_the_newest_reply_and_counted(client, dialogue_service):
    session = f"fb-{uuid.uuid4().hex[:8]}"
    client.post("/v1/chat", json={"session_id": session, "message": "hi"})
    client.post("/v1/chat", json={"session_id": session, "message": "thanks"})
    assert client.post("/v1/feedback", json={"session_id": session, "rating": "down"}).status_code == 204
    assert client.post("/v1/feedback", json={"session_id": session, "rating": "up"}).status_code == 204
    replies = [e.reply for e in dialogue_service.session(session).transcript if e.role == "assistant"]
    assert "feedback" not in replies[0] and replies[1]["feedback"] == "up"  # the second replaced it
    assert 'shopdesk_feedback_total{rating="up"}' in client.get("/metrics").text


def test_bad_ratings_and_unknown_sessions_are_clear_4xx(client):
    assert client.post("/v1/feedback", json={"session_id": "fb-x", "rating": "meh"}).status_code == 422
    unknown = client.post("/v1/feedback", json={"session_id": f"fb-{uuid.uuid4().hex}", "rating": "up"})
    assert unknown.status_code == 404 and "error" in unknown.json()
    assert client.post("/v1/feedback", content=b"up",
                       headers={"content-type": "text/plain"}).status_code == 415

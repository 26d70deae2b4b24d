"""POST /v1/feedback: a thumbs up or down lands on the newest reply; bad input is a clear 4xx."""

from __future__ import annotations



def test_a_rating_is_stored_on_the_newest_reply_and_counted(client, dialogue_service, shopper):
    me = shopper()
    me.say("hi")
    me.say("thanks")
    session = me.session_id
    assert client.post("/v1/feedback", json={"session_id": session, "rating": "down"},
                       headers=me.headers).status_code == 204
    assert client.post("/v1/feedback", json={"session_id": session, "rating": "up"},
                       headers=me.headers).status_code == 204
    replies = [e.reply for e in dialogue_service.session(session).transcript if e.role == "assistant"]
    assert "feedback" not in replies[0] and replies[1]["feedback"] == "up"  # the second replaced it
    assert 'shopdesk_feedback_total{rating="up"}' in client.get("/metrics").text


def test_bad_ratings_and_unknown_or_not_ones_own_sessions_are_clear_4xx(client, shopper):
    me, other = shopper(), shopper()
    me.say("hi")
    other.say("hi")
    assert client.post("/v1/feedback", json={"session_id": me.session_id, "rating": "meh"},
                       headers=me.headers).status_code == 422
    unknown = client.post("/v1/feedback", json={"session_id": "web:" + "a" * 24, "rating": "up"},
                          headers=me.headers)
    assert unknown.status_code == 404 and "error" in unknown.json()
    # someone else's conversation reads the same as an unknown one
    theirs = client.post("/v1/feedback", json={"session_id": other.session_id, "rating": "down"},
                         headers=me.headers)
    assert theirs.status_code == 404
    client.cookies.clear()  # no cookie and no header: no proof at all
    assert client.post("/v1/feedback", json={"session_id": me.session_id,
                                             "rating": "up"}).status_code == 401
    assert client.post("/v1/feedback", content=b"up",
                       headers={"content-type": "text/plain"}).status_code == 415

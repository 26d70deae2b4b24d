"""The agent panel's generated help with the real models: a suggested reply, product copy
drafts, and a product's review sentiment."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from bot.dialogue.grounding import guard
from bot.dialogue.written_replies import product_facts
from bot.panel.agents import add_account
from bot.settings import Settings
from bot.web.app import create_app
from models import ChatMessage

RETURN_QUESTION = "How many days do I have to return an item?"
RETURN_PASSAGE = "policy:returns-and-replacements#1"
WATCH = "24-WG02"


@pytest.fixture(scope="module")
def client(dialogue_service, tmp_path_factory):
    path = tmp_path_factory.mktemp("agents") / "agents.json"
    add_account(path, "alice", "alice-pass")
    settings = replace(Settings.from_env(), agents_file=str(path), redis_url="")
    with TestClient(create_app(settings, service=dialogue_service)) as client:
        assert client.post("/panel/login", json={"username": "alice", "password": "alice-pass"}
                           ).status_code == 200
        yield client


def test_a_suggested_reply_to_a_policy_question_cites_the_passage(client, dialogue_service):
    # a shopper's conversation: the test client keeps its owner cookie for the next turns
    session_id = client.post("/v1/chat", json={"message": "I want to talk to a human"}
                             ).json()["session_id"]
    client.post(f"/panel/api/conversations/{session_id}/takeover", json={})
    quiet = client.post("/v1/chat", json={"session_id": session_id, "message": RETURN_QUESTION})
    assert quiet.json()["reply"]["text"] == ""  # the bot stays quiet while alice has it
    before = dialogue_service.session(session_id).transcript

    response = client.post(f"/panel/api/conversations/{session_id}/suggestion", json={})
    assert response.status_code == 200, response.text
    reply = response.json()
    assert reply["text"] and "[" not in reply["text"]
    assert RETURN_PASSAGE in [c["id"] for c in reply["citations"]], reply
    assert re.search(r"\b30 days\b", reply["text"]), reply["text"]
    after = dialogue_service.session(session_id)
    assert after.transcript == before and after.handoff_owner == "alice"  # nothing stored


def test_no_suggestion_for_an_unknown_conversation_or_before_the_shopper_writes(
        client, dialogue_service):
    assert client.post("/panel/api/conversations/no-such/suggestion", json={}).status_code == 404
    session_id = f"panel-{uuid.uuid4().hex[:12]}"
    with dialogue_service.sessions.transaction(session_id):
        pass  # a conversation with no message yet
    response = client.post(f"/panel/api/conversations/{session_id}/suggestion", json={})
    assert response.status_code == 400 and "nothing to answer" in response.json()["error"]


def test_a_suggestion_asked_while_one_is_being_written_is_busy_not_a_server_error(
        client, dialogue_service):
    """Two agents asking at the same moment: the second gets 409, and can ask again after."""
    session_id = client.post("/v1/chat", json={"message": RETURN_QUESTION}).json()["session_id"]
    # The first agent's suggestion is mid-generation under the conversation's suggestion session.
    first = dialogue_service.generator.stream(f"suggest:{session_id}",
                                              [ChatMessage("user", RETURN_QUESTION)])
    try:
        next(first)
        response = client.post(f"/panel/api/conversations/{session_id}/suggestion", json={})
        assert response.status_code == 409, response.text
        assert "in progress" in response.json()["error"]
    finally:
        first.close()
    assert client.post(f"/panel/api/conversations/{session_id}/suggestion",
                       json={}).status_code == 200


def test_product_search_by_sku_and_by_name(client):
    by_sku = client.get("/panel/api/products", params={"q": WATCH}).json()["products"]
    assert by_sku[0]["sku"] == WATCH and by_sku[0]["name"] == "Didi Sport Watch"
    by_name = client.get("/panel/api/products", params={"q": "hoodie"}).json()["products"]
    assert by_name and all("hoodie" in p["name"].lower() for p in by_name)
    assert client.get("/panel/api/products", params={"q": ""}).status_code == 422


def test_product_copy_drafts_say_only_what_the_product_facts_support(client, demo_kb):
    response = client.post(f"/panel/api/products/{WATCH}/copy", json={})
    assert response.status_code == 200, response.text
    body = response.json()
    facts = {f["id"]: f["text"] for f in body["facts"]}
    assert facts and all(i.startswith(f"product:{WATCH}#") for i in facts)
    assert not any(i.endswith(("#price", "#stock")) for i in facts)  # page copy has no prices
    fact_list = [f for f in product_facts(demo_kb.product(WATCH)) if f.id in facts]
    for draft in (body["description"], body["tagline"]):
        assert draft["text"] and draft["guard"] in ("passed", "trimmed", "fallback")
        assert draft["cited"] and set(draft["cited"]) <= set(facts)
        if draft["guard"] == "fallback":
            assert draft["text"] in facts[draft["cited"][0]].replace("\n", " ")
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", draft["text"]):
            verdict = guard.check(f"{sentence} [{draft['cited'][0]}]", fact_list)
            assert verdict.ok, (sentence, verdict)


def test_copy_of_an_unknown_product_is_404(client):
    assert client.post("/panel/api/products/NO-SUCH-SKU/copy", json={}).status_code == 404


def test_review_sentiment_counts_add_up_to_the_products_reviews(client, demo_kb):
    sku = max(demo_kb.products, key=lambda p: len(demo_kb.reviews_of(p.sku))).sku
    reviews = demo_kb.reviews_of(sku)
    body = client.get(f"/panel/api/products/{sku}/reviews").json()
    assert body["sku"] == sku and body["total"] == len(reviews) > 0
    assert set(body["counts"]) == {"negative", "neutral", "positive"}
    assert sum(body["counts"].values()) == len(reviews) == len(body["reviews"])
    assert [r["rating"] for r in body["reviews"]] == [r.rating for r in reviews]
    assert all(r["label"] in body["counts"] and 0 < r["score"] <= 1 for r in body["reviews"])
    # the model was trained on these reviews' stars: most labels agree with them
    agree = sum((r["rating"] >= 4) == (r["label"] == "positive") for r in body["reviews"])
    assert agree >= 0.7 * len(reviews)


def test_the_suggestion_answers_the_question_before_a_request_for_a_person(client):
    session_id = client.post("/v1/chat", json={"message": RETURN_QUESTION}).json()["session_id"]
    client.post("/v1/chat", json={"session_id": session_id, "message": "I want to talk to a human"})
    response = client.post(f"/panel/api/conversations/{session_id}/suggestion", json={})
    assert response.status_code == 200, response.text
    assert RETURN_PASSAGE in [c["id"] for c in response.json()["citations"]], response.json()

"""Analytics equal a hand count over scripted conversations run on two service processes sharing
one Redis: a thumbs up clicked in the real widget (Chromium), a handoff and a thumbs down, an
extractive fallback (the model server is down: a knowledge gap), an out-of-scope question on
another channel. The panel's analytics page (real Chromium) and both processes' JSON and CSV
agree with the count."""

from __future__ import annotations

import csv
import io
import json
import socket
import urllib.request
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.integration


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def services(redis_server, tmp_path_factory, service_process) -> Iterator[tuple]:
    """Two services on one (emptied) Redis. They generate on a server that is down, so
    generated turns take the extractive fallback at once and no model loads."""
    import redis

    client = redis.Redis.from_url(redis_server)
    client.flushall()
    client.close()
    logdir = tmp_path_factory.mktemp("serve-analytics")
    env = {"SHOPDESK_REDIS_URL": redis_server, "SHOPDESK_RATE_LIMIT_PER_MINUTE": "0",
           "SHOPDESK_AGENTS_FILE": "", "SHOPDESK_STORE": "demo",
           "SHOPDESK_GENERATOR_URL": f"http://127.0.0.1:{_closed_port()}/v1",
           "SHOPDESK_GENERATOR_RETRIES": "0"}
    pair = (service_process("a", env, logdir), service_process("b", env, logdir))
    try:
        for service in pair:
            service.start()
        for service in pair:
            service.wait_ready()
        yield pair
    finally:
        for service in pair:
            service.stop()


def post(url: str, payload: dict, cookie: str = "", token: str = "") -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={
        "content-type": "application/json", "cookie": cookie} | (
        {"authorization": f"Bearer {token}"} if token else {}))
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read(), response.headers.get("set-cookie", "")


def get(url: str, cookie: str) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"cookie": cookie}),
                                timeout=60) as response:
        return response.read()


def test_the_figures_equal_a_hand_count(services, browser, ask_widget):
    from playwright.sync_api import expect

    a, b = services
    # 1. Process a, in the widget: a greeting, rated helpful. Resolved.
    context = browser.new_context()
    context.set_default_timeout(30_000)
    shopper = context.new_page()
    shopper.goto(a.url + "/")
    shopper.get_by_role("button", name="Open chat").click()
    ask_widget(shopper, "hi")
    shopper.get_by_role("button", name="Helpful", exact=True).click()
    expect(shopper.locator(".shopdesk-feedback")).to_have_text("Thanks for your feedback.")
    # 2. Process b: asks for a person, then rates the reply down. Handed off.
    handoff = b.open("I want to talk to a human")
    assert handoff["reply"]["action"] == "handoff"
    assert post(b.url + "/v1/feedback", {"session_id": handoff["session_id"], "rating": "down"},
                token=handoff["session_token"])[0] == 204
    # 3. Process a: a policy question while the model server is down. The extractive fallback
    #    answers it (resolved), and it is a knowledge gap.
    gap = "How soon must merchandise be returned?"  # a generated answer (the model is down)
    assert a.open(gap)["reply"]["action"] == "extractive"
    # 4. Process b: out of scope, so it ends without an answer. Not resolved.
    assert b.open("Who won the football world cup in 2010?")["reply"]["action"] == "out_of_scope"

    # Hand count: 4 web conversations; resolved 2 (1 and 3): 50%; one handoff
    # ("handoff": asked for a person): 25%; thumbs 1 up, 1 down: CSAT 50%; one gap.
    for service in (a, b):  # both processes read the same stored sessions
        cookie = post(service.url + "/panel/login", {"username": "demo", "password": "demo"})[2]
        cookie = cookie.split(";")[0]
        figures = json.loads(get(service.url + "/panel/api/analytics", cookie))
        assert figures["conversations"] == 4
        assert [d["channels"] for d in figures["per_day"]] == [{"web": 4}]
        assert (figures["resolved"], figures["resolution_rate"]) == (2, 0.5)
        assert (figures["handoffs"], figures["handoff_rate"]) == (1, 0.25)
        assert figures["handoff_reasons"] == {"handoff": 1}
        assert figures["feedback"] == {"up": 1, "down": 1, "csat": 0.5}
        assert [(g["question"], g["count"]) for g in figures["knowledge_gaps"]] == [(gap, 1)]
        assert sum(t["count"] for t in figures["top_intents"]) == 4  # one shopper message each
        rows = list(csv.DictReader(io.StringIO(get(service.url + "/panel/api/analytics.csv",
                                                   cookie).decode())))
        assert len(rows) == 4 and sum(int(r["resolved"]) for r in rows) == 2
        assert sum(int(r["thumbs_down"]) for r in rows) == 1

    # The page, drawn in the browser from the JSON (plain SVG), behind the panel login.
    agent = context.new_page()
    agent.goto(a.url + "/panel/analytics")
    expect(agent).to_have_url(a.url + "/panel")  # not logged in: sent to the login
    agent.get_by_label("Name", exact=True).fill("demo")
    agent.get_by_label("Password").fill("demo")
    agent.keyboard.press("Enter")
    expect(agent.locator(".agent-name")).to_have_text("demo")
    agent.goto(a.url + "/panel/analytics")
    expect(agent.locator("#kpi-conversations")).to_have_text("4")
    expect(agent.locator("#kpi-resolution")).to_have_text("50%")
    expect(agent.locator("#kpi-handoff")).to_have_text("25%")
    expect(agent.locator("#kpi-csat")).to_have_text("50% of 2")
    expect(agent.locator('#per-day rect[data-channel="web"]')).to_have_attribute("data-count", "4")
    expect(agent.locator("#handoff-reasons rect")).to_have_count(1)
    expect(agent.locator("#gaps tbody tr")).to_have_text([f"{gap}1{gap}"])
    context.close()

"""The agent panel and the shopper's widget side by side in a real headless Chromium, against
the real service (`shopdesk serve`): a handoff appears live in the panel's queue, the agent
takes over and replies, the shopper's widget shows the reply, and after hand back the bot
answers again.

The browser is the system Chromium (see test_widget_browser.py): never run `playwright install`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

LIVE_MS = 15_000  # the panel's events arrive at once; the widget polls every 4 s
AGENT_TEXT = "Hi, I'm from the support team. I can help with your order."
RETURN_QUESTION = "How many days do I have to return an item?"


@pytest.fixture
def pages(browser):
    """(agent, shopper): two pages in separate browser contexts (separate cookies, storage)."""
    contexts = [browser.new_context(viewport={"width": 1360, "height": 860}) for _ in range(2)]
    pages = []
    for context in contexts:
        context.set_default_timeout(15_000)
        pages.append(context.new_page())
    yield pages
    for context in contexts:
        context.close()


def log_in_with_the_keyboard(page, url: str) -> None:
    from playwright.sync_api import expect

    page.goto(url + "/panel")
    name = page.get_by_label("Name", exact=True)
    expect(name).to_be_focused()
    page.keyboard.type("demo")
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    page.keyboard.press("Enter")
    expect(page.locator(".agent-name")).to_have_text("demo")
    expect(page.locator(".live")).to_have_text("Live")


def test_a_handoff_goes_live_to_the_panel_and_the_agents_reply_reaches_the_widget(
        pages, live_service_url, tmp_path_factory, ask_widget):
    from playwright.sync_api import expect

    agent, shopper = pages
    log_in_with_the_keyboard(agent, live_service_url)
    agent.evaluate("window.__notReloaded = true")

    shopper.goto(live_service_url + "/")
    shopper.get_by_role("button", name="Open chat").click()
    handoff = ask_widget(shopper, "I want to talk to a human")
    expect(handoff.locator(".shopdesk-text")).to_contain_text("connecting you")
    session_id = shopper.evaluate(
        "() => Object.keys(localStorage).filter(k => k.endsWith(':session'))"
        ".map(k => localStorage.getItem(k))[0]")
    assert session_id

    row = agent.locator(f'li[data-session-id="{session_id}"]')
    expect(row.locator(".badge")).to_have_text("Waiting for an agent", timeout=LIVE_MS)
    expect(agent.locator(".conversation").first).to_have_attribute("data-session-id", session_id)
    row.get_by_role("button").click()
    expect(agent.locator("#transcript .entry--user .entry-text").first).to_have_text(
        "I want to talk to a human")
    expect(agent.locator("#summary-lines")).to_contain_text("shopper asked for a human")

    agent.get_by_role("button", name="Take over").click()
    expect(agent.locator("#detail-meta")).to_contain_text("You")
    expect(agent.get_by_label("Reply to the shopper")).to_be_focused()
    agent.get_by_label("Reply to the shopper").fill(AGENT_TEXT)
    agent.get_by_role("button", name="Send").click()
    expect(agent.locator("#transcript .entry--agent .entry-text")).to_have_text(AGENT_TEXT)

    expect(shopper.locator(".shopdesk-msg--agent .shopdesk-text")).to_have_text(
        AGENT_TEXT, timeout=LIVE_MS)

    agent.get_by_role("button", name="Hand back").click()
    expect(agent.locator("#detail-meta")).to_contain_text("Bot")
    answer = ask_widget(shopper, RETURN_QUESTION)
    expect(answer.locator(".shopdesk-text")).not_to_be_empty()
    expect(answer.locator(".shopdesk-text")).to_contain_text("30 days")
    # the bot's answer shows up in the open conversation, live, with what NLU found
    last_user = agent.locator("#transcript .entry--user").last
    expect(last_user.locator(".entry-text")).to_have_text(RETURN_QUESTION, timeout=LIVE_MS)
    expect(last_user.locator(".chip").first).to_contain_text("Intent")
    expect(agent.locator("#transcript .entry--assistant .entry-text").last).to_contain_text(
        "30 days", timeout=LIVE_MS)
    assert agent.evaluate("window.__notReloaded") is True

    last_user.locator("summary").first.click()  # open "Facts given to the bot"
    folder = Path(os.environ.get("TMPDIR", tmp_path_factory.getbasetemp()))
    path = folder / "shopdesk-panel.png"
    agent.screenshot(path=str(path))
    assert path.stat().st_size > 10_000

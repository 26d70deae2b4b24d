"""The chat widget in a real headless Chromium, talking to the real service (`shopdesk serve`).

The service runs as a subprocess on a free port with the real models, so the first test waits
for model loading. The browser is the system Chromium: this network cannot download one, so
never run `playwright install`.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]

# Answered by the generator (a "how many days" question is quoted by code, without streaming).
RETURN_QUESTION = "How soon must merchandise be returned?"
PRODUCT_QUESTION = "show me yoga pants for women"

# Record the text of the newest answer each time it changes while it is still being written:
# no typing dots any more, and no sources yet (the finished reply brings its sources in the same
# step as its text, so a plain non-streamed reply records nothing).
RECORD_STREAM_JS = """() => {
  const log = document.querySelector('[role="log"]');
  window.__streamedText = [];
  new MutationObserver(() => {
    if (log.getAttribute('aria-busy') !== 'true') return;
    const answers = log.querySelectorAll('.shopdesk-msg--assistant');
    const last = answers[answers.length - 1];
    if (!last || last.querySelector('.shopdesk-typing, .shopdesk-sources')) return;
    const text = last.querySelector('.shopdesk-text').textContent;
    if (text) window.__streamedText.push(text);
  }).observe(log, {subtree: true, childList: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def chat(browser, live_service_url):
    """One shopper's page with the chat open, kept for the module (the session lives on)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_service_url + "/")
    page.get_by_role("button", name="Open chat").click()
    yield page
    context.close()


@pytest.fixture(scope="module")
def return_answer(chat, ask_widget):
    chat.evaluate(RECORD_STREAM_JS)
    return ask_widget(chat, RETURN_QUESTION)


@pytest.fixture(scope="module")
def product_answer(chat, return_answer, ask_widget):
    return ask_widget(chat, PRODUCT_QUESTION)


def test_return_question_streams_an_answer_citing_the_30_day_window(chat, return_answer):
    from playwright.sync_api import expect

    expect(return_answer.locator(".shopdesk-text")).not_to_be_empty()
    assert chat.evaluate("window.__streamedText.length") > 0, "the answer was not streamed"
    chips = return_answer.locator(".shopdesk-chip")
    assert chips.count() >= 1
    sources = []
    for chip in chips.all():
        chip.click()
        expect(chip).to_have_attribute("aria-expanded", "true")
        sources.append(return_answer.locator(".shopdesk-source-text").inner_text())
    assert any(re.search(r"\b30 days\b", s) for s in sources), sources


def test_product_question_shows_cards_with_names_and_prices(chat, product_answer):
    cards = product_answer.get_by_role("listitem")
    assert cards.count() >= 1
    for card in cards.all():
        assert card.is_visible()
        assert card.locator(".shopdesk-card-name").inner_text().strip()
        assert re.search(r"\$\d+\.\d\d", card.locator(".shopdesk-price").inner_text())
        assert re.search(r"In stock|Out of stock", card.inner_text())
    names = " ".join(cards.locator(".shopdesk-card-name").all_inner_texts())
    assert re.search(r"Pant|Legging|Tight|Capri", names), names


def test_widget_screenshot(chat, product_answer, tmp_path_factory):
    """A picture of the open widget with product cards, for a person to look at."""
    folder = Path(os.environ.get("TMPDIR", tmp_path_factory.getbasetemp()))
    path = folder / "shopdesk-widget.png"
    product_answer.evaluate("answer => answer.scrollIntoView({block: 'start'})")
    chat.screenshot(path=str(path))
    assert path.stat().st_size > 10_000


def test_reload_keeps_the_conversation_and_the_open_panel(chat, product_answer):
    from playwright.sync_api import expect

    chat.reload()
    log = chat.get_by_role("log")
    expect(chat.get_by_role("dialog")).to_be_visible()
    expect(log.locator(".shopdesk-msg--user")).to_have_text([RETURN_QUESTION, PRODUCT_QUESTION])
    expect(log.locator(".shopdesk-card").first).to_be_visible()
    expect(log.locator(".shopdesk-chip").first).to_be_visible()


def test_escape_closes_the_panel_and_focuses_the_launcher(chat, return_answer):
    from playwright.sync_api import expect

    dialog = chat.get_by_role("dialog")
    if not dialog.is_visible():
        chat.get_by_role("button", name="Open chat").click()
    box = chat.get_by_role("textbox", name="Message")
    box.focus()
    box.press("Escape")
    expect(dialog).to_be_hidden()
    launcher = chat.get_by_role("button", name="Open chat")
    expect(launcher).to_be_focused()
    launcher.press("Enter")
    expect(dialog).to_be_visible()
    expect(box).to_be_focused()


def test_open_panel_fits_a_phone_screen(browser, live_service_url):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_service_url + "/")
        page.get_by_role("button", name="Open chat").click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 0.5, box
        assert box["width"] >= 380  # full width, not a squeezed desktop panel
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 390
        expect(page.get_by_role("textbox", name="Message")).to_be_in_viewport()
    finally:
        context.close()


def _panel_post(base_url: str, opener, path: str, payload: dict) -> None:
    request = urllib.request.Request(base_url + path, data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    with opener.open(request, timeout=30) as response:
        assert response.status in (200, 204), response.status


def test_an_agent_who_takes_over_unasked_reaches_the_open_widget(chat, live_service_url,
                                                                 return_answer):
    """No handoff was requested: the open widget still shows the agent joining and writing."""
    from playwright.sync_api import expect

    session_id = chat.evaluate("""() => {
      const key = Object.keys(localStorage).find(k => k.startsWith('shopdesk:') && k.endsWith(':session'));
      return key && localStorage.getItem(key);
    }""")
    assert session_id
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _panel_post(live_service_url, opener, "/panel/login", {"username": "demo", "password": "demo"})
    _panel_post(live_service_url, opener, f"/panel/api/conversations/{session_id}/takeover", {})
    _panel_post(live_service_url, opener, f"/panel/api/conversations/{session_id}/reply",
                {"text": "Hi, this is Dana from the store team."})
    agent = chat.locator(".shopdesk-msg--agent")
    expect(agent.last).to_contain_text("Hi, this is Dana from the store team.", timeout=25_000)
    _panel_post(live_service_url, opener, f"/panel/api/conversations/{session_id}/handback", {})


def test_the_conversation_token_is_a_cookie_no_script_can_read(chat, return_answer):
    cookies = {c["name"]: c for c in chat.context.cookies()}
    token = cookies["shopdesk_session"]
    assert token["httpOnly"] and token["sameSite"] == "Strict" and token["path"] == "/v1"
    stored = chat.evaluate("() => Object.values(localStorage).join(' ') + document.cookie")
    assert token["value"] not in stored  # the page's scripts never see it

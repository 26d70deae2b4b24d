"""The widget embedded on a shop's own site while the service runs on another, in a real headless
Chromium across real origins: the service on 127.0.0.1, the shop's pages on localhost (another
site), one port listed in SHOPDESK_EMBED_ORIGINS and one not (same site, another origin).

The service is the real app over the shared dialogue service, served by uvicorn in a thread;
the shop pages come from a plain HTTP server. Messages are ones code answers ("hi", an order
question), so no test waits for the generator.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.settings import Settings
from bot.web.app import create_app

pytestmark = pytest.mark.integration

FRAME = "iframe[title='Customer service chat']"
SHOP_HTML = ("<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
             "<body><h1>{title}</h1><script src='{service}/widget.js'></script></body></html>")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Uvicorn(threading.Thread):
    """The app served by uvicorn on 127.0.0.1 in a thread of this process."""

    def __init__(self, app, port: int) -> None:
        import uvicorn

        super().__init__(daemon=True)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                                    log_level="warning", proxy_headers=False))

    def run(self) -> None:
        self.server.run()

    def wait_started(self) -> None:
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.is_alive():
                pytest.fail("the embed test's service did not start")
            time.sleep(0.05)


@pytest.fixture(scope="module")
def origins():
    """(the service, a listed shop, a shop not listed): three origins, two sites."""
    service, shop, stranger = _free_port(), _free_port(), _free_port()
    return (f"http://127.0.0.1:{service}", f"http://localhost:{shop}",
            f"http://localhost:{stranger}")


@pytest.fixture(scope="module")
def service_url(origins, dialogue_service):
    service, shop, _ = origins
    settings = replace(Settings.from_env(), redis_url="", embed_origins=shop)
    server = _Uvicorn(create_app(settings, service=dialogue_service),
                      int(service.rsplit(":", 1)[1]))
    server.start()
    server.wait_started()
    yield service
    server.server.should_exit = True
    server.join(timeout=20)


@pytest.fixture(scope="module")
def shop_pages(origins, service_url):
    """Both shops' pages: the one-tag embed on each, and /frame.html, a page that frames
    /embed itself."""
    _, shop, stranger = origins
    servers = []
    for origin, title in ((shop, "Listed shop"), (stranger, "Another shop")):
        pages = {"/": SHOP_HTML.format(title=title, service=service_url),
                 "/frame.html": f"<!doctype html><title>{title}</title>"
                                f"<iframe id='direct' src='{service_url}/embed'></iframe>"}

        class Pages(BaseHTTPRequestHandler):
            def do_GET(self, pages=pages) -> None:  # noqa: N802 (http.server's name)
                body = pages.get(self.path.split("?")[0], "").encode()
                self.send_response(200 if body else 404)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", int(origin.rsplit(":", 1)[1])), Pages)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield shop, stranger
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    yield context
    context.close()


def _chat_frame(page):
    """The widget's frame on a shop page."""
    from playwright.sync_api import expect

    expect(page.locator(FRAME)).to_have_count(1)
    return page.frame_locator(FRAME)


def _ask(frame, text: str) -> None:
    from playwright.sync_api import expect

    answers = frame.locator(".shopdesk-msg--assistant")
    before = answers.count()
    box = frame.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")
    expect(frame.get_by_role("log")).not_to_have_attribute("aria-busy", "true", timeout=60_000)
    assert frame.locator(".shopdesk-notice--error").count() == 0, \
        frame.locator(".shopdesk-notice--error").all_inner_texts()
    expect(answers).to_have_count(before + 1)


def _conversation(page) -> tuple[str, str]:
    """(session id, token) as the shop's page keeps them for the widget's frame (the browser
    denies a third-party frame its own storage)."""
    stored = json.loads(page.evaluate("JSON.stringify(localStorage)"))
    session = next(v for k, v in stored.items() if k.endswith(":session"))
    token = next(v for k, v in stored.items() if k.endswith(":token"))
    return session, token


def test_a_listed_shop_on_another_site_keeps_its_conversation_across_a_reload(context,
                                                                             shop_pages):
    from playwright.sync_api import expect

    shop, _ = shop_pages
    page = context.new_page()
    page.goto(shop + "/")
    frame = _chat_frame(page)
    frame.get_by_role("button", name="Open chat").click()
    expect(frame.get_by_role("dialog")).to_be_visible()
    assert page.locator(FRAME).bounding_box()["height"] > 500  # the frame grew for the panel
    _ask(frame, "hi")
    _ask(frame, "where is my order?")
    session, token = _conversation(page)
    assert session.startswith("web:") and len(token) > 30
    assert token not in page.evaluate("document.cookie")

    page.reload()
    frame = _chat_frame(page)
    expect(frame.get_by_role("dialog")).to_be_visible()  # it was open: it opens again
    expect(frame.locator(".shopdesk-msg--user")).to_have_text(["hi", "where is my order?"])
    assert _conversation(page) == (session, token)
    frame.get_by_role("button", name="Close chat").first.click()
    expect(frame.get_by_role("dialog")).to_be_hidden()
    assert page.locator(FRAME).bounding_box()["height"] < 150  # back to the launcher's size


def test_a_site_not_listed_cannot_show_the_chat_frame(context, shop_pages, service_url):
    from playwright.sync_api import expect

    shop, stranger = shop_pages
    listed = context.new_page()  # the same page on the listed shop shows the frame
    listed.goto(shop + "/frame.html")
    expect(listed.frame_locator("#direct").get_by_role("button", name="Open chat")).to_be_visible()
    listed.close()
    for path in ("/", "/frame.html"):
        page = context.new_page()
        page.goto(stranger + path)
        page.wait_for_load_state("load")
        framed = [f for f in page.frames if f is not page.main_frame]
        assert framed, path
        for frame in framed:  # the browser refused it (frame-ancestors): an error page
            assert not frame.url.startswith("http"), (path, frame.url)
        page.close()


STRANGER_ATTACKS_JS = """async ([service, session]) => {
  const seen = {};
  const ask = JSON.stringify({session_id: session, message: "what is my order status?"});
  try {
    const read = await fetch(service + "/v1/sessions/" + session, {credentials: "include"});
    seen.read = "status " + read.status + " " + (await read.text());
  } catch (e) { seen.read = "refused"; }
  try {
    const write = await fetch(service + "/v1/chat", {method: "POST", credentials: "include",
      headers: {"Content-Type": "application/json"}, body: ask});
    seen.write = "status " + write.status;
  } catch (e) { seen.write = "refused"; }
  // a request the browser sends without asking first (it cannot read the answer)
  await fetch(service + "/v1/chat", {method: "POST", mode: "no-cors", credentials: "include",
    headers: {"Content-Type": "text/plain"}, body: ask}).catch(() => null);
  seen.socket = await new Promise((resolve) => {
    const ws = new WebSocket(service.replace("http", "ws") + "/v1/ws");
    ws.onopen = () => ws.send(ask);
    ws.onmessage = (event) => { const frame = JSON.parse(event.data);
      if (frame.type !== "token") { ws.close(); resolve(frame.type + " " + frame.status); } };
    ws.onerror = () => resolve("refused");
  });
  return seen;
}"""


def test_a_site_not_listed_can_neither_read_nor_write_the_conversation(context, shop_pages,
                                                                       service_url,
                                                                       dialogue_service):
    shop, stranger = shop_pages
    page = context.new_page()
    page.goto(shop + "/")
    frame = _chat_frame(page)
    frame.get_by_role("button", name="Open chat").click()
    _ask(frame, "hi")
    session, token = _conversation(page)
    stored = len(dialogue_service.owned_session(session, token).transcript)

    # the same browser (its storage, its cookies) on a page of a site not listed, which knows
    # the conversation's id
    attacker = context.new_page()
    attacker.goto(stranger + "/")
    seen = attacker.evaluate(STRANGER_ATTACKS_JS, [service_url, session])
    assert seen["read"] == "refused" and seen["write"] == "refused", seen
    assert seen["socket"] == "error 401", seen
    assert len(dialogue_service.owned_session(session, token).transcript) == stored

    # while the listed shop's page goes on with it
    _ask(frame, "where is my order?")
    assert len(dialogue_service.owned_session(session, token).transcript) == stored + 2

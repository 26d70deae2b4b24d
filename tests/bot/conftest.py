"""Fixtures of the bot tests: a redis-server a test restarts, and real `shopdesk serve`
processes (the shared redis-server is in tests/conftest.py)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
import redis


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RestartableRedis:
    """A private redis-server with an append-only file (fsync every second, as the README
    advises), that a test stops and starts again on the same port."""

    def __init__(self, workdir: Path, binary: str) -> None:
        self.workdir, self.binary, self.port = workdir, binary, _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes", "--appendfsync", "everysec", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        try:
            while True:
                try:
                    client.ping()
                    return
                except (redis.ConnectionError, redis.BusyLoadingError):
                    if time.monotonic() > deadline:
                        pytest.fail("redis-server did not answer PING within 10 s")
                    time.sleep(0.02)  # polling for the server to come up, not waiting out time
        finally:
            client.close()

    def stop(self) -> None:
        """SIGTERM: the server flushes its append-only file and exits."""
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def restartable_redis(tmp_path, redis_binary) -> Iterator[RestartableRedis]:
    """A running `RestartableRedis` of the test's own."""
    server = RestartableRedis(tmp_path, redis_binary)
    server.start()
    yield server
    if server.proc.poll() is None:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture
def redis_url(redis_server) -> str:
    """The shared server's URL, emptied (FLUSHALL) before the test."""
    client = redis.Redis.from_url(redis_server)
    client.flushall()
    client.close()
    return redis_server


# --- real service processes ----------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
STARTUP_S = 180
REQUEST_S = 60
#: Owner tokens of the web conversations service processes started, by session id.
TOKENS: dict[str, str] = {}


class ServiceProcess:
    """One real `shopdesk serve` process on a free loopback port (start, wait_ready, stop).

    Args:
        name: For logs and messages.
        env: SHOPDESK_* settings for it (e.g. the Redis URL).
        logdir: Where its output goes.
    """

    def __init__(self, name: str, env: dict[str, str], logdir: Path) -> None:
        self.name, self.extra_env, self.logdir = name, env, logdir
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.starts = 0

    def start(self) -> None:
        shopdesk = ROOT / ".venv" / "bin" / "shopdesk"
        if not shopdesk.exists():
            pytest.fail(f"{shopdesk} is missing; run `bash scripts/test.sh`", pytrace=False)
        port = _free_port()
        env = {**os.environ, "SHOPDESK_PORT": str(port), "SHOPDESK_HOST": "127.0.0.1",
               "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **self.extra_env}
        self.starts += 1
        self.logfile = self.logdir / f"{self.name}-{self.starts}.log"
        self.url = f"http://127.0.0.1:{port}"
        with open(self.logfile, "wb") as out:
            self.proc = subprocess.Popen([str(shopdesk), "serve"], cwd=ROOT, env=env, stdout=out,
                                         stderr=subprocess.STDOUT)

    def wait_ready(self) -> None:
        """Return once GET /readyz answers 200 (models loaded, Redis reachable)."""
        deadline = time.monotonic() + STARTUP_S
        while not self._ready():
            try:  # waits on the process: returns at once if it died, else after 0.5 s
                self.proc.wait(timeout=0.5)
                pytest.fail(f"service {self.name} exited with {self.proc.returncode}:\n"
                            f"{self._log_tail()}")
            except subprocess.TimeoutExpired:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"service {self.name} was not ready within {STARTUP_S} s:\n"
                            f"{self._log_tail()}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def open(self, message: str) -> dict:
        """POST /v1/chat without a session: the service starts one; its token is kept (in
        `TOKENS`, so that every process of a test can continue it). Returns the body."""
        status, body = self._request("/v1/chat", {"message": message})
        assert status == 200, f"{self.name}: {status} {body}"
        TOKENS[body["session_id"]] = body["session_token"]
        return body

    def chat(self, session_id: str, message: str) -> dict:
        """POST /v1/chat in a conversation `open` started; returns the body of a 200 (anything
        else fails the test)."""
        status, body = self._request("/v1/chat", {"session_id": session_id, "message": message},
                                     TOKENS[session_id])
        assert status == 200, f"{self.name}: {status} {body}"
        return body

    def auth(self, session_id: str) -> dict[str, str]:
        """The header that proves a conversation `open` started is ours (for streams, sockets)."""
        return {"authorization": f"Bearer {TOKENS[session_id]}"}

    def session(self, session_id: str) -> dict:
        status, body = self._request(f"/v1/sessions/{session_id}", token=TOKENS[session_id])
        assert status == 200, f"{self.name}: {status} {body}"
        return body

    def _request(self, path: str, payload: dict | None = None,
                 token: str = "") -> tuple[int, dict]:
        data = None if payload is None else json.dumps(payload).encode()
        headers = {"content-type": "application/json"} | (
            {"authorization": f"Bearer {token}"} if token else {})
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_S) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def _ready(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/readyz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def _log_tail(self) -> str:
        return self.logfile.read_text(errors="replace")[-3000:]




@pytest.fixture(scope="session")
def service_process() -> type[ServiceProcess]:
    """The `ServiceProcess` class, for tests that run the real service as a process."""
    return ServiceProcess


# --- the real service and a real browser, shared by the browser tests ------------------------

CHROMIUM = "/usr/bin/chromium"
REPLY_MS = 120_000  # a generated answer on a busy 2-core CPU
# Headless on a closed network: without the background-networking flags Chromium keeps trying
# to reach Google's hosts.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def live_service_url(tmp_path_factory) -> Iterator[str]:
    """One `shopdesk serve` on the demo store (demo agent login demo / demo), for the session."""
    service = ServiceProcess("live", {"SHOPDESK_AGENTS_FILE": "", "SHOPDESK_STORE": "demo"},
                             tmp_path_factory.mktemp("serve"))
    try:
        service.start()
        service.wait_ready()
        yield service.url
    finally:
        service.stop()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (`playwright install` cannot download one here).

    Per module: Playwright's sync API keeps an asyncio loop running in the main thread while it
    is open, and later tests that call asyncio.run() would fail.
    """
    from playwright import sync_api

    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        pytest.fail("chromium is not installed; run `bash scripts/test.sh`, which installs it "
                    "(or `apt-get install chromium`)", pytrace=False)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def client(dialogue_service):
    """The HTTP app over the shared dialogue service (memory sessions, default settings)."""
    from fastapi.testclient import TestClient

    from bot.settings import Settings
    from bot.web.app import create_app

    with TestClient(create_app(Settings.from_env(), service=dialogue_service)) as client:
        yield client


def _ask_widget(page, text: str):
    """Type and send `text` in the open widget; wait for the finished reply and return its
    message element."""
    from playwright.sync_api import expect

    answers = page.locator(".shopdesk-msg--assistant")
    before = answers.count()
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".shopdesk-msg--user").last).to_have_text(text)
    log = page.get_by_role("log")
    expect(log).not_to_have_attribute("aria-busy", "true", timeout=REPLY_MS)
    errors = page.locator(".shopdesk-notice--error")
    assert errors.count() == 0, f"the widget showed an error: {errors.all_inner_texts()}"
    expect(answers).to_have_count(before + 1)
    return answers.last


@pytest.fixture(scope="session")
def ask_widget():
    """`ask_widget(page, text)`: a shopper's message sent in the widget, its reply awaited."""
    return _ask_widget


# --- a second store, unlike the demo ---------------------------------------------------------

SECOND_STORE = ROOT / "bench" / "data" / "stores" / "brightline"


@pytest.fixture(scope="session")
def second_store(tmp_path_factory) -> Path:
    """A copy of bench/data/stores/brightline: office lighting, furniture and POS hardware in
    euro, Irish/EU delivery regions, no variants, no reviews, no promotions, specs in the
    descriptions (products.csv, three policy pages, an FAQ and store.yaml)."""
    folder = tmp_path_factory.mktemp("stores") / "brightline"
    shutil.copytree(SECOND_STORE, folder)
    return folder


@pytest.fixture(scope="session")
def second_kb(second_store):
    from kb import KnowledgeBase

    return KnowledgeBase.from_folder(second_store)


class WebShopper:
    """A shopper on the web API: the first message starts a conversation, whose token every
    later request proves (as the widget does with its cookie)."""

    def __init__(self, client) -> None:
        self.client, self.session_id, self.headers = client, None, {}

    def body(self, message: str) -> dict:
        return {"message": message} | ({"session_id": self.session_id} if self.session_id else {})

    def say(self, message: str, path: str = "/v1/chat"):
        response = self.client.post(path, json=self.body(message), headers=self.headers)
        if self.session_id is None and response.status_code == 200 and path == "/v1/chat":
            data = response.json()
            self.session_id = data["session_id"]
            self.headers = {"authorization": f"Bearer {data['session_token']}"}
        return response


@pytest.fixture
def shopper(client):
    """Makes web shoppers over the shared test client (cookies cleared: tokens go by header)."""
    def new() -> WebShopper:
        client.cookies.clear()
        return WebShopper(client)
    return new

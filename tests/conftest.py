"""Fixtures shared across packages: the real demo store and its search index, the whole
dialogue service, and a private redis-server on a free loopback port."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest
import redis

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from bot.settings import Settings  # noqa: E402
from kb import KnowledgeBase  # noqa: E402
from retrieval import Embedder  # noqa: E402


@pytest.fixture(scope="session")
def embedder() -> Iterator[Embedder]:
    """The real bundled MiniLM, loaded once for the whole run, on one torch thread.

    Two intra-op threads on a 2-core box that is busy with anything else make every forward pass
    wait on a descheduled thread: one query took ~500 ms instead of ~15 ms on a shared CI box.
    """
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield Embedder().load()
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def demo_kb() -> KnowledgeBase:
    return KnowledgeBase.demo()


@pytest.fixture(scope="session")
def demo_retriever(demo_kb, embedder):
    """The demo store's index from the data directory that `shopdesk setup` fills.

    Loaded when current (the README's test command runs setup first); built otherwise.
    """
    from retrieval import Retriever

    return Retriever.build_or_load(Settings.from_env().index_dir, demo_kb.documents(),
                                   embedder=embedder)


@pytest.fixture(scope="session")
def dialogue_service(demo_kb, demo_retriever):
    """The whole dialogue service on the demo store with the real models, loaded once.

    Sessions live in memory here; tests of Redis behaviour build their own store. Like the
    rate limit, the limit on wrong order/email pairs across conversations is off: every test
    shares this service and its demo orders (tests/bot/test_ownership_attacks.py has its own).
    """
    from dataclasses import replace

    from bot.service import build_dialogue_service

    settings = replace(Settings.from_env(), redis_url="", rate_limit_per_minute=0,
                       verification_wrong_pairs_per_hour=0)
    service = build_dialogue_service(settings, kb=demo_kb, retriever=demo_retriever)
    yield service
    service.close()


@pytest.fixture(scope="session")
def _session_logging() -> tuple[list[logging.Handler], int]:
    root = logging.getLogger()
    return root.handlers[:], root.level


@pytest.fixture(autouse=True)
def _restore_root_logging(_session_logging):
    """Each test starts with the root logger as the session had it (pytest's own capture
    handlers aside): a test or fixture that ran the CLI, which configures logging, must not make
    later tests' libraries log to stderr."""
    from _pytest.logging import LogCaptureHandler

    handlers, level = _session_logging
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers
                        if h in handlers or isinstance(h, LogCaptureHandler)]
    root.setLevel(level)
    yield


# --- a real redis-server, shared by the tests of every package -------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_binary() -> str:
    """The redis-server program (tests start their own servers on free ports)."""
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    if found is None:
        pytest.fail("redis-server is not installed; run `bash scripts/test.sh`, which installs "
                    "it (or `apt-get install redis-server`)", pytrace=False)
    return found


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory, redis_binary) -> Iterator[str]:
    """A private redis-server for the whole run, without persistence; yields its URL."""
    workdir = tmp_path_factory.mktemp("redis")
    port = _free_port()
    logfile = workdir / "redis.log"
    proc = subprocess.Popen(
        [redis_binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir), "--logfile", str(logfile)],
        cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5)
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                log = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else ""
                pytest.fail(f"redis-server exited with {proc.returncode}:\n{log}")
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not answer PING on port {port} within 10 s")
                time.sleep(0.02)  # polling for the server to come up, not waiting out time
        yield url
    finally:
        client.close()
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture
def redis_client(redis_server) -> Iterator[redis.Redis]:
    """A client of the shared server, emptied (FLUSHALL) before the test."""
    client = redis.Redis.from_url(redis_server)
    client.flushall()
    yield client
    client.close()

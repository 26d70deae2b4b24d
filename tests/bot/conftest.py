"""Fixtures of the bot tests: a real redis-server on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest
import redis


def _redis_server_binary() -> str:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    if found is None:
        pytest.fail("redis-server is not installed; run `bash scripts/test.sh`, which installs "
                    "it (or `apt-get install redis-server`)", pytrace=False)
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Iterator[str]:
    """A private redis-server for the whole run, without persistence; yields its URL."""
    binary = _redis_server_binary()
    workdir = tmp_path_factory.mktemp("redis")
    port = _free_port()
    logfile = workdir / "redis.log"
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
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
def redis_url(redis_server) -> str:
    """The shared server's URL, emptied (FLUSHALL) before the test."""
    client = redis.Redis.from_url(redis_server)
    client.flushall()
    client.close()
    return redis_server

"""The reply model in a child process: `shopdesk generator` started, watched and restarted by the
service, and the `ServerGenerator` that talks to it.

In the service's own process the model's torch threads and its Python scheduler loop competed
with NLU, code-written turns and the event loop for the cores and the GIL: at 200 shoppers on 2
cores, code-written turns took 5.4 s at p95 and health checks up to 0.9 s. In a child at a
lower CPU priority (nice +10 by default) the model only gets what the service leaves, and the
service reaches it as it would reach vLLM: over HTTP on loopback, with retries, a circuit
breaker, per-turn deadlines and cancellation by closing the stream.

The child dies with the service (it watches its parent pid), is started again
with backoff when it exits, and until it answers `/health` the generator is not `loaded`
(/readyz says not ready) and generated turns answer from the facts without the model.

Its API on loopback would otherwise let any local process (or any container sharing the
network namespace) drive the model: each start draws a random bearer token, hands it to the
child in its environment (not its arguments, which `ps` shows to every user) as
``SHOPDESK_GENERATOR_API_KEY``, and the child answers only `/health` without it.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace

import httpx2

from models import ServerGenerator, ServerOptions

from bot.settings import Settings

log = logging.getLogger(__name__)

#: Pauses before restarting a child that exited: doubling up to the last one.
RESTART_BACKOFF_S = (0.5, 1.0, 2.0, 5.0)
#: `shopdesk` without its console script (``-m bot.cli.main`` warns: bot.cli imports main).
_RUN_CLI = "import sys; from bot.cli.main import main; sys.exit(main())"
#: A child that ran this long before exiting starts the backoff over.
STABLE_S = 60.0


class GeneratorProcess:
    """`shopdesk generator` on a loopback port, kept running until `stop()`.

    Args:
        settings: The service's settings; the child reads the same ones (its generator is the
            in-process one whatever `generator_url` says).
        probe_interval_s: How often the child's `/health` is asked (and its exit noticed).
    """

    def __init__(self, settings: Settings, probe_interval_s: float = 0.5) -> None:
        self.port = settings.generator_port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.token = secrets.token_urlsafe(32)  # the child's bearer token, for this start
        child = replace(settings, generator_url="", generator_process=False,
                        generator_api_key=self.token)
        self._env = {**os.environ, **child.to_env(), "HF_HUB_OFFLINE": "1",
                     "TRANSFORMERS_OFFLINE": "1"}
        self._nice = settings.generator_nice
        self._probe_interval_s = probe_interval_s
        self._proc: subprocess.Popen | None = None
        self._started_at = 0.0
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None
        self.healthy = False
        self.restarts = 0

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def start(self) -> GeneratorProcess:
        """Start the child and its watcher; returns at once (the model loads in the child)."""
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="generator-process",
                                         daemon=True)
        self._watcher.start()
        return self

    def wait_healthy(self, timeout_s: float) -> bool:
        """Wait until the child answers `/health` (for callers that must not start without it)."""
        deadline = time.monotonic() + timeout_s
        while not self.healthy and time.monotonic() < deadline:
            if self._stopping.wait(0.1):
                return False
        return self.healthy

    def stop(self) -> None:
        """Stop the watcher and the child (SIGTERM, then SIGKILL after 10 s)."""
        self._stopping.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        proc, self.healthy = self._proc, False
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)

    def _spawn(self) -> None:
        command = [sys.executable, "-c", _RUN_CLI, "generator", "--host", "127.0.0.1",
                   "--port", str(self.port), "--nice", str(self._nice),
                   "--parent", str(os.getpid())]
        self._proc = subprocess.Popen(command, env=self._env, stdin=subprocess.DEVNULL)
        self._started_at = time.monotonic()
        log.info("generator process %d starting on %s (nice +%d)", self._proc.pid, self.url,
                 self._nice)

    def _watch(self) -> None:
        failures = 0
        with httpx2.Client(timeout=httpx2.Timeout(1.0, connect=0.5)) as client:
            while not self._stopping.wait(self._probe_interval_s):
                proc = self._proc
                if proc is not None and proc.poll() is not None:
                    self.healthy = False
                    ran_s = time.monotonic() - self._started_at
                    failures = 0 if ran_s > STABLE_S else failures
                    pause = RESTART_BACKOFF_S[min(failures, len(RESTART_BACKOFF_S) - 1)]
                    failures += 1
                    log.error("generator process %d exited with %s after %.0f s; starting it "
                              "again in %.1f s", proc.pid, proc.returncode, ran_s, pause)
                    if self._stopping.wait(pause):
                        return
                    self.restarts += 1
                    self._spawn()
                    continue
                self.healthy = self._probe(client)

    def _probe(self, client: httpx2.Client) -> bool:
        try:
            return client.get(f"http://127.0.0.1:{self.port}/health").status_code == 200
        except httpx2.HTTPError:
            return False


class ChildGenerator(ServerGenerator):
    """`ServerGenerator` over a `GeneratorProcess` it owns: loaded while the child answers,
    and closing it stops the child."""

    def __init__(self, process: GeneratorProcess, options: ServerOptions) -> None:
        super().__init__(process.url, replace(options, api_key=process.token, idle_prefill=True))
        self.process = process

    @property
    def loaded(self) -> bool:
        return super().loaded and self.process.healthy

    @property
    def device(self) -> str:
        return f"child process on {self.base_url}"

    def close(self) -> None:
        super().close()
        self.process.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

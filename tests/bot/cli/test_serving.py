"""`shopdesk generator --parent PID`: the model's process lives as long as the service's process,
not as long as the thread that started it (PR_SET_PDEATHSIG follows the thread, and a retired
worker thread once took the model down mid-conversation)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_CHILD = ("import sys, time; from bot.cli.serving import _exit_with_parent; "
          "_exit_with_parent(int(sys.argv[1])); print('ready', flush=True); time.sleep(120)")
# An intermediate "service" that starts the child and then waits to be killed.
_SERVICE = ("import os, subprocess, sys, time; "
            f"child = subprocess.Popen([sys.executable, '-c', {_CHILD!r}, str(os.getpid())]); "
            "print(child.pid, flush=True); time.sleep(120)")
_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_the_child_outlives_the_thread_that_started_it():
    started: list[subprocess.Popen] = []

    def spawn() -> None:  # a worker thread that starts the child, sees it ready, and ends
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(os.getpid())], env=_ENV,
                                 stdout=subprocess.PIPE, text=True)
        started.append(child)
        assert child.stdout.readline().strip() == "ready"

    spawner = threading.Thread(target=spawn)
    spawner.start()
    spawner.join()
    (child,) = started
    try:
        time.sleep(1.5)  # three of its parent checks, all after the spawning thread ended
        assert child.poll() is None, "the child died with the thread that started it"
    finally:
        child.kill()
        child.wait(timeout=10)


def test_the_child_exits_when_its_parent_is_killed_9():
    service = subprocess.Popen([sys.executable, "-c", _SERVICE], env=_ENV, stdout=subprocess.PIPE,
                               text=True)
    child_pid = int(service.stdout.readline())
    try:
        time.sleep(1.0)  # the child is watching by now
        assert _alive(child_pid)
        service.send_signal(signal.SIGKILL)
        service.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(child_pid) and time.monotonic() < deadline:
            time.sleep(0.1)  # polling another process's state
        assert not _alive(child_pid), "the child outlived its parent"
    finally:
        if _alive(child_pid):
            os.kill(child_pid, signal.SIGKILL)

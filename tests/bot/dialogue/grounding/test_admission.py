"""`AdmissionGate`: a few generations at once, a short queue, then `Overloaded` at once."""

from __future__ import annotations

import threading
import time

import pytest

from bot.dialogue.errors import Overloaded
from bot.dialogue.grounding.admission import AdmissionGate
from bot.errors import http_status, retry_after


def test_past_the_queue_a_turn_is_refused_at_once_with_a_retry_hint():
    gate = AdmissionGate(capacity=1, queue=0, max_wait_s=5)
    with gate.admit():
        started = time.monotonic()
        with pytest.raises(Overloaded, match="busy") as caught:
            with gate.admit():
                pass
        assert time.monotonic() - started < 0.5
    assert http_status(caught.value) == 503 and retry_after(caught.value) >= 1
    assert gate.stats() == {"running": 0, "waiting": 0, "refused": 1}
    with gate.admit():  # the slot is free again
        pass


def test_a_queued_turn_runs_when_a_slot_frees_and_gives_up_after_max_wait():
    gate = AdmissionGate(capacity=1, queue=1, max_wait_s=5)
    held, release, admitted = threading.Event(), threading.Event(), threading.Event()

    def hold():
        with gate.admit():
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    def wait_for_slot():
        with gate.admit():
            admitted.set()

    waiter = threading.Thread(target=wait_for_slot)
    waiter.start()
    while gate.stats()["waiting"] == 0:  # the waiter is queued
        time.sleep(0.01)
    with pytest.raises(Overloaded):  # the queue (1) is full
        with gate.admit():
            pass
    release.set()
    assert admitted.wait(5)
    holder.join(5)
    waiter.join(5)

    short = AdmissionGate(capacity=1, queue=1, max_wait_s=0.2)
    with short.admit():
        started = time.monotonic()
        with pytest.raises(Overloaded, match="0.2 s"):
            with short.admit():
                pass
        assert 0.15 < time.monotonic() - started < 2


def test_bad_bounds_are_refused():
    with pytest.raises(ValueError):
        AdmissionGate(capacity=0, queue=1, max_wait_s=1)

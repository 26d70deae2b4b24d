"""bench/understanding.py: its stopwatch adds up the wrapped calls by the clock it is given."""

from __future__ import annotations

import pytest

from bench.understanding import Stopwatch, main


class Reader:
    def read(self, text: str) -> str:
        return text.upper()


def test_stopwatch_adds_each_call_by_its_clock():
    ticks = iter([0.0, 0.25, 1.0, 1.5])
    watch = Stopwatch(clock=lambda: next(ticks))
    reader = Reader()
    watch.wrap(reader, "read", "read")
    assert reader.read("hi") == "HI"
    assert reader.read("again") == "AGAIN"
    assert watch.parts["read"] == pytest.approx(0.75)


def test_stopwatch_counts_a_call_that_raises():
    ticks = iter([0.0, 2.0])
    watch = Stopwatch(clock=lambda: next(ticks))

    class Broken:
        def read(self, text: str) -> str:
            raise ValueError(text)

    broken = Broken()
    watch.wrap(broken, "read", "read")
    with pytest.raises(ValueError):
        broken.read("x")
    assert watch.parts["read"] == pytest.approx(2.0)


def test_cpu_clock_refuses_more_than_one_thread(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--clock", "cpu", "--threads", "2"])
    assert stopped.value.code == 2
    assert "--threads 1" in capsys.readouterr().err

"""bench/understanding.py: its stopwatch adds up the wrapped calls by the clock it is given; the p95 tail."""

from __future__ import annotations

import pytest

from bench.understanding import Stopwatch, main, tail_rows


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


def test_a_part_inside_another_is_timed_apart_and_counted():
    ticks = iter([0.0, 1.0, 3.0, 4.0])  # outer starts, inner 1.0 -> 3.0, outer ends at 4.0
    watch = Stopwatch(clock=lambda: next(ticks))

    class Model:
        def run(self, text: str) -> str:
            return text[::-1]

    class Reader:
        def __init__(self) -> None:
            self.model = Model()

        def read(self, text: str) -> str:
            return self.model.run(text)

    reader = Reader()
    watch.wrap(reader, "read", "read")
    watch.wrap(reader.model, "run", "model pass", inside=True)
    assert reader.read("ab") == "ba"
    assert watch.parts == {"read": pytest.approx(4.0)}  # the turn's total counts the pass once
    assert watch.inside["model pass"] == pytest.approx(2.0)
    assert watch.calls["model pass"] == 1
    watch.clear()
    assert not watch.parts and not watch.inside and not watch.calls


def _turn(total: float, encodes: int) -> dict:
    return {"total": total, "read": 0.0, "nlu": total / 2, "decide": total / 2, "after": 0.0,
           "classifier pass": 1.0, "MiniLM encode": 10.0 * encodes,
           "classifier pass calls": 2, "MiniLM encode calls": encodes}


def test_the_tail_holds_the_turns_at_or_above_the_p95():
    turns = [_turn(float(ms), 0) for ms in range(1, 20)] + [_turn(40.0, 1)]
    rows = tail_rows(turns)
    assert rows["all turns"]["turns"] == 20
    assert rows["p95 tail"]["turns"] == 2  # the p95 of 20 turns is the 19th: 19 ms and 40 ms
    assert rows["p95 tail"]["total"] == pytest.approx(29.5)
    assert rows["p95 tail"]["MiniLM encode"] == pytest.approx(5.0)
    assert rows["p95 tail"]["searched share"] == pytest.approx(0.5)
    assert rows["all turns"]["searched share"] == pytest.approx(0.05)
    assert tail_rows([]) == {}

"""bench/turns.py: its CPU clock mode refuses what it cannot count."""

from __future__ import annotations

import pytest

from bench.turns import main


def test_cpu_clock_refuses_more_than_one_thread(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--clock", "cpu", "--threads", "2"])
    assert stopped.value.code == 2
    assert "--threads 1" in capsys.readouterr().err

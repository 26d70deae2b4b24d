"""The guard on real generated replies labelled by hand (bench/data/guard_replies.jsonl): not
one reply of the dev part labelled unsupported may pass. The held-out part (every third row) is
scored by `bench/guard_replies.py score` and never tuned to."""

from __future__ import annotations


import pytest


@pytest.fixture(scope="module")
def bench(bench_script):
    return bench_script("guard_replies.py")


def test_the_labelled_set_is_well_formed_and_split_by_position(bench):
    rows = bench.load()
    assert len(rows) >= 45
    assert {row["label"] for row in rows} <= set(bench.LABELS)
    assert all(row["q"] and row["reply"] and row["facts"] for row in rows)
    assert [row["split"] for row in rows[:6]] == ["dev", "dev", "heldout"] * 2


def test_no_unsupported_reply_passes_the_guard(bench):
    scores = bench.score([row for row in bench.load() if row["split"] == "dev"])["dev"]
    assert scores["unsupported"] >= 15  # replies that must be refused, of several kinds
    assert scores["false passes (unsupported)"] == 0
    assert scores["passed"] >= scores["answers"] // 2  # refusing everything is no guard

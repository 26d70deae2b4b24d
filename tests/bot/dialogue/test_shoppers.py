"""The real-shoppers suite (bench/data/shoppers*.json, issues #14/#15) with the real models.

The tuned part is gated at the pass rate measured when this floor was set (not higher); the
held-out part is played and reported, never gated (nothing is tuned to it). About a minute on 2
shared CPU cores plus loading the models, so marked slow:
`pytest -m slow tests/bot/dialogue/test_shoppers.py`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_RUNNER = Path(__file__).resolve().parents[3] / "bench" / "shoppers.py"
#: Measured floors of the tuned part (conversations, turns) when this test was written.
MIN_CONVERSATIONS = 0.95  # measured 139/141 (issue #14, session 6); two generated policy answers vary
MIN_TURNS = 0.97  # measured 208/210


def _runner():
    spec = importlib.util.spec_from_file_location("shoppers_bench", _RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_suite_covers_every_skill_and_holds_out_a_third():
    shoppers = _runner()
    tuned, held = shoppers.load("tuned"), shoppers.load("heldout") + shoppers.load("faq-heldout")
    assert len(tuned) + len(held) >= 60
    # every third of each written batch; conversations written from probes after a fix are tuned
    assert len(held) * 10 >= len(tuned + held) * 3
    skills = {s for c in tuned + held for s in c["skills"]}
    assert {"followup", "interrupt", "multi", "language", "handoff", "pretext", "product",
            "facts", "quote", "fallback"} <= skills
    assert all(c["turns"] and all("expect" in t for t in c["turns"]) for c in tuned + held)


def test_checks_catch_a_wrong_reference(demo_kb):
    from bot.types import ProductCard, Reply

    shoppers = _runner()
    cheap, dear = demo_kb.product("24-WB06"), demo_kb.product("24-MB02")
    cards = (ProductCard.of(dear), ProductCard.of(cheap))
    wrong = Reply(f"The {dear.name} costs ${dear.final_price:.2f}.")
    right = Reply(f"The {cheap.name} costs ${cheap.final_price:.2f}.")
    assert shoppers.problems(wrong, {"names_cheapest_shown": True}, demo_kb, cards)
    assert not shoppers.problems(right, {"names_cheapest_shown": True}, demo_kb, cards)


@pytest.fixture
def own_orders(dialogue_service, demo_kb):
    """The suite cancels and returns demo orders: it gets its own copy, so other tests sharing
    the service still see the seeded orders."""
    from datetime import date

    from kb.orders import DemoOrderBackend

    shared = dialogue_service.orders
    dialogue_service.orders = DemoOrderBackend.seeded(demo_kb, date.today())
    yield dialogue_service
    dialogue_service.orders = shared


@pytest.mark.slow
def test_real_shoppers(own_orders, capsys):
    shoppers = _runner()
    with capsys.disabled():
        tuned = shoppers.report("tuned", shoppers.play(own_orders, shoppers.load("tuned")), True)
        shoppers.report("heldout", shoppers.play(own_orders, shoppers.load("heldout")), False)
    (conv_ok, conv_all), (turn_ok, turn_all) = tuned["conversations"], tuned["turns"]
    assert conv_ok / conv_all >= MIN_CONVERSATIONS
    assert turn_ok / turn_all >= MIN_TURNS

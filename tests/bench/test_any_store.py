"""bench/any_store.py's bookkeeping: the held-out split, the per-store data folder keyed by the
store's files (so a store's own models are trained once and reused), and the scoring."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from bot.types import Citation, ProductCard, Reply

_ROOT = Path(__file__).resolve().parents[2]
_STORES = _ROOT / "bench" / "data" / "stores"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("any_store_bench", _ROOT / "bench" / "any_store.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["brightline", "vendure_sample"])
def test_every_third_question_is_held_out(bench, name):
    questions = bench.load_questions(_STORES / f"{name}_questions.jsonl")
    assert len(questions) >= 40
    assert [q["split"] for q in questions[:6]] == ["dev", "dev", "heldout"] * 2
    assert all((q["split"] == "heldout") == (q["index"] % 3 == 2) for q in questions)


def test_a_store_folder_is_keyed_by_its_files(bench, tmp_path):
    store = tmp_path / "shop"
    shutil.copytree(_STORES / "vendure_sample", store)
    base = tmp_path / "base"
    (base / "models" / "generator").mkdir(parents=True)
    (base / "models" / "intent").mkdir()
    own = bench.data_dir_for(store, base, tmp_path / "cache", "own")
    demo = bench.data_dir_for(store, base, tmp_path / "cache", "demo")
    assert own != demo and own.parent == demo.parent
    assert (own / "models" / "generator").resolve() == (base / "models" / "generator").resolve()
    assert not (own / "models" / "intent").exists()  # trained for the store, never the demo's
    assert (demo / "models" / "intent").resolve() == (base / "models" / "intent").resolve()
    assert (own / "index").resolve() == (demo / "index").resolve()  # one index per store
    assert bench.data_dir_for(store, base, tmp_path / "cache", "own") == own  # reused
    (store / "products.csv").write_text((store / "products.csv").read_text() + "\n")
    assert bench.data_dir_for(store, base, tmp_path / "cache", "own") != own  # changed store


def test_a_reply_is_scored_against_every_expectation(bench):
    card = ProductCard(sku="C24F390", name="Curvy Monitor (24 inch)", price=143.74)
    reply = Reply("Here is what I found: Curvy Monitor (24 inch) (€143.74).", products=(card,),
                  citations=(Citation("product:C24F390#price", "Curvy Monitor"),),
                  action="product_search")
    assert bench.problems(reply, {"action": ["product_search"], "products_any": ["C24F390"],
                                  "max_price": 150, "text_not": ["$"]}) == []
    wrong = bench.problems(reply, {"action": ["answer"], "max_price": 100,
                                   "text_any": ["€5.00"], "cites": ["policy:withdrawal"]})
    assert len(wrong) == 4

"""bench/any_store.py's bookkeeping: the held-out split, the per-store data folder keyed by the
store's files (so a store's own models are trained once and reused), and the scoring."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.types import Citation, ProductCard, Reply

_ROOT = Path(__file__).resolve().parents[2]
_STORES = _ROOT / "bench" / "data" / "stores"


@pytest.fixture(scope="module")
def bench(bench_script):
    return bench_script("any_store.py")


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


class _Recorder:
    """A stand-in service that records what each session was sent, in order."""

    def __init__(self):
        self.sent: list[tuple[str, str]] = []

    def reply(self, message):
        self.sent.append((message.session_id, message.text))
        return message.text


def test_a_conversation_row_sends_its_before_messages_first_in_one_session(bench):
    from bot.types import ChannelMessage

    service = _Recorder()
    row = {"q": "and in 2l?", "before": ["how much is the apple juice", "the 1l one"],
           "split": "dev"}
    assert bench.ask(service, ChannelMessage, row) == "and in 2l?"  # q's result is scored
    assert [text for _, text in service.sent] == row["before"] + ["and in 2l?"]
    assert len({session for session, _ in service.sent}) == 1
    bench.ask(service, ChannelMessage, {"q": "hi"})  # an old row: one message, a new session
    assert service.sent[-1][1] == "hi" and service.sent[-1][0] != service.sent[0][0]


def test_a_wrong_dev_row_names_its_before_messages_and_a_held_out_row_does_not(bench):
    row = {"q": "and express?", "before": ["shipping to perth"], "split": "dev"}
    assert "shipping to perth" in bench._before_note(row, ["lacks '$19.95'"])
    assert bench._before_note(row, []) == ""
    assert bench._before_note(row | {"split": "heldout"}, ["lacks '$19.95'"]) == ""


class _Echo:
    """A stand-in service whose reply repeats the shopper's words, so a row expecting them is right."""

    def reply(self, message):
        return SimpleNamespace(reply=Reply(message.text, action="answer"), guard="")


def test_one_file_is_asked_per_split_and_each_row_is_scored(bench, tmp_path):
    from bot.types import ChannelMessage

    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps({"q": f"row {i}", "kind": "k", "expect": {"text_any": [f"row {i}"]}})
                                   for i in range(4)) + "\n")
    held = bench._ask_all(_Echo(), ChannelMessage, questions, "heldout", [])
    assert [row["q"] for row in held] == ["row 2"] and held[0]["right"]
    assert [row["split"] for row in bench._ask_all(_Echo(), ChannelMessage, questions, "all", [])] == \
        ["dev", "dev", "heldout", "dev"]

"""The reranker's training pairs: dev rows only, a real answering sentence, same-store negatives."""

import json
from pathlib import Path

import pytest

from bot.nlu import rerank_pairs
from kb import KnowledgeBase

STORES = Path(__file__).resolve().parents[3] / "bench" / "data" / "stores"


@pytest.fixture(scope="module")
def rows():
    return rerank_pairs.shipped_rows()


def test_shipped_rows_come_from_dev_rows_of_the_sources_only(rows):
    files = {file for _, file in rerank_pairs.SOURCES}
    assert rows
    assert all(r["index"] % 3 != 2 for r in rows)  # 2, 5, 8, ... are held out
    assert {r["file"] for r in rows} <= files
    assert not {r["file"] for r in rows} & rerank_pairs.HELD_OUT_FILES


def test_each_positive_states_the_expected_text_and_no_negative_does(rows):
    for r in rows:
        lines = (STORES / r["file"]).read_text().splitlines()
        question = json.loads(lines[r["index"]])
        assert question["q"] == r["q"]
        assert rerank_pairs.answers(r["positive"], question["expect"])
        assert not any(rerank_pairs.answers(n, question["expect"]) for n in r["negatives"])


def test_the_shipped_file_is_what_the_builder_writes(rows):
    built = rerank_pairs.build(STORES)
    assert built == rows, "rerun `python -m bot.nlu.rerank_pairs`"


def test_negatives_are_the_stores_own_sentences_and_look_alikes_come_first():
    sentences = rerank_pairs.store_sentences(KnowledgeBase.load(str(STORES / "woo_sample")))
    rows = list(rerank_pairs.rows_for("woo_sample", STORES / "woo_sample_policy_questions.jsonl",
                                      sentences))
    assert rows
    for r in rows:
        assert r["positive"] in sentences and set(r["negatives"]) <= set(sentences)
        asked = rerank_pairs.words(r["q"])
        first, last = r["negatives"][0], r["negatives"][-1]
        assert len(asked & rerank_pairs.words(first)) >= len(asked & rerank_pairs.words(last))


def test_a_wholly_held_out_file_is_refused():
    with pytest.raises(ValueError, match="held out"):
        list(rerank_pairs.rows_for("woo_sample", STORES / "woo_sample_questions.jsonl", ["x" * 20]))


def test_leaving_a_store_out_drops_its_rows_and_rows_answered_by_its_sentences(rows):
    woo = {r["positive"] for r in rows if r["store"] == "woo_sample"}
    kept = rerank_pairs.leaving_out(rows, "oro_sample", unseen=woo)
    assert kept and not {r["positive"] for r in kept} & woo
    assert not any(r["store"] == "oro_sample" for r in kept)
    assert rerank_pairs.leaving_out(rows) == rows

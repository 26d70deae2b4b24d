import numpy as np
import pytest

from retrieval.bm25 import BM25Index, stem, tokenize

TEXTS = [
    "You may return most items within 30 days of delivery.",
    "Standard shipping costs $5 and takes 3 to 5 business days.",
    "Warm fleece pullover jacket for cold mornings.",
    "Light rain jacket with a zip hood.",
]


@pytest.fixture
def index() -> BM25Index:
    bm25 = BM25Index()
    bm25.add(TEXTS)
    return bm25


@pytest.mark.parametrize("word, expected", [
    ("returns", "return"), ("policies", "policy"), ("days", "day"), ("shoes", "shoe"),
    ("dress", "dress"), ("status", "status"), ("bus", "bus"), ("gas", "gas"), ("jacket", "jacket"),
])
def test_stem_folds_plurals_only(word, expected):
    assert stem(word) == expected


def test_tokenize_lowercases_drops_stopwords_and_single_letters_keeps_digits():
    assert tokenize("How do I return THE Jackets? 30-day window, size S") == [
        "how", "do", "return", "jacket", "30", "day", "window", "size"]


def test_best_match_first_and_only_matching_rows(index):
    rows, scores = index.search("how many days to return an item", 10)
    assert rows[0] == 0
    assert list(scores) == sorted(scores, reverse=True)
    assert set(rows) <= {0, 1}  # only rows sharing a term ("day", "return")


def test_allowed_mask_is_respected(index):
    allowed = np.array([False, True, True, True])
    rows, _ = index.search("return days", 10, allowed)
    assert 0 not in rows and list(rows) == [1]


def test_no_shared_term_gives_nothing(index):
    rows, scores = index.search("zzz unknownword", 5)
    assert rows.size == 0 and scores.size == 0


def test_empty_index_gives_nothing():
    assert BM25Index().search("jacket", 5)[0].size == 0


def test_k_caps_results(index):
    assert len(index.search("jacket", 1)[0]) == 1


def test_remove_add_and_compact(index):
    index.remove([2])
    assert list(index.search("jacket", 5)[0]) == [3]
    (new_row,) = index.add(["Packable down jacket."])
    assert new_row == 4
    assert set(index.search("jacket", 5)[0]) == {3, 4}
    index.compact(np.array([0, 1, 3, 4]))
    assert set(index.search("jacket", 5)[0]) == {2, 3}


def test_save_load_round_trip_then_update(index, tmp_path):
    index.remove([1])
    index.save(tmp_path / "bm25")
    texts = [TEXTS[0], None, TEXTS[2], TEXTS[3]]
    loaded = BM25Index.load(tmp_path / "bm25", texts)
    for query in ("jacket", "return within days", "shipping"):
        expected, got = index.search(query, 5), loaded.search(query, 5)
        assert np.array_equal(expected[0], got[0]) and np.allclose(expected[1], got[1])
    loaded.add(["Shipping is free over $100."])  # tokens are rebuilt from the texts here
    assert list(loaded.search("shipping", 5)[0]) == [4]
    assert list(loaded.search("rain", 5)[0]) == [3]


def test_load_rejects_a_row_count_mismatch(index, tmp_path):
    index.save(tmp_path / "bm25")
    with pytest.raises(ValueError):
        BM25Index.load(tmp_path / "bm25", TEXTS[:2])

import json
import time
from dataclasses import replace

import pytest

import retrieval.index_store as index_store
from kb.types import Document, Passage, Product
from retrieval import (DuplicateDocument, Embedder, EmbedderMismatch, Filters, Hit, IndexNotBuilt,
                       InvalidQuery, Retriever, UnknownFilter)
from retrieval.retriever import content_hash

RETURN_QUESTION = "how many days do I have to return an item"
QUERIES = [RETURN_QUESTION, "rain jacket", "shipping cost", "yoga discount code", "refund"]


def ids(hits: list[Hit]) -> list[str]:
    return [hit.id for hit in hits]


@pytest.fixture
def count_encoded(embedder, monkeypatch):
    """Counts the texts the shared embedder encodes during a test."""
    counter = {"texts": 0}
    encode = embedder.encode

    def counting(texts):
        texts = list(texts)
        counter["texts"] += len(texts)
        return encode(texts)

    monkeypatch.setattr(embedder, "encode", counting)
    return counter


# ---- search --------------------------------------------------------------------------------

def test_return_question_finds_the_return_window_first(retriever):
    for search in (retriever.search, retriever.search_dense, retriever.search_bm25):
        assert search(RETURN_QUESTION, k=3)[0].id == "policy:returns#1"


def test_hits_are_sorted_complete_and_read_only(retriever, store_docs):
    hits = retriever.search("warm jacket for running", k=5)
    assert len(hits) == 5 and len(set(ids(hits))) == 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    doc = retriever.get(hits[0].id)
    assert (hits[0].type, hits[0].title, hits[0].text) == (doc.type, doc.title, doc.text)
    with pytest.raises(TypeError):
        hits[0].metadata["price"] = 0


def test_k_is_capped_to_the_collection(retriever, store_docs):
    assert len(retriever.search("jacket", k=100)) == len(store_docs)
    assert len(retriever.search_dense("jacket", k=100)) == len(store_docs)


def test_bm25_returns_only_documents_sharing_a_term(retriever):
    assert set(ids(retriever.search_bm25("backpack", k=10))) == {"product:WB01"}


@pytest.mark.parametrize("filters, check", [
    ({"type": "product"}, lambda d: d.type == "product"),
    ({"type": "article"}, lambda d: d.type != "product"),
    ({"category": "jackets"}, lambda d: any(c.endswith("/Jackets")
                                            for c in d.metadata.get("categories", []))),
    ({"category": "Women/Tops"}, lambda d: any(c.startswith("Women/Tops/")
                                               for c in d.metadata.get("categories", []))),
    ({"min_price": 30, "max_price": 45}, lambda d: 30 <= d.metadata.get("price", -1) <= 45),
    ({"in_stock": True}, lambda d: d.metadata.get("in_stock") is True),
    ({"in_stock": False, "type": "product"}, lambda d: d.metadata.get("in_stock") is False),
])
def test_filters_hold_in_every_search(retriever, store_docs, filters, check):
    expected = {d.id for d in store_docs if check(d)}
    for search in (retriever.search, retriever.search_dense):
        hits = search("jacket for a run", k=12, filters=filters)
        assert set(ids(hits)) == expected  # k covers the store: every match, nothing else
    assert set(ids(retriever.search_bm25("jacket yoga return", k=12, filters=filters))) <= expected


def test_filter_that_matches_nothing_gives_no_hits(retriever):
    assert retriever.search("jacket", filters=Filters(category="Shoes")) == []


def test_filters_steer_an_ambiguous_query(retriever):
    promotion = retriever.search("yoga", k=1, filters={"type": "promotion"})
    assert promotion[0].id == "promotion:spring#1"
    assert retriever.search("yoga", k=1, filters={"type": "product"})[0].type == "product"


# ---- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["", "   \n\t", None, 42, b"jacket"])
def test_bad_query_raises_invalid_query(retriever, query):
    for search in (retriever.search, retriever.search_dense, retriever.search_bm25):
        with pytest.raises(InvalidQuery):
            search(query)


@pytest.mark.parametrize("k", [0, -3, 1.5, "5", True, None])
def test_bad_k_raises_invalid_query(retriever, k):
    with pytest.raises(InvalidQuery, match="k must be"):
        retriever.search("jacket", k=k)


def test_unknown_filter_key_raises(retriever):
    with pytest.raises(UnknownFilter, match="colour"):
        retriever.search("jacket", filters={"colour": "red"})
    with pytest.raises(InvalidQuery):
        retriever.search("jacket", filters={"min_price": 10, "max_price": 5})


def test_100kb_query_is_answered_fast(retriever):
    query = "I want to return the jacket I bought because it does not fit " * 1600  # ~100 KB
    start = time.perf_counter()
    hits = retriever.search(query, k=3)
    assert time.perf_counter() - start < 1.0
    assert len(hits) == 3


def test_empty_retriever_returns_nothing(embedder):
    empty = Retriever.from_documents([], embedder)
    assert len(empty) == 0 and empty.search("jacket") == []


# ---- add / remove --------------------------------------------------------------------------

NEW_DOC = Document("faq:gift#1", "faq", "Gift cards",
                   "Gift cards never expire and can be used on any order.", {})


@pytest.fixture(params=[20_000, 0], ids=["flat", "hnsw"])
def mutable(request, retriever) -> Retriever:
    return retriever.with_ann_threshold(request.param)


def test_add_then_find(mutable):
    assert mutable.add([NEW_DOC]) == 1
    assert NEW_DOC.id in mutable and len(mutable) == 13
    assert mutable.search("do gift cards expire", k=1)[0].id == NEW_DOC.id
    assert mutable.search_bm25("gift", k=1)[0].id == NEW_DOC.id


def test_add_existing_or_repeated_id_raises_and_adds_nothing(mutable, store_docs):
    with pytest.raises(DuplicateDocument):
        mutable.add([NEW_DOC, store_docs[0]])
    with pytest.raises(DuplicateDocument):
        mutable.add([NEW_DOC, NEW_DOC])
    assert NEW_DOC.id not in mutable and len(mutable) == 12


def test_removed_documents_never_come_back(mutable):
    assert mutable.remove(["policy:returns#1", "no-such-id"]) == 1
    assert mutable.remove("policy:returns#1") == 0
    assert "policy:returns#1" not in mutable and len(mutable) == 11
    exact_text = "You may return most new, unopened items within 30 days of delivery"
    for search in (mutable.search, mutable.search_dense, mutable.search_bm25):
        assert "policy:returns#1" not in ids(search(exact_text, k=20))
    with pytest.raises(KeyError):
        mutable.get("policy:returns#1")


def test_heavy_removal_compacts_and_stays_correct(mutable, store_docs):
    gone = [d.id for d in store_docs if d.type == "product"][:4]  # a third: compaction
    assert mutable.remove(gone) == 4
    assert mutable._dense.rows == 8  # renumbered: no tombstones left
    hits = mutable.search("jacket", k=20)
    assert len(hits) == 8 and not set(ids(hits)) & set(gone)
    assert mutable.search(RETURN_QUESTION, k=1)[0].id == "policy:returns#1"
    mutable.add([NEW_DOC])
    assert mutable.get(NEW_DOC.id) == NEW_DOC


def test_from_documents_accepts_kb_objects_and_rejects_duplicates(embedder):
    product = Product("MS01", "Trail Sock", "Merino hiking sock.", 12.0,
                      categories=("Gear/Socks",))
    passage = Passage("policy:care#1", "policy:care", "policy", "Care", ("Washing",),
                      "Wash cold and dry flat.")
    retriever = Retriever.from_documents([product, passage], embedder)
    assert retriever.get("product:MS01").metadata["price"] == 12.0
    assert retriever.search("how do I wash it", k=1)[0].id == "policy:care#1"
    with pytest.raises(DuplicateDocument):
        Retriever.from_documents([product, product.to_document()], embedder)
    with pytest.raises(TypeError):
        Retriever.from_documents(["not a document"], embedder)


# ---- persistence ---------------------------------------------------------------------------

def all_results(retriever: Retriever) -> list:
    out = []
    for query in QUERIES:
        for search in (retriever.search, retriever.search_dense, retriever.search_bm25):
            out.append([(h.id, round(h.score, 6)) for h in search(query, k=5)])
        out.append(ids(retriever.search(query, k=5, filters={"type": "product"})))
    return out


@pytest.mark.parametrize("ann_threshold", [20_000, 0], ids=["flat", "hnsw"])
def test_save_load_round_trip_gives_identical_results(retriever, embedder, tmp_path,
                                                      ann_threshold):
    original = retriever.with_ann_threshold(ann_threshold)
    original.remove(["faq:orders#1"])  # tombstones survive the round trip
    original.save(tmp_path / "index")
    loaded = Retriever.load(tmp_path / "index", embedder)
    assert all_results(loaded) == all_results(original)
    assert len(loaded) == 11 and "faq:orders#1" not in loaded
    manifest = json.loads((tmp_path / "index" / "manifest.json").read_text())
    assert manifest["documents"] == 11 and manifest["model_id"] == embedder.model_id
    assert manifest["index_kind"] == ("hnsw" if ann_threshold == 0 else "flat")
    loaded.add([NEW_DOC])  # a loaded index stays updatable
    assert loaded.search_bm25("gift cards", k=1)[0].id == NEW_DOC.id


def test_build_or_load_reuses_then_rebuilds_only_what_changed(embedder, store_docs, tmp_path,
                                                               count_encoded):
    path = tmp_path / "index"
    Retriever.build_or_load(path, store_docs, embedder)
    assert count_encoded["texts"] == len(store_docs)

    again = Retriever.build_or_load(path, reversed(store_docs), embedder)  # order is irrelevant
    assert count_encoded["texts"] == len(store_docs)  # loaded: nothing embedded
    assert again.search(RETURN_QUESTION, k=1)[0].id == "policy:returns#1"

    count_encoded["texts"] = 0
    changed = [replace(d, text="Returns are accepted within 60 days of delivery.")
               if d.id == "policy:returns#1" else d for d in store_docs]
    rebuilt = Retriever.build_or_load(path, changed, embedder)
    assert count_encoded["texts"] == 1  # only the changed text
    assert "60 days" in rebuilt.get("policy:returns#1").text
    assert rebuilt.search_bm25("60 days", k=1)[0].id == "policy:returns#1"
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["content_hash"] == content_hash(changed) != content_hash(store_docs)
    assert Retriever.load(path, embedder).get("policy:returns#1").text.startswith("Returns")


def test_build_or_load_with_another_ann_threshold_rebuilds_without_embedding(
        embedder, store_docs, tmp_path, count_encoded):
    path = tmp_path / "index"
    Retriever.build_or_load(path, store_docs, embedder)
    hnsw = Retriever.build_or_load(path, store_docs, embedder, ann_threshold=0)
    assert count_encoded["texts"] == len(store_docs)
    assert json.loads((path / "manifest.json").read_text())["index_kind"] == "hnsw"
    assert hnsw.search(RETURN_QUESTION, k=1)[0].id == "policy:returns#1"


def test_content_hash_sees_metadata_and_ignores_order(store_docs):
    assert content_hash(store_docs) == content_hash(reversed(store_docs))
    cheaper = [replace(d, metadata={**d.metadata, "price": 1.0}) if d.id == "product:MJ01"
               else d for d in store_docs]
    assert content_hash(cheaper) != content_hash(store_docs)


def test_load_without_an_index_raises_index_not_built(tmp_path, embedder):
    for path in (tmp_path / "missing", tmp_path):  # no folder; a folder without a manifest
        with pytest.raises(IndexNotBuilt) as excinfo:
            Retriever.load(path, embedder)
        assert str(path) in str(excinfo.value) and "shopdesk index" in str(excinfo.value)


def test_load_with_another_model_raises(store_index):
    with pytest.raises(EmbedderMismatch, match="shopdesk index"):
        Retriever.load(store_index, Embedder(max_seq_length=64))


def test_load_of_a_damaged_index_raises_index_not_built(retriever, embedder, tmp_path):
    retriever.save(tmp_path / "index")
    (tmp_path / "index" / "dense.faiss").unlink()
    with pytest.raises(IndexNotBuilt, match="shopdesk index"):
        Retriever.load(tmp_path / "index", embedder)


def test_crash_while_saving_keeps_the_old_index(retriever, embedder, tmp_path, monkeypatch):
    path = tmp_path / "index"
    retriever.save(path)
    before = all_results(Retriever.load(path, embedder))
    retriever.add([NEW_DOC])

    def crash(folder, manifest):
        raise OSError("disk full")

    monkeypatch.setattr(index_store, "write_manifest", crash)
    monkeypatch.setattr("retrieval.retriever.write_manifest", crash)
    with pytest.raises(OSError, match="disk full"):
        retriever.save(path)
    assert [p.name for p in tmp_path.iterdir()] == ["index"]  # no temp folder left behind
    reloaded = Retriever.load(path, embedder)
    assert NEW_DOC.id not in reloaded and all_results(reloaded) == before

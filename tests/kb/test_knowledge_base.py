import pytest

from kb import KnowledgeBase, UnknownProduct


def test_stats_count_by_type(demo_kb):
    stats = demo_kb.stats()
    assert stats["products"] == 193
    assert stats["reviews"] == 500
    assert stats["articles.promotion"] == 5
    assert stats["articles.page"] == 1
    assert stats["articles.policy"] == 55 + 4  # ABCD subflows + Luma policy articles
    assert stats["passages"] == sum(len(a.passages) for a in demo_kb.articles)
    assert stats["problems"] == 0


def test_documents_are_one_per_product_and_passage_with_unique_ids(demo_kb):
    docs = list(demo_kb.documents("all"))
    assert len(docs) == demo_kb.stats()["products"] + demo_kb.stats()["passages"]
    assert len({d.id for d in docs}) == len(docs)
    watch = next(d for d in docs if d.id == "product:24-WG02")
    assert watch.type == "product" and watch.metadata["price"] == 92.0
    assert watch.metadata["in_stock"] is True
    assert "Gear/Watches" in watch.metadata["categories"]


def test_shopper_documents_leave_out_agent_guidelines(demo_kb):
    shopper = list(demo_kb.documents())
    agent_passages = sum(len(a.passages) for a in demo_kb.articles if a.audience == "agent")
    assert agent_passages > 0
    assert len(shopper) == len(list(demo_kb.documents("all"))) - agent_passages
    assert all(d.metadata.get("audience", "shopper") == "shopper" for d in shopper)
    with pytest.raises(ValueError, match="audience"):
        list(demo_kb.documents("robots"))


def test_unknown_sku_names_itself():
    with pytest.raises(UnknownProduct, match="NOPE"):
        KnowledgeBase().product("NOPE")


def test_reviews_of_a_product(demo_kb):
    reviews = demo_kb.reviews_of("24-MB01")
    assert reviews and all(r.sku == "24-MB01" for r in reviews)

import numpy as np
import pytest

from kb.types import ARTICLE_TYPES
from retrieval import Filters, InvalidQuery, UnknownFilter
from retrieval.filter_index import FilterIndex, category_keys


@pytest.fixture(scope="module")
def index(store_docs) -> FilterIndex:
    filters = FilterIndex()
    filters.add(store_docs)
    return filters


@pytest.fixture(scope="module")
def matching(index, store_docs):
    """Ids of the store documents that pass the given filters."""
    def ids(filters: Filters) -> set[str]:
        return {doc.id for doc, ok in zip(store_docs, index.mask(filters)) if ok}
    return ids


# ---- Filters.parse -------------------------------------------------------------------------

def test_parse_passes_none_and_filters_through():
    assert Filters.parse(None) is None
    filters = Filters(types=("policy",))
    assert Filters.parse(filters) is filters


def test_parse_reads_every_key_and_merges_type_and_types():
    filters = Filters.parse({"type": "product", "types": ["faq", "product"], "category": "Men",
                             "min_price": 10, "max_price": 50.5, "in_stock": True})
    assert filters == Filters(types=("product", "faq"), category="Men", min_price=10.0,
                              max_price=50.5, in_stock=True)


def test_parse_ignores_null_values():
    assert Filters.parse({"category": None, "type": None}).is_empty


def test_unknown_key_names_it_and_lists_valid_keys():
    with pytest.raises(UnknownFilter) as excinfo:
        Filters.parse({"colour": "red", "type": "product"})
    message = str(excinfo.value)
    assert "'colour'" in message and "category" in message and "max_price" in message
    assert isinstance(excinfo.value, ValueError)


@pytest.mark.parametrize("value", [
    {"type": "shoes"}, {"types": ["product", "blog"]}, {"types": 3},
    {"min_price": 50, "max_price": 10}, {"min_price": -1}, {"max_price": "cheap"},
    {"max_price": True}, {"min_price": float("nan")}, {"in_stock": "yes"}, {"category": "  "},
    {"category": 5}, ["type", "product"],
])
def test_bad_values_raise_invalid_query(value):
    with pytest.raises(InvalidQuery):
        Filters.parse(value)


def test_direct_construction_validates_too():
    with pytest.raises(InvalidQuery):
        Filters(types=("nope",))
    assert Filters(types="faq").types == ("faq",)


def test_article_expands_to_every_article_type():
    assert Filters(types=("article",)).expanded_types == frozenset(ARTICLE_TYPES)


# ---- matching --------------------------------------------------------------------------------

def test_empty_filters_give_no_mask(index):
    assert index.mask(None) is None and index.mask(Filters()) is None


def test_type_filters(matching, store_docs):
    assert matching(Filters(types=("faq",))) == {"faq:orders#1"}
    articles = matching(Filters(types=("article",)))
    assert articles == {doc.id for doc in store_docs if doc.type != "product"}
    both = matching(Filters(types=("promotion", "page")))
    assert both == {"promotion:spring#1", "page:about#1"}


@pytest.mark.parametrize("category, expected", [
    ("Men/Tops/Jackets", {"product:MJ01"}),  # the whole path
    ("men/tops", {"product:MJ01"}),  # a path prefix, any case
    ("Men", {"product:MJ01", "product:MP05"}),
    ("jackets", {"product:MJ01", "product:WJ03"}),  # a whole segment
    ("Tops", {"product:MJ01", "product:WJ03", "product:WT09"}),
    (" Gear / Bags ", {"product:WB01"}),  # spaces around segments do not matter
    ("Fitness Equipment", {"product:UG04"}),
    ("Men/Top", set()),  # prefixes are whole segments, not characters
    ("Jack", set()),
    ("Tops/Jackets", set()),  # neither a prefix nor a single segment
])
def test_category_matching(matching, category, expected):
    assert matching(Filters(category=category)) == expected


def test_category_keys():
    assert category_keys(["Men/Tops/Jackets"]) == {
        "men", "men/tops", "men/tops/jackets", "seg:men", "seg:tops", "seg:jackets"}


def test_price_range_is_inclusive_and_excludes_documents_without_a_price(matching):
    assert matching(Filters(min_price=34, max_price=42)) == {"product:MJ01",
                                                                   "product:WT09"}
    assert matching(Filters(max_price=15)) == {"product:UG04"}
    assert all(id_.startswith("product:") for id_ in matching(Filters(min_price=0)))


def test_in_stock(matching):
    assert matching(Filters(in_stock=False)) == {"product:WJ03", "product:WT09"}
    in_stock = matching(Filters(in_stock=True))
    assert in_stock == {"product:MJ01", "product:MP05", "product:WB01", "product:UG04"}


def test_fields_combine_with_and(matching):
    filters = Filters(types=("product",), category="Tops", in_stock=True, max_price=50)
    assert matching(filters) == {"product:MJ01"}


def test_compact_keeps_filters_aligned(store_docs):
    filters = FilterIndex()
    filters.add(store_docs)
    keep = np.array([row for row, doc in enumerate(store_docs) if doc.id != "product:MJ01"])
    filters.compact(keep)
    mask = filters.mask(Filters(category="jackets"))
    assert [store_docs[row].id for row in keep[mask]] == ["product:WJ03"]

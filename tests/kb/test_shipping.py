"""The shipping rate table is parsed from the Luma page and quoted by code."""

import math
from dataclasses import replace

import pytest

from kb import KnowledgeBase, ShippingTable, StoreDataError
from kb.shipping import region_code

TABLE = "policy:shipping-and-delivery#2"
NOTES = "policy:shipping-and-delivery#1"


def test_the_demo_table_parses_into_four_brackets_of_three_methods(demo_kb):
    table = demo_kb.shipping
    assert table.methods == ("standard", "priority", "overnight")
    assert len(table.rates) == 12
    assert [(r.min_total, r.max_total) for r in table.rates if r.method == "standard"] == [
        (0.0, 200.0), (200.01, 500.0), (500.01, 1000.0), (1000.01, None)]
    first = table.rates[0]
    assert (first.label, first.price) == ("5—7 day shipping", 16.0)
    assert table.surcharge.regions == ("AK", "HI", "PR", "GU")
    assert (table.surcharge.amount, table.surcharge.method) == (5.0, "standard")


@pytest.mark.parametrize("total, standard, priority, overnight", [
    (0.0, 16, 26, 33), (200.00, 16, 26, 33), (200.01, 21, 31, 38), (500.00, 21, 31, 38),
    (500.01, 29, 39, 46), (1000.00, 29, 39, 46), (1000.01, 34, 44, 51), (25_000, 34, 44, 51),
])
def test_bracket_edges_include_their_upper_bound(demo_kb, total, standard, priority, overnight):
    quotes = demo_kb.shipping.quote(total)
    assert [(q.method, q.total) for q in quotes] == [
        ("standard", standard), ("priority", priority), ("overnight", overnight)]
    assert all(q.surcharge == 0 and q.passage_ids == (TABLE,) for q in quotes)


def test_one_method_by_name_ignores_case(demo_kb):
    [quote] = demo_kb.shipping.quote(120.0, method=" Priority ")
    assert (quote.method, quote.label, quote.base_price, quote.total) == (
        "priority", "2—3 day shipping", 26.0, 26.0)


@pytest.mark.parametrize("region", ["AK", "ak", "Hawaii", "puerto rico", "GU"])
def test_remote_regions_pay_the_surcharge_on_standard_only(demo_kb, region):
    standard, priority, overnight = demo_kb.shipping.quote(120.0, region=region)
    assert (standard.base_price, standard.surcharge, standard.total) == (16.0, 5.0, 21.0)
    assert standard.passage_ids == (TABLE, NOTES)
    assert priority.surcharge == overnight.surcharge == 0
    assert (priority.total, overnight.total) == (26.0, 33.0)


def test_other_regions_pay_no_surcharge(demo_kb):
    assert demo_kb.shipping.quote(120.0, "standard", "California")[0].total == 16.0
    assert demo_kb.shipping.quote(120.0, "standard", "NY")[0].total == 16.0


@pytest.mark.parametrize("kwargs, message", [
    ({"merchandise_total": -1.0}, "non-negative"),
    ({"merchandise_total": math.nan}, "non-negative"),
    ({"merchandise_total": 10.0, "method": "drone"}, "unknown shipping method 'drone'"),
    ({"merchandise_total": 10.0, "region": "Narnia"}, "unknown delivery region 'Narnia'"),
])
def test_bad_input_is_a_clear_value_error(demo_kb, kwargs, message):
    with pytest.raises(ValueError, match=message):
        demo_kb.shipping.quote(**kwargs)


def test_region_codes_and_names():
    assert region_code(" Alaska ") == "AK" and region_code("hi") == "HI"
    assert region_code("Puerto Rico") == "PR" and region_code("Guam") == "GU"


def test_an_edited_page_gives_new_prices(demo_kb):
    table = demo_kb.passage(TABLE)
    notes = demo_kb.passage(NOTES)
    edited = ShippingTable.from_passages(
        replace(table, text=table.text.replace("** $16;", "** $18;")),
        replace(notes, text=notes.text.replace("$5.00", "$7.50")))
    assert [q.total for q in edited.quote(100.0, region="AK")] == [25.5, 26.0, 33.0]


@pytest.mark.parametrize("old, new, message", [
    ("** $16;", "** sixteen dollars;", "cannot read shipping rate"),
    ("$200.01—500.00:", "From two hundred:", "cannot read shipping table line"),
    ("$500.01—1000.00:", "$600.01—1000.00:", "does not continue"),
    ("; OVERNIGHT Next business day ** $38", "", "different methods"),
])
def test_a_doctored_table_fails_loudly(demo_kb, old, new, message):
    table = demo_kb.passage(TABLE)
    assert old in table.text
    with pytest.raises(StoreDataError, match=message):
        ShippingTable.from_passages(replace(table, text=table.text.replace(old, new)))


def test_a_table_without_rows_fails(demo_kb):
    with pytest.raises(StoreDataError, match="no shipping rate table"):
        ShippingTable.from_passages(replace(demo_kb.passage(TABLE), text="*before tax"))


def test_a_surcharge_for_an_unknown_method_fails(demo_kb):
    notes = demo_kb.passage(NOTES)
    with pytest.raises(StoreDataError, match="'economy'"):
        ShippingTable.from_passages(demo_kb.passage(TABLE), replace(
            notes, text=notes.text.replace("for standard Shipping", "for economy Shipping")))


def test_an_imported_store_finds_its_table_by_content(tmp_path):
    policy = tmp_path / "articles" / "policy"
    policy.mkdir(parents=True)
    (policy / "delivery.md").write_text(
        "# Delivery\nAddresses in Alaska should add an additional $4.00 charge for ground "
        "shipping.\n\n## Rates\nUp to $50: GROUND 4 days ** $6; EXPRESS 1 day ** $20\n"
        "Over $50: GROUND 4 days ** $0; EXPRESS 1 day ** $12\n")
    kb = KnowledgeBase.from_folder(tmp_path)
    assert kb.shipping.methods == ("ground", "express")
    assert [q.total for q in kb.shipping.quote(50.0, region="AK")] == [10.0, 20.0]
    assert kb.shipping.quote(50.01)[0].total == 0.0
    assert kb.promotions is None and kb.problems == ()


def test_an_imported_store_without_a_table_has_none_and_a_broken_one_a_problem(tmp_path):
    policy = tmp_path / "articles" / "policy"
    policy.mkdir(parents=True)
    (policy / "faq.md").write_text("# FAQ\nWe ship worldwide.\n")
    assert KnowledgeBase.from_folder(tmp_path).shipping is None
    (policy / "rates.md").write_text("# Rates\nUp to $50: GROUND 4 days ** $6\n"
                                     "Over $60: GROUND 4 days ** $0\n")
    kb = KnowledgeBase.from_folder(tmp_path)
    assert kb.shipping is None
    assert [p.field for p in kb.problems] == ["shipping table"]


def test_an_order_free_by_its_total_needs_no_parcel_weight():
    from kb.settings_sections import parse_shipping
    from kb.settings_reader import Node

    raw = {"weight_unit": "kg", "regions": {"ON": "Ontario", "BC": "British Columbia"}, "methods": [
        {"code": "parcel", "free_over": 99, "rates": [{"max_weight": 2, "price": 12}, {"min_weight": 2.001, "price": 16}]}]}
    table = parse_shipping(Node(raw, "shipping", ("weight_unit", "regions", "methods")), {}, "CAD")
    assert table.quote(120, region="BC")[0].free
    with pytest.raises(ValueError, match="priced by weight"):
        table.quote(50, region="BC")
    assert table.quote(50, region="BC", weight=3)[0].total == 16


def test_needs_weight_says_when_a_quote_would_leave_a_method_out_for_want_of_a_weight():
    from kb.settings_reader import Node
    from kb.settings_sections import parse_shipping

    raw = {"weight_unit": "kg", "regions": {"ON": "Ontario", "AB": "Alberta"}, "methods": [
        {"code": "parcel", "free_over": 99, "rates": [{"max_weight": 2, "price": 12}, {"min_weight": 2.001, "price": 16}]},
        {"code": "courier", "rates": [{"regions": ["ON"], "price": 19.95}]}]}
    table = parse_shipping(Node(raw, "shipping", ("weight_unit", "regions", "methods")), {}, "CAD")
    assert [q.method for q in table.quote(50, region="ON")] == ["courier"]  # the parcel left out
    assert table.needs_weight(50, region="ON") and table.needs_weight(50, "parcel")
    assert not table.needs_weight(120, region="ON")  # free by the total: its weight changes nothing
    assert not table.needs_weight(50, "courier", "ON")
    with pytest.raises(ValueError, match="unknown shipping method"):
        table.needs_weight(50, "drone")


def test_a_free_rule_held_only_in_some_regions_frees_orders_there_alone():
    """"Free from $99 in the lower 48; sorry, no free shipping to AK or HI": `free_regions`."""
    from kb.settings_reader import Node
    from kb.settings_reader import SettingsError
    from kb.settings_sections import parse_shipping

    raw = {"regions": {"L48": "the lower 48 states", "AKHI": "Alaska and Hawaii"}, "methods": [
        {"code": "ground", "free_over": 99, "free_regions": ["l48"], "rates": [
            {"regions": ["L48"], "price": 7.95}, {"regions": ["AKHI"], "price": 19.95}]}]}
    table = parse_shipping(Node(raw, "shipping", ("regions", "methods")), {}, "USD")
    assert table.method("ground").free_regions == ("L48",)
    assert table.quote(120, region="L48")[0].free
    assert table.quote(120, region="AKHI")[0].total == 19.95  # the rule does not hold there
    assert not table.method("ground").free_at(120, None)  # no region said: not promised
    raw["methods"][0]["free_regions"] = ["XX"]
    with pytest.raises(SettingsError, match="XX"):
        parse_shipping(Node(raw, "shipping", ("regions", "methods")), {}, "USD")
    del raw["methods"][0]["free_over"]
    raw["methods"][0]["free_regions"] = ["L48"]
    with pytest.raises(SettingsError, match="needs free_over"):
        parse_shipping(Node(raw, "shipping", ("regions", "methods")), {}, "USD")

"""Promotions are parsed from the Luma price rules and point at citable passages."""

import pytest

from kb import Promotions, StoreDataError, demo_data_dir


def test_every_active_rule_becomes_a_promotion_with_a_citable_passage(demo_kb):
    promotions = demo_kb.promotions.all()
    assert len(promotions) == 5  # four cart rules and one catalog rule
    assert [p.scope for p in promotions].count("catalog") == 1
    for promotion in promotions:
        passage = demo_kb.passage(promotion.passage_id)
        assert passage.type == "promotion" and promotion.name in passage.text
        assert promotion.passage_id == f"promotion:{promotion.id}#1"


@pytest.mark.parametrize("code", ["H20", "h20", " H20 "])
def test_promo_codes_are_looked_up_ignoring_case_and_spaces(demo_kb, code):
    bottle = demo_kb.promotions.by_code(code)
    assert bottle.id == "4-luma-water-bottle-save-70"
    assert bottle.passage_id == "promotion:4-luma-water-bottle-save-70#1"
    assert (bottle.coupon_code, bottle.kind, bottle.discount) == ("H20", "percent", 70.0)
    assert bottle.skus == ("24-UG06",)
    assert demo_kb.product("24-UG06").name == "Affirm Water Bottle"


def test_unknown_codes_find_nothing(demo_kb):
    assert demo_kb.promotions.by_code("H2O") is None  # the letter O, not zero
    assert demo_kb.promotions.by_code("") is None


def test_free_shipping_threshold_is_parsed_from_the_rule(demo_kb):
    assert demo_kb.promotions.free_shipping_threshold() == 50.0
    rule = next(p for p in demo_kb.promotions.all() if p.free_shipping)
    assert (rule.kind, rule.min_subtotal, rule.coupon_code) == ("free_shipping", 50.0, None)
    assert Promotions().free_shipping_threshold() is None


def test_discount_kinds_minimums_and_steps(demo_kb):
    by_id = {p.id: p for p in demo_kb.promotions.all()}
    big_cart = by_id["20-off-ever-200-plus-purchase"]
    assert (big_cart.kind, big_cart.discount, big_cart.min_subtotal) == ("percent", 20.0, 200.0)
    tees = by_id["buy-3-tee-shirts-and-get-the-4th-free"]
    assert (tees.kind, tees.step, tees.discount, tees.min_subtotal) == ("buy_x_get_y", 3, 1.0, None)
    pants = by_id["20-off-all-womens-and-mens-pants"]
    assert (pants.scope, pants.kind, pants.discount) == ("catalog", "percent", 20.0)


def test_a_rule_without_its_promotion_article_fails(demo_kb):
    with pytest.raises(StoreDataError, match="no promotion article"):
        Promotions.from_magento(demo_data_dir() / "luma_store", articles=[])


def test_a_missing_rules_file_fails(tmp_path, demo_kb):
    with pytest.raises(StoreDataError, match="does not exist"):
        Promotions.from_magento(tmp_path, demo_kb.articles)

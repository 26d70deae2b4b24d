"""The shipped Luma demo store loads with the counts its CSVs hold."""

import csv

from kb import demo_data_dir


def test_every_sellable_product_loads_once(demo_kb):
    # 147 configurables + 38 gear items (colour children folded) + 6 downloads + bundle + group
    counts = {}
    for p in demo_kb.products:
        counts[p.product_type] = counts.get(p.product_type, 0) + 1
    assert counts == {"configurable": 147, "simple": 38, "downloadable": 6, "bundle": 1,
                      "grouped": 1}
    assert len({p.sku for p in demo_kb.products}) == len(demo_kb.products)


def test_configurable_children_become_variants_with_price_and_stock(demo_kb):
    rows = list(csv.DictReader(open(demo_data_dir() / "luma_store" / "ConfigurableSampleData" /
                                    "products.csv", encoding="utf-8")))
    children = sum(1 for r in rows if r["product_type"] == "simple")
    hoodie = demo_kb.product("MH01")
    assert sum(len(p.variants) for p in demo_kb.products if p.product_type == "configurable") \
        == children
    assert hoodie.name == "Chaz Kangeroo Hoodie" and hoodie.price == 52.0
    assert hoodie.sizes == ("XS", "S", "M", "L", "XL")
    assert hoodie.colors == ("Black", "Gray", "Orange")
    assert all(v.in_stock and v.qty == 100 for v in hoodie.variants)
    assert demo_kb.product("MH01-M-Black") is hoodie


def test_descriptions_are_plain_text(demo_kb):
    for product in demo_kb.products:
        assert "<" not in product.description and "&bull;" not in product.description
    assert "Two-tone gray heather hoodie." in demo_kb.product("MH01").description


def test_attributes_categories_and_links(demo_kb):
    hoodie = demo_kb.product("MH01")
    assert hoodie.attributes["material"] == ("Wool",)
    assert "Men/Tops/Hoodies & Sweatshirts" in hoodie.categories
    assert "Men" not in hoodie.categories  # only the deepest paths are kept
    assert hoodie.related == ("MP06", "MP11", "MS06", "MS12")
    watch = demo_kb.product("24-WG02")
    assert watch.name == "Didi Sport Watch" and watch.price == 92.0
    assert set(watch.categories) == {"Gear/Watches", "Collections/New Luma Yoga Collection"}
    assert watch.attributes["new"] == ("Yes",)


def test_special_prices_only_when_lower(demo_kb):
    tote = demo_kb.product("24-WB05")
    assert (tote.price, tote.special_price, tote.final_price) == (32.0, 24.0, 24.0)
    assert demo_kb.product("24-WG09").special_price is None  # sample repeats the price


def test_bundle_and_grouped_are_priced_from_their_cheapest_parts(demo_kb):
    assert demo_kb.product("24-WG080").price == 23 + 5 + 14 + 19
    assert demo_kb.product("24-WG085_Group").price == 14


def test_customer_service_page_splits_into_shipping_and_returns_passages(demo_kb):
    returns = demo_kb.passage("policy:returns-and-replacements#1")
    assert "within 30 days of receipt" in returns.text
    assert returns.url == "/customer-service"
    rates = demo_kb.passage("policy:shipping-and-delivery#2")
    assert "Up to $200: STANDARD 5\u20147 day shipping ** $16" in rates.text
    assert "*before tax and additional charges" in rates.text
    gifts = demo_kb.passage("policy:returns-and-replacements#2")
    assert gifts.section == ("Returning Gifts",)


def test_promotions_carry_their_codes(demo_kb):
    promos = {a.title: a.passages[0].text for a in demo_kb.articles if a.type == "promotion"}
    assert len(promos) == 5
    assert "Promo code: H20." in promos["$4 Luma water bottle (save 70%)"]


def test_reviews_and_abcd_guidelines(demo_kb):
    assert len(demo_kb.reviews) == 500
    assert {r.rating for r in demo_kb.reviews} <= {1, 2, 3, 4, 5}
    abcd = [a for a in demo_kb.articles if a.source == "abcd"]
    assert len(abcd) == 55
    assert all(a.type == "policy" and a.audience == "agent" and a.passages for a in abcd)


def test_data_ships_with_its_licence():
    for folder in ("luma_store", "abcd_policies"):
        source = (demo_data_dir() / folder / "SOURCE.md").read_text()
        assert "License" in source

"""Catalog data beyond one price per row: quantity tiers, price lists, units, kits, specs."""

import json

import pytest

from kb import KnowledgeBase
from kb.product_fields import RowError, components, tier_prices
from kb.types import BundleItem, Measurement, PriceTier

CSV = """sku,name,price,qty,unit,tier_prices,price:wholesale,components,attr:wattage[W],attr:finish
BULB,LED Bulb E27,4.50,500,each,10:4.00|50:3.20,2.90,,8|11,Frosted
CABLE,Fabric Cable,3.00,900,metre,,,,,Braided
KIT,Desk Lamp Kit,39,20,,,,BULB:2|CABLE:3,,
BADTIER,Bad Tier,5,1,,ten:4,,,,
BADKIT,Bad Kit,5,1,,,,NOPE:1,,
BADWATT,Bad Watt,5,1,,,,,bright,
"""


def test_csv_tiers_price_lists_units_kits_and_specs_with_units(tmp_path):
    (tmp_path / "products.csv").write_text(CSV)
    kb = KnowledgeBase.from_folder(tmp_path)
    bulb = kb.product("BULB")
    assert bulb.tier_prices == (PriceTier(10, 4.0), PriceTier(50, 3.2))
    assert [bulb.unit_price(q) for q in (1, 9, 10, 49, 50, 500)] == [4.5, 4.5, 4.0, 4.0, 3.2, 3.2]
    assert bulb.unit_price(1, "wholesale") == 2.9
    assert bulb.measurements == {"wattage": (Measurement(8, "W"), Measurement(11, "W"))}
    assert bulb.attributes == {"finish": ("Frosted",), "wattage": ("8 W", "11 W")}
    assert kb.product("CABLE").unit == "metre"
    kit = kb.product("KIT")
    assert (kit.product_type, kit.components) == ("bundle", (BundleItem("BULB", 2),
                                                             BundleItem("CABLE", 3)))
    text = kit.to_document().text
    assert "Kit contents: 2 x BULB, 3 x CABLE" in text
    assert "Price: $3.00 per metre" in kb.product("CABLE").to_document().text
    assert "Volume pricing: 10+ at $4.00 each; 50+ at $3.20 each" in bulb.to_document().text
    problems = {(p.line, p.field) for p in kb.problems}
    assert problems == {(5, "tier_prices"), (None, "components"), (7, "attr:wattage[W]")}
    assert {p.sku for p in kb.products} == {"BULB", "CABLE", "KIT"}


@pytest.mark.parametrize("currency, price, tier", [
    ("EUR", "Price: €3.00 per metre", "10+ at €4.00 each"),
    ("GBP", "Price: £3.00 per metre", "10+ at £4.00 each"),
    ("CHF", "Price: 3.00 CHF per metre", "10+ at 4.00 CHF each"),
])
def test_searchable_documents_state_prices_in_the_stores_currency(tmp_path, currency, price,
                                                                 tier):
    (tmp_path / "products.csv").write_text(CSV)
    (tmp_path / "store.yaml").write_text(f"currency: {currency}\n")
    docs = {d.metadata["sku"]: d.text for d in KnowledgeBase.from_folder(tmp_path).documents()
            if d.type == "product"}
    assert price in docs["CABLE"] and tier in docs["BULB"]
    assert "$" not in "".join(docs.values())


def test_jsonl_measurements_tiers_lists_and_components(tmp_path):
    rows = [
        {"sku": "LAMP", "name": "Arc Lamp", "price": 120, "unit": "each",
         "tier_prices": [{"min_qty": 5, "price": 110}], "price_lists": {"trade": 95},
         "attributes": {"height": {"value": 1.8, "unit": "m"}, "colour": ["Black", "Brass"]}},
        {"sku": "SET", "name": "Lamp Pair", "price": 230,
         "components": [{"sku": "LAMP", "qty": 2}]},
        {"sku": "BAD", "name": "No Unit", "price": 1, "attributes": {"height": {"value": 2}}},
    ]
    (tmp_path / "products.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    kb = KnowledgeBase.from_folder(tmp_path)
    lamp = kb.product("LAMP")
    assert lamp.measurements == {"height": (Measurement(1.8, "m"),)}
    assert lamp.attributes == {"height": ("1.8 m",), "colour": ("Black", "Brass")}
    assert (lamp.unit_price(5), lamp.unit_price(1, "trade")) == (110, 95)
    assert kb.product("SET").components == (BundleItem("LAMP", 2),)
    [problem] = kb.problems
    assert (problem.line, problem.field) == (3, "attributes.height")
    assert "needs a unit" in problem.message


def test_unit_price_refuses_bad_quantities_and_unknown_lists(tmp_path):
    (tmp_path / "products.csv").write_text(CSV)
    bulb = KnowledgeBase.from_folder(tmp_path).product("BULB")
    with pytest.raises(ValueError, match="at least 1"):
        bulb.unit_price(0)
    with pytest.raises(ValueError, match="no price list 'retail'; it has wholesale"):
        bulb.unit_price(1, "retail")


@pytest.mark.parametrize("value, message", [
    ("1:4", "2 units or more"), ("10:4|10:3", "same quantity"), ("10:-1", "non-negative"),
    ("10", "min_qty:price"), ("2.5:1", "whole number"),
])
def test_bad_tiers_name_the_problem(value, message):
    with pytest.raises(RowError, match=message):
        tier_prices(value)


def test_component_quantity_defaults_to_one_and_must_be_positive():
    assert components("A|B:3") == (BundleItem("A", 1), BundleItem("B", 3))
    with pytest.raises(RowError, match="at least 1"):
        components("A:0")

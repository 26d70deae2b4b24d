"""bench/opencart_demo.py: OpenCart's installer dump read into products.csv rows, and the
opencart_sample store made from it loads without a skipped row."""

from __future__ import annotations

from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "opencart_sample"

_DUMP = """
INSERT INTO `oc_category` (`category_id`, `image`, `parent_id`, `sort_order`, `status`)
VALUES (20, '', 0, 1, 1), (25, '', 0, 3, 1), (28, '', 25, 1, 1), (35, '', 28, 0, 1);
INSERT INTO `oc_category_description` (`category_id`, `language_id`, `name`)
VALUES (20, 1, 'Desktops'), (25, 1, 'Components'), (28, 1, 'Monitors'), (35, 1, 'test 1');
INSERT INTO `oc_manufacturer_description` (`manufacturer_id`, `language_id`, `name`)
VALUES (8, 1, 'Apple');
INSERT INTO `oc_product` (`product_id`, `model`, `quantity`, `manufacturer_id`, `price`)
VALUES (42, 'Product 15\n', 990, 8, 100.0000), (35, 'Product 8', 1, 0, 5.0000);
INSERT INTO `oc_product_description` (`product_id`, `language_id`, `name`, `description`)
VALUES (42, 1, 'Apple Cinema 30&quot;', '&lt;p&gt;\\r\\n\\t2560 x 1600; it''s wide&amp;amp;bright&lt;/p&gt;'),
       (35, 1, 'Product 8', '&lt;p&gt;Product 8&lt;/p&gt;');
INSERT INTO `oc_product_to_category` (`product_id`, `category_id`)
VALUES (42, 20), (42, 28), (42, 35);
INSERT INTO `oc_product_discount` (`product_discount_id`, `product_id`, `quantity`, `price`)
VALUES (440, 42, 30, '66.0000'), (438, 42, 10, '88.0000');
INSERT INTO `oc_option_value_description` (`option_value_id`, `language_id`, `option_id`, `name`)
VALUES (39, 1, 5, 'Red'), (31, 1, 1, 'Medium');
INSERT INTO `oc_product_option_value` (`product_option_value_id`, `product_id`, `option_value_id`, `quantity`, `price`)
VALUES (4, 42, 39, 92, '4.0000'), (6, 42, 31, 146, '20.0000');
"""


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("opencart_demo.py")


def test_a_demo_product_keeps_its_text_price_stock_maker_and_quantity_prices(converter):
    rows = converter.products(converter.read_tables(_DUMP))
    cinema = rows[0]
    assert cinema["name"] == 'Apple Cinema 30"'
    assert cinema["description"] == "<p>\r\n\t2560 x 1600; it's wide&bright</p>"
    assert (cinema["price"], cinema["qty"], cinema["attr:brand"]) == ("100.00", 990, "Apple")
    assert cinema["tier_prices"] == "10:88.00|30:66.00"
    # the real category path, not the demo's extra "Desktops" nor its "test" categories
    assert cinema["categories"] == "Components/Monitors"


def test_placeholders_are_left_out_and_a_colour_option_becomes_a_variant(converter):
    rows = converter.products(converter.read_tables(_DUMP))
    assert [r["sku"] for r in rows] == ["APPLE-CINEMA-30", "APPLE-CINEMA-30-RED"]
    assert rows[1] == {"sku": "APPLE-CINEMA-30-RED", "parent_sku": "APPLE-CINEMA-30",
                       "color": "Red", "price": "104.00", "qty": 92}


def test_the_store_made_from_the_dump_loads_whole():
    from kb import KnowledgeBase

    kb = KnowledgeBase.from_folder(_STORE)
    assert kb.problems == ()
    assert len(kb.products) == 18 and kb.currency == "AUD"
    assert kb.product("APPLE-CINEMA-30").unit_price(10) == 88.0

"""bench/prestashop_atelier_demo.py: PrestaShop's fashion fixtures read into products.csv rows
(pre-tax prices with 20% VAT added, a combination's price impact before the VAT, a catalog
reduction as the special price, features and stock found by the installer's numbering, an
option without a variant column folded into an attribute, the pack's components), and the
prestashop_atelier store made from them loads whole."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "prestashop_atelier"


def _product(pid: str, price: str, reference: str, maker: str, kind: str) -> str:
    return (f'<product id="{pid}" id_manufacturer="{maker}" price="{price}" '
            f'reference="{reference}" weight="0.300000" product_type="{kind}"/>')


_FIXTURES = {
    "data/product.xml": "<entity_product><entities>"
    + _product("Tee", "23.900000", "demo_1", "Studio_Design", "combinations")
    + _product("Poster", "29.000000", "demo_6", "", "combinations")
    + _product("Notebook", "12.900000", "demo_8", "", "combinations")
    + _product("Pack", "35.000000", "demo_21", "", "pack")
    + "</entities></entity_product>",
    "langs/en/data/product.xml": "<entity_product>"
    '<product id="Tee"><description>&lt;p&gt;Soft &amp;amp; light.&lt;/p&gt;</description>'
    "<description_short>&lt;p&gt;Regular fit.&lt;/p&gt;</description_short>"
    "<name>Printed tee</name></product>"
    '<product id="Poster"><description/><description_short/><name>Framed poster</name></product>'
    '<product id="Notebook"><description/><description_short/><name>Notebook</name></product>'
    '<product id="Pack"><description/><description_short>&lt;p&gt;Tee + poster&lt;/p&gt;'
    "</description_short><name>Pack</name></product></entity_product>",
    "data/product_attribute.xml": "<entity_product_attribute><entities>"
    '<product_attribute id="pa_1" id_product="Tee" price="0.000000" default_on="1"/>'
    '<product_attribute id="pa_2" id_product="Poster" price="0.000000" default_on="1"/>'
    '<product_attribute id="pa_3" id_product="Poster" price="20.000000" default_on=""/>'
    '<product_attribute id="pa_4" id_product="Notebook" price="0.000000" default_on="1"/>'
    '<product_attribute id="pa_5" id_product="Notebook" price="0.000000" default_on=""/>'
    "</entities></entity_product_attribute>",
    "data/product_attribute_combination.xml": "<entity_product_attribute_combination><entities>"
    + "".join(f'<product_attribute_combination id_attribute="{a}" id_product_attribute="{c}"/>'
              for a, c in [("S", "pa_1"), ("White", "pa_1"), ("40x60cm", "pa_2"),
                           ("60x90cm", "pa_3"), ("Ruled", "pa_4"), ("Plain", "pa_5")])
    + "</entities></entity_product_attribute_combination>",
    "data/attribute.xml": "<entity_attribute><entities>"
    + "".join(f'<attribute id="{a}" id_attribute_group="{g}"/>'
              for a, g in [("S", "Size"), ("White", "Color"), ("40x60cm", "Dimension"),
                           ("60x90cm", "Dimension"), ("Ruled", "Paper_Type"),
                           ("Plain", "Paper_Type")])
    + "</entities></entity_attribute>",
    "langs/en/data/attribute.xml": "<entity_attribute>"
    + "".join(f'<attribute id="{a}"><name>{a}</name></attribute>'
              for a in ["S", "White", "40x60cm", "60x90cm", "Ruled", "Plain"])
    + "</entity_attribute>",
    "data/category.xml": '<entity_category><entities><category id="Clothes" id_parent="Home"/>'
    '<category id="Men" id_parent="Clothes"/></entities></entity_category>',
    "langs/en/data/category.xml": '<entity_category><category id="Clothes"><name>Clothes</name>'
    '</category><category id="Men"><name>Men</name></category></entity_category>',
    "data/category_product.xml": "<entity_category_product><entities>"
    '<category_product id_category="Home" id_product="Tee"/>'
    '<category_product id_category="Clothes" id_product="Tee"/>'
    '<category_product id_category="Men" id_product="Tee"/></entities></entity_category_product>',
    "data/feature.xml": '<entity_feature><entities><feature id="Composition"/></entities>'
    "</entity_feature>",
    "langs/en/data/feature.xml": '<entity_feature><feature id="Composition">'
    "<name>Composition</name></feature></entity_feature>",
    "data/feature_value.xml": '<entity_feature_value><entities><feature_value id="Wool"/>'
    '<feature_value id="Cotton"/></entities></entity_feature_value>',
    "langs/en/data/feature_value.xml": '<entity_feature_value><feature_value id="Wool">'
    '<value>Wool</value></feature_value><feature_value id="Cotton"><value>Cotton</value>'
    "</feature_value></entity_feature_value>",
    "data/feature_product.xml": "<entity_feature_product><entities>"
    '<feature_product id_feature="1" id_product="1" id_feature_value="2"/>'
    "</entities></entity_feature_product>",
    "data/customization_field.xml": "<entity_customization_field><entities/>"
    "</entity_customization_field>",
    "langs/en/data/customization_field.xml": "<list_customization_field/>",
    "data/pack.xml": '<entity_pack><entities><pack id_product_pack="Pack" id_product_item="Tee" '
    'quantity="5"/><pack id_product_pack="Pack" id_product_item="Poster" quantity="5"/>'
    "</entities></entity_pack>",
    "data/specific_price.xml": "<entity_specific_price><entities>"
    '<specific_price id_product="Tee" id_customer="" reduction="0.200000" '
    'reduction_type="percentage"/></entities></entity_specific_price>',
    "data/stock_available.xml": "<entity_stock_available><entities>"
    + "".join(f'<stock_available id_product="{p}" id_product_attribute="{c}" quantity="{q}"/>'
              for p, c, q in [(1, 0, 9), (1, 1, 7), (2, 2, 4), (2, 3, 5), (3, 4, 2), (3, 5, 3),
                              (4, 0, 6)])
    + "</entities></entity_stock_available>",
    "data/manufacturer.xml": '<entity_manufacturer><entities><manufacturer id="Studio_Design">'
    "<name>Studio Design</name></manufacturer></entities></entity_manufacturer>",
}


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("prestashop_atelier_demo.py")


def test_fixtures_become_products_with_vat_inclusive_prices_and_their_options(converter,
                                                                               tmp_path):
    for name, text in _FIXTURES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    rows = converter.convert(tmp_path)
    assert [r["sku"] for r in rows] == ["DEMO-1", "DEMO-1-S-WHITE", "DEMO-6", "DEMO-6-40X60CM",
                                        "DEMO-6-60X90CM", "DEMO-8", "DEMO-21"]
    tee, small_white, poster, small_poster, big_poster, notebook, pack = rows
    assert (tee["price"], tee["special_price"], tee["categories"]) == ("28.68", "22.94",
                                                                       "Clothes/Men")
    assert tee["description"].startswith("Regular fit.\nSoft & light.")
    assert "Composition: Cotton" in tee["description"] and tee["attr:composition"] == "Cotton"
    assert tee["attr:brand"] == "Studio Design" and tee["qty"] == 7
    assert (small_white["size"], small_white["color"], small_white["price"]) == \
        ("S", "White", "28.68")
    # a dimension's price impact is before tax, and a dimension is the poster's size
    assert (small_poster["size"], small_poster["price"], big_poster["price"]) == \
        ("40x60cm", "34.80", "58.80")
    assert poster["qty"] == 9
    # the notebook's paper types have no variant column: folded into the notebook
    assert notebook["attr:paper_type"] == "Ruled|Plain" and notebook["qty"] == 5
    assert "Paper Type: Ruled, Plain" in notebook["description"]
    assert pack["components"] == "DEMO-1-S-WHITE|DEMO-6-40X60CM" and pack["qty"] == 6


def test_the_store_made_from_the_fixtures_is_its_products_csv_and_loads_whole(converter):
    from kb import KnowledgeBase

    rows = converter.convert(_STORE / "export")
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert len(rows) == len(written) == 46
    assert [{k: str(v) for k, v in r.items()} for r in rows] == \
        [{k: v for k, v in w.items() if k in r} for w, r in zip(written, rows)]
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 19 and not kb.problems
    assert kb.currency == "EUR" and kb.return_policy.window_days == 14
    cushion = next(p for p in kb.products if p.name == "Mountain fox cushion")
    assert [(v.color, v.in_stock) for v in cushion.variants] == [("White", True),
                                                                 ("Black", False)]

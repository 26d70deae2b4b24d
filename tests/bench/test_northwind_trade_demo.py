"""bench/northwind_trade_demo.py: Northwind's catalog tables read into products.csv rows (the
discontinued left out, a quantity per unit read as the unit one price buys, the maker and its
country said, the number on order said of a product out of stock), and the northwind_trade
store made from them loads without a skipped row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "northwind_trade"

_EXPORT = """
CREATE TABLE categories (category_id smallint NOT NULL, category_name character varying(15),
    description text, picture bytea);
INSERT INTO categories VALUES (4, 'Dairy Products', 'Cheeses', '\\x');
INSERT INTO categories VALUES (1, 'Beverages', 'Soft drinks, coffees, teas, beers, and ales', '\\x');
CREATE TABLE suppliers (supplier_id smallint NOT NULL, company_name character varying(40),
    contact_name character varying(30), contact_title character varying(30),
    address character varying(60), city character varying(15), region character varying(15),
    postal_code character varying(10), country character varying(15),
    phone character varying(24), fax character varying(24), homepage text);
INSERT INTO suppliers VALUES (14, 'Formaggi Fortini s.r.l.', 'Elio Rossi', 'Sales', 'Viale Dante, 75', 'Ravenna', NULL, '48100', 'Italy', '(0544) 60323', NULL, NULL);
INSERT INTO suppliers VALUES (18, 'Aux joyeux ecclésiastiques', 'G', 'Sales', 'Rue', 'Paris', NULL, '75004', 'France', '1', NULL, NULL);
CREATE TABLE products (product_id smallint NOT NULL, product_name character varying(40) NOT NULL,
    supplier_id smallint, category_id smallint, quantity_per_unit character varying(20),
    unit_price real, units_in_stock smallint, units_on_order smallint,
    reorder_level smallint, discontinued integer NOT NULL);
INSERT INTO products VALUES (1, 'Chai', 18, 1, '10 boxes x 30 bags', 18, 39, 0, 10, 1);
INSERT INTO products VALUES (31, 'Gorgonzola Telino', 14, 4, '12 - 100 g pkgs', 12.5, 0, 70, 20, 0);
INSERT INTO products VALUES (39, 'Chartreuse verte', 18, 1, '750 cc per bottle', 18, 69, 0, 5, 0);
INSERT INTO products VALUES (59, 'Raclette Courdavault', 14, 4, '5 kg pkg.', 55, 79, 0, 0, 0);
INSERT INTO products VALUES (19, 'Teatime Chocolate Biscuits', 18, 1, '10 boxes x 12 pieces', 9.19999981, 25, 0, 5, 0);
"""


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("northwind_trade_demo.py")


def test_catalog_rows_become_products_sold_by_their_pack(converter, tmp_path):
    path = tmp_path / "catalog.sql"
    path.write_text(_EXPORT, encoding="utf-8")
    rows = converter.convert(path)
    # the discontinued Chai is not sold; the rest come in product id order
    assert [r["sku"] for r in rows] == ["NW-19", "NW-31", "NW-39", "NW-59"]
    biscuits, gorgonzola, chartreuse, raclette = rows
    assert (biscuits["price"], biscuits["unit"]) == ("9.20", "case of 10 boxes x 12 pieces")
    assert gorgonzola["unit"] == "case of 12 x 100 g pkgs" and gorgonzola["qty"] == 0
    assert "70 more on order" in gorgonzola["description"]
    assert "Made by Formaggi Fortini s.r.l., Ravenna, Italy." in gorgonzola["description"]
    assert gorgonzola["categories"] == "Dairy Products" and gorgonzola["attr:origin"] == "Italy"
    assert chartreuse["unit"] == "bottle of 750 cc" and "on order" not in chartreuse["description"]
    assert raclette["unit"] == "5 kg pkg." and raclette["attr:pack"] == "5 kg pkg."


def test_the_store_made_from_the_export_is_its_products_csv_and_loads_whole(converter):
    from kb import KnowledgeBase

    rows = converter.convert(_STORE / "export" / "northwind_catalog.sql")
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [{k: str(v) for k, v in r.items()} for r in rows] == written
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 67 and not kb.problems
    assert kb.currency == "SGD" and kb.return_policy.window_days == 14
    lager = next(p for p in kb.products if p.name == "Outback Lager")
    assert (lager.price, lager.unit, lager.attributes["origin"]) == \
        (15.0, "case of 24 x 355 ml bottles", ("Australia",))
    assert not next(p for p in kb.products if p.name == "Gorgonzola Telino").in_stock

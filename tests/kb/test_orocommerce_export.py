"""OroCommerce's product data turned into products.csv, on OroCommerce's own demo catalog
(bench/data/stores/oro_sample/export, as published) and on small exports written here."""

import csv
from pathlib import Path

import pytest

from kb import KnowledgeBase
from kb.orocommerce_export import convert_export, measurement

EXPORT = Path(__file__).resolve().parents[2] / "bench" / "data" / "stores" / "oro_sample" / "export"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oro")
    conversion = convert_export(EXPORT / "products.csv", folder / "products.csv",
                                EXPORT / "related_products.csv", EXPORT / "upsell_products.csv",
                                EXPORT / "brands.csv")
    return conversion, KnowledgeBase.from_folder(folder)


def test_the_demo_catalog_imports_every_product_with_its_problems(demo):
    conversion, kb = demo
    assert not kb.problems and len(kb.products) == len(conversion.rows) == 63
    # the two price-less tags stay, at price on request; links to the kit (not a product) are reported
    assert [p.line for p in conversion.problems if p.field == "price"] == [63, 64]
    assert kb.product("TAG2").price == 0
    assert {p.message for p in conversion.problems if p.field == "sku"} == {
        "a link between unknown skus 2RW93->2EW02: left out",
        "a link between unknown skus 1TB10->2EW02: left out",
        "a link between unknown skus 2EW02->1TB10: left out",
        "a link between unknown skus 2EW02->5TJ23: left out",
        "a link between unknown skus 2EW02->2RW93: left out"}


def test_specs_units_prices_and_links_are_kept(demo):
    _, kb = demo
    lamp = kb.product("0RT28")
    assert (lamp.price, lamp.unit, lamp.price_lists) == (99.99, "item", {"msrp": 89.99})
    assert [str(m) for m in lamp.measurements["weight"]] == ["0.8 lb"]
    assert lamp.attributes["brand"] == ("ACME",)
    assert "Battery life: 5 hours" in lamp.description.splitlines()  # information lines kept
    assert lamp.upsell == ("6UK81", "8TF72")
    assert kb.product("6BC45").related[:2] == ("2JD29", "2CF67")
    assert kb.product("1GB82").unit == "set"
    assert kb.product("3ET67").categories == ("Office Furniture",)
    assert [str(m) for m in kb.product("8TF72").measurements["weight"]] == ["4.5 oz"]
    # "Weight: 7”" (a slip of the source) is no weight in inches: it stays text only
    scanner = kb.product("6VC22")
    assert "weight" not in scanner.measurements and "Weight: 7”" in scanner.description


@pytest.mark.parametrize("line, expected", [
    ("Overall Width: 65”", ("overall_width", "in", "65")),
    ("Weight: .8 lb.", ("weight", "lb", "0.8")),
    ("Weight Capacity: 225 lb.", ("weight_capacity", "lb", "225")),
    ("Height: 4 ft.", ("height", "ft", "4")),
    ("Maximum load/shelf: 80 lbs.", ("maximum_load_shelf", "lb", "80")),
    ("Height: 4-7 ft.", None),            # a range stays text
    ("Minimum Height: 18-1/8”", None),    # so does a fraction
    ("Weight: 8 lb. each", None),
    ("Color: Grey", None),
    ("Weight: 7”", None),                 # a weight needs a unit of mass
])
def test_measurement_lines(line, expected):
    assert measurement(line) == expected


def test_a_small_export_with_stock_status_and_unknown_brand(tmp_path):
    source = tmp_path / "products.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "name", "description", "category", "information",
                         "specifications", "price", "MSRP", "unit", "brand_id", "inventory_status"])
        writer.writerow(["A1", "Desk  Lamp", "A lamp.", "Lamps", "Warranty: 2 years",
                         "Weight: 2 kg", "1,200", "", "piece", "9", "out_of_stock"])
        writer.writerow(["", "No sku", "", "", "", "", "5", "", "", "", ""])
    conversion = convert_export(source, tmp_path / "out.csv")
    assert [p.line for p in conversion.problems] == [3]
    kb = KnowledgeBase.from_folder(_folder_with(tmp_path / "out.csv", tmp_path / "shop"))
    lamp = kb.product("A1")
    assert (lamp.name, lamp.price, lamp.in_stock, lamp.unit) == ("Desk Lamp", 1200.0, False, "piece")
    assert "brand" not in lamp.attributes and lamp.price_lists == {}
    assert [str(m) for m in lamp.measurements["weight"]] == ["2 kg"]
    assert lamp.description.splitlines() == ["A lamp.", "Warranty: 2 years", "Weight: 2 kg"]


def test_the_cli_writes_the_store_folder(tmp_path, capsys):
    from bot.cli.main import main

    args = ["store", "import-orocommerce", str(EXPORT / "products.csv"), str(tmp_path / "shop"),
            "--related", str(EXPORT / "related_products.csv"), "--brands", str(EXPORT / "brands.csv")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "products.csv: 63 rows" in out and out.count("price on request") == 2
    assert main(["store", "import-orocommerce", str(tmp_path / "nope.csv"), str(tmp_path)]) == 2


def _folder_with(products: Path, folder: Path) -> Path:
    folder.mkdir()
    (folder / "products.csv").write_bytes(products.read_bytes())
    return folder

"""WooCommerce's product export turned into products.csv, on WooCommerce's own sample data
(bench/data/stores/woo_sample/export/sample_products.csv, as published)."""

import csv
import shutil
from pathlib import Path

from kb import KnowledgeBase
from kb.woocommerce_export import convert_export

SAMPLE = Path(__file__).resolve().parents[2] / "bench" / "data" / "stores" / "woo_sample"


def test_the_sample_export_imports_with_variants_units_and_problems(tmp_path):
    conversion = convert_export(SAMPLE / "export" / "sample_products.csv", tmp_path / "products.csv")
    # the hidden hoodie and the price-less grouped product are reported with their lines
    assert [(p.line, p.message.split(":")[0]) for p in conversion.problems] == [
        (10, "not published or hidden in the catalog"),
        (24, "a grouped product has no price of its own")]
    kb = KnowledgeBase.from_folder(tmp_path)
    assert not kb.problems
    tee = kb.product("woo-vneck-tee")
    assert tee.price == 15.0  # a variable product costs from its cheapest variation
    assert {v.color for v in tee.variants} == {"Red", "Green", "Blue"}
    assert tee.categories == ("Clothing/Tshirts",)
    belt = kb.product("woo-belt")
    assert (belt.price, belt.special_price) == (65.0, 55.0)
    assert [str(m) for m in belt.measurements["weight"]] == ["1.2 lb"]
    assert kb.product("woo-cap").attributes["color"] == ("Yellow",)
    assert kb.product("wp-pennant").price == 11.05  # an external product keeps its price


def test_the_cli_writes_the_store_folder(tmp_path, capsys):
    from bot.cli.main import main

    export = tmp_path / "export.csv"
    shutil.copy(SAMPLE / "export" / "sample_products.csv", export)
    assert main(["store", "import-woocommerce", str(export), str(tmp_path / "shop")]) == 0
    out = capsys.readouterr().out
    assert "products.csv: 23 rows" in out and out.count("left out:") == 2
    with (tmp_path / "shop" / "products.csv").open() as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == 23
    assert main(["store", "import-woocommerce", str(tmp_path / "nope.csv"), str(tmp_path)]) == 2

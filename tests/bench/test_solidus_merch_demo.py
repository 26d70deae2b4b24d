"""bench/solidus_merch_demo.py: Solidus's Ruby seed files read into products.csv rows (a later
masters key overriding an earlier one, option values shown by their presentation, properties as
description lines and attributes, categories under their parent, lorem ipsum left out, a
variant priced as its product), and the solidus_merch store made from them loads whole."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "solidus_merch"

_SEEDS = {
    "products.rb": '''
descriptions = ["Occaecati repellendus soluta."]
products = [
  {
    name: "Solidus hoodie",
    tax_category:,
    price: 29.99,
    eur_price: 27,
    weight: 1,
    height: 20,
    width: 10,
    depth: 5
  },
  {
    name: "Solidus tote",
    description: "A roomy canvas tote.",
    price: 19.99,
    eur_price: 16,
    weight: 0.5,
    height: 20,
    width: 10,
    depth: 5
  }
]

products.each do |product_attrs|
end
''',
    "variants.rb": '''
solidus_hoodie = Spree::Product.find_by!(name: "Solidus hoodie")
solidus_tote = Spree::Product.find_by!(name: "Solidus tote")

small = Spree::OptionValue.find_by!(name: "Small")
extra_large = Spree::OptionValue.find_by!(name: "Extra Large")
red = Spree::OptionValue.find_by!(name: "Red")

variants = [
  {
    product: solidus_hoodie,
    option_values: [small, red],
    sku: "SOL-HOODIE-01",
    cost_price: 17
  },
  {
    product: solidus_hoodie,
    option_values: [extra_large, red],
    sku: "SOL-HOODIE-03",
    cost_price: 17
  }
]

masters = {
  solidus_hoodie => {
    sku: "SOL-HOODIE-00",
    cost_price: 17
  },
  solidus_tote => {
    sku: "SOL-TOT01",
    cost_price: 17
  },
  solidus_tote => {
    sku: "RUB-TOT01",
    cost_price: 17
  }
}
''',
    "option_values.rb": '''
Spree::OptionValue.create!([
  {
    name: "Small",
    presentation: "S",
    position: 1,
    option_type: size
  },
  {
    name: "Extra Large",
    presentation: "XL",
    position: 4,
    option_type: size
  },
  {
    name: "Red",
    presentation: "Red",
    position: 4,
    option_type: color
  }
])
''',
    "product_properties.rb": '''
products =
  {
    "Solidus tote" =>
    {
      "Type" => "Tote",
      "Size" => %(15" x 18" x 6"),
      "Material" => "Canvas"
    },
    "Solidus hoodie" =>
    {
      "Made from" => "100% cotton",
      "Fit" => "Loose"
    }
  }
''',
    "taxons.rb": '''
products = {
  solidus_tote: "Solidus tote",
  solidus_hoodie: "Solidus hoodie"
}

products.each do |key, name|
end

taxons = [
  {
    name: "Categories",
    taxonomy: categories
  },
  {
    name: "Clothing",
    taxonomy: categories,
    parent: "Categories"
  },
  {
    name: "Hoodies",
    taxonomy: categories,
    parent: "Clothing",
    products: [
      products[:solidus_hoodie]
    ]
  }
]
''',
}


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("solidus_merch_demo.py")


def test_seed_files_become_products_with_their_sizes_and_colours(converter, tmp_path):
    for name, text in _SEEDS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    rows = converter.convert(tmp_path)
    assert [r["sku"] for r in rows] == ["SOL-HOODIE-00", "SOL-HOODIE-01", "SOL-HOODIE-03",
                                        "RUB-TOT01"]
    hoodie, small_red, xl_red, tote = rows
    assert (hoodie["price"], hoodie["categories"], hoodie["qty"]) == ("27.00", "Clothing/Hoodies", 10)
    assert "Occaecati" not in hoodie["description"]
    assert "Made from: 100% cotton" in hoodie["description"]
    assert "Sizes: S, XL\nColours: Red" in hoodie["description"]
    assert hoodie["attr:material"] == "100% cotton" and hoodie["attr:weight[kg]"] == "1"
    assert (small_red["parent_sku"], small_red["size"], small_red["color"], small_red["price"]) == \
        ("SOL-HOODIE-00", "S", "Red", "27.00")
    assert xl_red["qty"] == 0  # sold out for the bench
    assert tote["description"].startswith("A roomy canvas tote.")
    assert tote["attr:dimensions"] == '15" x 18" x 6"' and tote["categories"] == ""


def test_the_store_made_from_the_seeds_is_its_products_csv_and_loads_whole(converter):
    from kb import KnowledgeBase

    rows = converter.convert(_STORE / "export")
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert len(rows) == len(written) == 51
    assert [{k: str(v) for k, v in r.items()} for r in rows] == \
        [{k: v for k, v in w.items() if k in r} for w, r in zip(written, rows)]
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 12 and not kb.problems
    assert kb.currency == "EUR" and kb.return_policy.window_days == 30
    hoodie = next(p for p in kb.products if p.name == "Solidus hoodie")
    assert (hoodie.price, len(hoodie.variants)) == (27.0, 8)
    assert not next(p for p in kb.products if p.name == "Solidus winter hat").in_stock

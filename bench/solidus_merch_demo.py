"""Turn Solidus's sample data (the Ruby seed files of `sample/db/samples/`) into a store folder's
products.csv: an open-source merch shop in Utrecht selling in euros, its clothes in sizes and
colours.

    .venv/bin/python bench/solidus_merch_demo.py bench/data/stores/solidus_merch/export \
        bench/data/stores/solidus_merch/products.csv

Reads the literal data of github.com/solidusio/solidus's seed files as the seeds would create
it, without running Ruby: the products (products.rb: name, EUR price, weight and size), their
variants and master skus (variants.rb), the option values' presentations (option_values.rb:
"Small" is shown as S), the properties (product_properties.rb) and the categories (taxons.rb:
a taxon of the Categories taxonomy under its parent, "Clothing/Hoodies"). A later key of the
masters hash overrides an earlier one, as in Ruby (the Solidus tote is named three times; its
master sku is the last, RUB-TOT01). The price is the product's `eur_price` (the shop sells in
euros; the seeds' USD price is left out), and a variant costs what its product does (the seeds
give variants no price of their own). The seeds' lorem-ipsum description is placeholder text
and is left out; the Solidus cap keeps its own. The rest of a page's text is the properties, the
options and the parcel (the seeds' weight and sizes have no unit: read as kg and cm). Stock is
stock.rb's 10 of every variant, except OUT_OF_STOCK (written for the bench). A bench tool, not a
platform importer.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import run_converter  # noqa: E402  (run as a script from bench/)

#: stock.rb gives every variant 10; the bench sells two things out to have stock to talk about.
STOCK = 10
OUT_OF_STOCK = ("SOL-HOODIE-03", "SOL-MNH01")
#: product_properties.rb's names -> attribute codes (two names for one thing: Material/Made from).
ATTRIBUTES = {"Type": "type", "Shirt Type": "type", "Material": "material", "Made from": "material",
              "Sleeve Type": "sleeves", "Fit": "fit", "Gender": "gender", "Brand": "brand",
              "Model": "model", "Manufacturer": "maker"}

_PRODUCT_VAR = re.compile(r'^(\w+) = Spree::Product\.find_by!\(name: "([^"]+)"\)', re.M)
_OPTION_VAR = re.compile(r'^(\w+) = Spree::OptionValue\.find_by!\(name: "([^"]+)"\)', re.M)
_VARIANT = re.compile(r'product: (\w+),\s*option_values: \[([\w, ]+)\],\s*sku: "([^"]+)"')
_MASTER = re.compile(r'(\w+) => \{\s*sku: "([^"]+)"')
_FIELD = re.compile(r'^\s*(\w+):\s*(?:"((?:[^"\\]|\\.)*)"|([\d.]+))?,?\s*$', re.M)
_OPTION_VALUE = re.compile(r'name: "([^"]+)",\s*presentation: "([^"]+)",\s*position: \d+,\s*'
                           r'option_type: (\w+)')
_PROPERTY_BLOCK = re.compile(r'"([^"]+)" =>\s*\{(.*?)\n\s*\}', re.S)
_PROPERTY = re.compile(r'"([^"]+)" => (?:%\((.*?)\)|"([^"]*)")')
_TAXON = re.compile(r'name: "([^"]+)",\s*taxonomy: (\w+),\s*parent: "([^"]+)"'
                    r'(?:,\s*products: \[(.*?)\n\s*\])?', re.S)


def read_products(text: str) -> list[dict[str, str]]:
    """products.rb's product hashes as {field: literal}, in the file's order."""
    listing = text[text.index("products = ["):text.index("products.each")]
    blocks = re.findall(r"\{\n(.*?)\n\s*\}", listing, re.S)
    return [{k: (s if s else n) for k, s, n in _FIELD.findall(block) if s or n}
            for block in blocks]


def read_variants(text: str) -> tuple[dict[str, list[tuple[str, list[str]]]], dict[str, str]]:
    """variants.rb: each product name's variants as (sku, option value names), and its master sku
    (a later masters key overriding an earlier one)."""
    products = dict(_PRODUCT_VAR.findall(text))
    options = dict(_OPTION_VAR.findall(text))
    variants: dict[str, list[tuple[str, list[str]]]] = {}
    for product, values, sku in _VARIANT.findall(text):
        names = [options[v.strip()] for v in values.split(",")]
        variants.setdefault(products[product], []).append((sku, names))
    masters_text = text[text.index("masters = {"):]
    masters = {products[var]: sku for var, sku in _MASTER.findall(masters_text)}
    return variants, masters


def read_option_values(text: str) -> dict[str, tuple[str, str]]:
    """option_values.rb: a value's name -> (its presentation, "size" or "color")."""
    return {name: (shown, kind) for name, shown, kind in _OPTION_VALUE.findall(text)}


def read_properties(text: str) -> dict[str, dict[str, str]]:
    """product_properties.rb: a product name -> its properties, in the file's order."""
    return {name: {k: pct or quoted for k, pct, quoted in _PROPERTY.findall(body)}
            for name, body in _PROPERTY_BLOCK.findall(text)}


def read_categories(text: str) -> dict[str, list[str]]:
    """taxons.rb: a product name -> its category paths (Categories taxonomy, under the parent)."""
    keys = dict(re.findall(r'^\s*(\w+): "([^"]+)"', text[:text.index("products.each")], re.M))
    parents = {name: parent for name, _, parent, _ in _TAXON.findall(text)}
    paths: dict[str, list[str]] = {}
    for name, taxonomy, _, listed in _TAXON.findall(text):
        if taxonomy != "categories" or not listed:
            continue
        chain, at = [name], name
        while parents.get(at) not in (None, "Categories"):
            at = parents[at]
            chain.insert(0, at)
        for key in re.findall(r"products\[:(\w+)\]", listed):
            paths.setdefault(keys[key], []).append("/".join(chain))
    return paths


def description(product: dict[str, str], properties: dict[str, str],
                sizes: list[str], colours: list[str]) -> str:
    """The product page's text: its own words (when not lorem ipsum), specs, options, parcel."""
    lines = [product["description"], ""] if "description" in product else []
    for name, value in properties.items():
        if name == "Size":
            name = "Dimensions" if re.search(r"\d", value) else "Size"
        lines.append(f"{name}: {value}")
    if sizes:
        lines.append(f"Sizes: {', '.join(sizes)}")
    if colours:
        lines.append(f"Colours: {', '.join(colours)}")
    lines.append(f"Parcel: {product['weight']} kg, {product['height']} x {product['width']} x "
                 f"{product['depth']} cm")
    return "\n".join(lines).strip()


def _options(own: list[tuple[str, list[str]]], values: dict[str, tuple[str, str]],
             kind: str) -> list[str]:
    shown = [values[n][0] for _, names in own for n in names if values[n][1] == kind]
    return list(dict.fromkeys(shown))


def _attributes(properties: dict[str, str]) -> dict[str, str]:
    attributes = {}
    for name, value in properties.items():
        if name == "Size":
            attributes["attr:dimensions" if re.search(r"\d", value) else "attr:size"] = value
        elif name in ATTRIBUTES:
            attributes[f"attr:{ATTRIBUTES[name]}"] = value
    return attributes


def convert(folder: Path) -> list[dict]:
    """The seeds' products and their variants as products.csv rows, in products.rb's order."""
    read = lambda name: (folder / name).read_text(encoding="utf-8")  # noqa: E731
    variants, masters = read_variants(read("variants.rb"))
    values = read_option_values(read("option_values.rb"))
    properties = read_properties(read("product_properties.rb"))
    categories = read_categories(read("taxons.rb"))
    rows = []
    for product in read_products(read("products.rb")):
        name, own = product["name"], variants.get(product["name"], [])
        price = f"{float(product['eur_price']):.2f}"
        stock = {sku: 0 if sku in OUT_OF_STOCK else STOCK for sku, _ in own}
        sku = masters[name]
        specs = properties.get(name, {})
        rows.append({"sku": sku, "name": name, "price": price,
                     "description": description(product, specs, _options(own, values, "size"),
                                                _options(own, values, "color")),
                     "categories": "|".join(categories.get(name, [])),
                     "qty": sum(stock.values()) if own else (0 if sku in OUT_OF_STOCK else STOCK),
                     "attr:weight[kg]": product["weight"], **_attributes(specs)})
        for variant_sku, names in own:
            shown = {values[n][1]: values[n][0] for n in names}
            rows.append({"sku": variant_sku, "parent_sku": sku, "size": shown.get("size", ""),
                         "color": shown.get("color", ""), "price": price,
                         "qty": stock[variant_sku]})
    return rows


if __name__ == "__main__":
    raise SystemExit(run_converter(__doc__, convert, "the folder of the seeds' .rb files"))

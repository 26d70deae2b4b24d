"""Turn PrestaShop's "fashion" demo fixtures (the XML files of `install-dev/fixtures/fashion/`)
into a store folder's products.csv: a small design shop in Lyon selling in euros, prices
including French VAT, its goods in sizes, colours and poster dimensions, one mug printed with
the shopper's own text.

    .venv/bin/python bench/prestashop_atelier_demo.py bench/data/stores/prestashop_atelier/export \
        bench/data/stores/prestashop_atelier/products.csv

Reads the fixtures as PrestaShop's installer would load them, without PHP: the products
(data/product.xml: reference, pre-tax price, weight, type; langs/en/data/product.xml: name and
descriptions), their combinations (product_attribute.xml: a price impact before tax) and the
attributes each combines (product_attribute_combination.xml, attribute.xml, attribute_group.xml),
the features (feature_product.xml names products and values by their position in their files,
as the installer numbers them), the categories under their parents, the customization field, the
pack's contents, the catalog's percentage reductions (specific_price.xml) and the stock
(stock_available.xml, by the same positions). A price is the fixture's pre-tax price plus the
combination's impact, with France's 20% VAT added (the fixtures' "default_tax_rule_group"; the
shop shows prices with VAT, as French shops must), rounded to the cent; a reduction becomes the
`special_price`. Size and colour are variant columns; a Dimension is a poster's size; the
notebooks' Paper Type, which products.csv has no variant column for, is an attribute of the
notebook (its four combinations folded into it, their stock summed). Two combinations are sold
out for the bench (OUT_OF_STOCK). A bench tool, not a platform importer.
"""

from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_csv import run_converter  # noqa: E402  (run as a script from bench/)

#: France's standard VAT, added to the fixtures' pre-tax prices.
VAT = 0.20
#: The fixtures stock everything; the bench sells two combinations out to have stock to talk about
#: (product id, the combination's attribute ids).
OUT_OF_STOCK = {("The_best_is_yet_to_come_Framed_poster", ("80x120cm",)),
                ("Mountain_fox_cushion", ("Black",))}
#: Attribute groups that products.csv holds as variant columns; a Dimension is a poster's size.
VARIANT_COLUMN = {"Size": "size", "Dimension": "size", "Color": "color"}


def _entities(path: Path, tag: str) -> list[dict[str, str]]:
    """The attributes of every `<tag>` element of a fixture file, in the file's order."""
    return [dict(e.attrib) for e in ET.parse(path).getroot().iter(tag)]


def _texts(path: Path, tag: str) -> dict[str, dict[str, str]]:
    """A language file's elements by id: each child's text (HTML entities as the shop shows them)."""
    return {e.get("id"): {c.tag: (c.text or "").strip() for c in e}
            for e in ET.parse(path).getroot().iter(tag)}


def plain(text: str) -> str:
    """A description's HTML as plain text: paragraphs on their own lines, tags and blanks dropped."""
    text = re.sub(r"</p>\s*", "\n", html.unescape(text))
    text = re.sub(r"<[^>]+>", "", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def with_vat(pre_tax: float) -> str:
    """The shown price: pre-tax plus VAT, to the cent ("23.900000" -> "28.68")."""
    return f"{round(pre_tax * (1 + VAT) + 1e-9, 2):.2f}"


def category_paths(folder: Path) -> dict[str, list[str]]:
    """Each product's categories as paths under the shop's root ("Accessories/Stationery"), the
    deepest ones only (a product listed in "Accessories" and "Accessories/Stationery" keeps the
    second)."""
    parents = {c["id"]: c.get("id_parent", "") for c in _entities(folder / "data/category.xml",
                                                                   "category")}
    names = {k: v["name"] for k, v in _texts(folder / "langs/en/data/category.xml",
                                             "category").items()}

    def path(category: str) -> str:
        chain = []
        while category in names:
            chain.insert(0, names[category])
            category = parents.get(category, "")
        return "/".join(chain)

    listed: dict[str, list[str]] = {}
    for link in _entities(folder / "data/category_product.xml", "category_product"):
        if link["id_category"] in names:
            listed.setdefault(link["id_product"], []).append(path(link["id_category"]))
    return {product: [p for p in paths if not any(o.startswith(p + "/") for o in paths)]
            for product, paths in listed.items()}


def features(folder: Path, product_ids: list[str]) -> dict[str, dict[str, str]]:
    """Each product's features ({"Composition": "Cotton", "Property": "Short sleeves"}):
    feature_product.xml counts products, features and values from 1 in their files' order."""
    feature_ids = [f["id"] for f in _entities(folder / "data/feature.xml", "feature")]
    value_ids = [v["id"] for v in _entities(folder / "data/feature_value.xml", "feature_value")]
    feature_names = _texts(folder / "langs/en/data/feature.xml", "feature")
    values = _texts(folder / "langs/en/data/feature_value.xml", "feature_value")
    found: dict[str, dict[str, str]] = {}
    for link in _entities(folder / "data/feature_product.xml", "feature_product"):
        product = product_ids[int(link["id_product"]) - 1]
        feature = feature_names[feature_ids[int(link["id_feature"]) - 1]]["name"]
        found.setdefault(product, {})[feature] = \
            values[value_ids[int(link["id_feature_value"]) - 1]]["value"]
    return found


def stock(folder: Path, product_ids: list[str], combination_ids: list[str]) -> dict[str, int]:
    """Stock by product id (without combinations) and by combination id, from stock_available.xml's
    positions (a product's line with combination 0 is the product's own)."""
    found = {}
    for line in _entities(folder / "data/stock_available.xml", "stock_available"):
        combination = int(line["id_product_attribute"])
        key = (combination_ids[combination - 1] if combination
               else product_ids[int(line["id_product"]) - 1])
        found[key] = int(line["quantity"])
    return found


def combinations(folder: Path) -> list[tuple[dict[str, str], list[tuple[str, str, str]]]]:
    """Each combination and its attributes as (attribute id, group id, shown name), in order."""
    groups = {a["id"]: a["id_attribute_group"] for a in _entities(folder / "data/attribute.xml",
                                                                   "attribute")}
    shown = {k: v["name"] for k, v in _texts(folder / "langs/en/data/attribute.xml",
                                             "attribute").items()}
    combined: dict[str, list[tuple[str, str, str]]] = {}
    for link in _entities(folder / "data/product_attribute_combination.xml",
                          "product_attribute_combination"):
        attribute = link["id_attribute"]
        combined.setdefault(link["id_product_attribute"], []).append(
            (attribute, groups[attribute], shown[attribute]))
    return [(c, combined.get(c["id"], []))
            for c in _entities(folder / "data/product_attribute.xml", "product_attribute")]


def description(texts: dict[str, str], specs: dict[str, str], options: dict[str, list[str]],
                customization: list[str], maker: str) -> str:
    """The product page's text: its short and long descriptions, features, options, maker."""
    lines = [plain(texts.get("description_short", "")), plain(texts.get("description", ""))]
    lines += [f"{name}: {value}" for name, value in specs.items()]
    lines += [f"{group}: {', '.join(values)}" for group, values in options.items()]
    lines += [f"Personalisation: {field} (required)" for field in customization]
    if maker:
        lines.append(f"Designed by: {maker}")
    return "\n".join(line for line in lines if line)


def _reductions(folder: Path) -> dict[str, float]:
    """A product's catalog-wide percentage reduction (0.2 = 20% off)."""
    return {s["id_product"]: float(s["reduction"])
            for s in _entities(folder / "data/specific_price.xml", "specific_price")
            if s["reduction_type"] == "percentage" and not s["id_customer"]}


def _customization(folder: Path) -> dict[str, list[str]]:
    names = _texts(folder / "langs/en/data/customization_field.xml", "customization_field")
    found: dict[str, list[str]] = {}
    for field in _entities(folder / "data/customization_field.xml", "customization_field"):
        found.setdefault(field["id_product"], []).append(names[field["id"]]["name"])
    return found


def _variant_rows(product: dict[str, str], sku: str, own: list, stocked: dict[str, int],
                  reduction: float) -> tuple[list[dict], dict[str, list[str]], int]:
    """A product's combinations as variant rows (size/colour ones), its options by group for the
    page, and its total stock."""
    rows, options, total = [], {}, 0
    for combination, attributes in own:
        qty = 0 if (product["id"], tuple(a for a, _, _ in attributes)) in OUT_OF_STOCK \
            else stocked.get(combination["id"], 0)
        total += qty
        for _, group, name in attributes:
            options.setdefault(group.replace("_", " "), []).append(name)
        columns = {VARIANT_COLUMN[g]: n for _, g, n in attributes if g in VARIANT_COLUMN}
        if not columns:
            continue  # an option products.csv has no column for: an attribute of the product
        price = float(product["price"]) + float(combination["price"])
        row = {"sku": sku + "-" + "-".join(a.upper() for a, _, _ in attributes),
               "parent_sku": sku, "size": columns.get("size", ""),
               "color": columns.get("color", ""), "price": with_vat(price), "qty": qty}
        if reduction:
            row["special_price"] = with_vat(price * (1 - reduction))
        rows.append(row)
    return rows, {g: list(dict.fromkeys(v)) for g, v in options.items()}, total


def convert(folder: Path) -> list[dict]:
    """The fixtures' products and their combinations as products.csv rows, in product.xml's order."""
    products = _entities(folder / "data/product.xml", "product")
    product_ids = [p["id"] for p in products]
    texts = _texts(folder / "langs/en/data/product.xml", "product")
    all_combinations = combinations(folder)
    stocked = stock(folder, product_ids, [c["id"] for c, _ in all_combinations])
    specs, paths = features(folder, product_ids), category_paths(folder)
    makers = {m.get("id"): m.findtext("name") for m in
              ET.parse(folder / "data/manufacturer.xml").getroot().iter("manufacturer")}
    reductions, custom = _reductions(folder), _customization(folder)
    packs = _entities(folder / "data/pack.xml", "pack")
    skus = {p["id"]: p["reference"].upper().replace("_", "-") for p in products}
    rows = []
    for product in products:
        pid, sku = product["id"], skus[product["id"]]
        own = [(c, attrs) for c, attrs in all_combinations if c["id_product"] == pid]
        variants, options, total = _variant_rows(product, sku, own, stocked,
                                                 reductions.get(pid, 0.0))
        row = {"sku": sku, "name": texts[pid]["name"], "price": with_vat(float(product["price"])),
               "description": description(texts[pid], specs.get(pid, {}), options,
                                          custom.get(pid, []), makers.get(product["id_manufacturer"]) or ""),
               "categories": "|".join(paths.get(pid, [])),
               "qty": total if own else stocked.get(pid, 0),
               "attr:weight[kg]": f"{float(product['weight']):g}"}
        if pid in reductions:
            row["special_price"] = with_vat(float(product["price"]) * (1 - reductions[pid]))
        for name, value in specs.get(pid, {}).items():
            row[f"attr:{name.lower()}"] = value
        if "Paper Type" in options:
            row["attr:paper_type"] = "|".join(options["Paper Type"])
        if makers.get(product["id_manufacturer"]):
            row["attr:brand"] = makers[product["id_manufacturer"]]
        if product["product_type"] == "virtual":
            row["attr:delivery"] = "Download"
        if custom.get(pid):
            row["attr:personalised"] = "Yes"
        contents = [p for p in packs if p["id_product_pack"] == pid]
        if contents:
            row["components"] = "|".join(_component(p, skus, all_combinations) for p in contents)
        rows.append(row)
        rows.extend(variants)
    return rows


def _component(item: dict[str, str], skus: dict[str, str], all_combinations: list) -> str:
    """A pack item as `sku`, its default combination's variant when it has combinations, one of
    it: the pack's own description lists one mug and one poster ("Mug The Adventure Begins +
    Framed poster Today is a good day 40x60cm"); pack.xml's quantity of 5 is left out."""
    sku = skus[item["id_product_item"]]
    own = [attrs for c, attrs in all_combinations
           if c["id_product"] == item["id_product_item"] and c.get("default_on") == "1"]
    return sku + "".join("-" + "-".join(a.upper() for a, _, _ in attrs) for attrs in own[:1])


if __name__ == "__main__":
    raise SystemExit(run_converter(__doc__, convert, "the fixtures folder (data/, langs/en/data/)"))

"""bench/odoo_office_demo.py: Odoo's product demo records read into products.csv rows (a later
field overriding an earlier one, a template's variants priced with their values' price_extra,
the demo's placeholder weight left out, services sold by the hour), and the odoo_office store
made from them loads without a skipped row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "odoo_office"

_RECORDS = """<?xml version="1.0" encoding="utf-8"?>
<odoo><data>
  <record id="product_product_1" model="product.product">
    <field name="name">Design Hour</field>
    <field name="categ_id" ref="product_category_3"/>
    <field name="list_price">30.75</field>
    <field name="uom_id" ref="uom.product_uom_hour"/>
  </record>
  <record id="product_product_6" model="product.product">
    <field name="name">Big Cabinet</field>
    <field name="categ_id" ref="product_category_5"/>
    <field name="list_price">320.0</field>
    <field name="weight">0.01</field>
    <field name="default_code">E-COM07</field>
    <field name="weight">12.5</field>
  </record>
  <record id="product_product_7" model="product.product">
    <field name="name">Box</field>
    <field name="categ_id" ref="product_category_5"/>
    <field name="list_price">15.8</field>
    <field name="weight">0.01</field>
    <field name="description_sale">A box.</field>
    <field name="default_code">E-COM08</field>
  </record>
  <record id="product_attribute_value_1" model="product.attribute.value">
    <field name="name">Steel</field>
  </record>
  <record id="product_attribute_value_2" model="product.attribute.value">
    <field name="name">Aluminium</field>
  </record>
  <record id="desk_template" model="product.template">
    <field name="name">Desk</field>
    <field name="categ_id" ref="product_category_5"/>
    <field name="list_price">750.0</field>
  </record>
  <record id="desk_a" model="product.product">
    <field name="product_tmpl_id" ref="desk_template"/>
    <field name="combination" eval="['Steel', 'White']"/>
    <field name="default_code">D-1</field>
  </record>
  <record id="desk_b" model="product.product">
    <field name="product_tmpl_id" ref="desk_template"/>
    <field name="combination" eval="['Aluminium', 'White']"/>
    <field name="default_code">D-2</field>
  </record>
  <record id="desk_alu" model="product.template.attribute.value">
    <field name="product_tmpl_id" ref="desk_template"/>
    <field name="value" ref="product_attribute_value_2"/>
    <field name="price_extra">50.40</field>
  </record>
</data></odoo>
"""


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("odoo_office_demo.py")


def test_records_become_products_variants_and_facts(converter, tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(_RECORDS, encoding="utf-8")
    service, cabinet, box, desk, steel, alu = converter.convert(path)
    assert (service["sku"], service["unit"], service["categories"], service["price"]) == \
        ("DESIGN-HOUR", "hour", "Services", "30.75")
    # the later weight field wins, and the 0.01 kg placeholder is never said
    assert "Weight: 12.5 kg" in cabinet["description"] and "Reference: E-COM07" in cabinet["description"]
    assert "Weight" not in box["description"] and box["description"].startswith("A box.")
    assert desk["sku"] == "DESK" and "Legs: Steel or Aluminium (+50.40)" in desk["description"]
    assert (steel["parent_sku"], steel["size"], steel["color"], steel["price"]) == \
        ("DESK", "Steel legs", "White", "750.00")
    assert (alu["sku"], alu["size"], alu["price"]) == ("D-2", "Aluminium legs", "800.40")


def test_the_store_made_from_the_export_is_its_products_csv_and_loads_whole(converter):
    from kb import KnowledgeBase

    rows = converter.convert(_STORE / "export" / "product_demo_records.xml")
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [{k: str(v) for k, v in r.items()} for r in rows] == \
        [{k: v for k, v in r.items() if k in rows[i] or v} for i, r in enumerate(written)]
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 25 and not kb.problems
    assert kb.currency == "CHF" and kb.return_policy.window_days == 30
    desk = next(p for p in kb.products if p.name == "Customizable Desk")
    assert sorted(v.price for v in desk.variants) == [750.0, 750.0, 800.4]
    assert not next(p for p in kb.products if p.name == "Flipover").in_stock

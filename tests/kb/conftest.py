"""Fixtures of the kb tests: a second store written by the tests themselves (the redis-server
and `redis_client` are tests/conftest.py's)."""

from __future__ import annotations

from pathlib import Path

import pytest

#: A small lighting store: no variants, no reviews, no promotions; prices in EUR, shipping by
#: weight to Irish and UK regions, free over 150, opening hours in Dublin time.
LIGHTING_PRODUCTS = """sku,name,price,qty,unit,tier_prices,categories,attr:wattage[W],attr:finish
LMP-ARC,Arc Floor Lamp,189,12,,,Lamps/Floor,12,Brushed brass
LMP-DSK,Task Desk Lamp,64,40,,5:58,Lamps/Desk,8,Matte black
BLB-E27,LED Bulb E27,4.5,800,each,10:4|50:3.2,Bulbs,8,Frosted
CBL-FAB,Fabric Cable,3,500,metre,,Parts,,Braided
"""

LIGHTING_SETTINGS = """\
version: 1
currency: EUR
timezone: Europe/Dublin
shipping:
  weight_unit: kg
  regions: {IE: Ireland, NI: Northern Ireland, GB: Great Britain}
  methods:
    - code: courier
      label: Tracked courier
      delivery_days: [1, 3]
      cutoff: "14:00"
      free_over: 150
      rates:
        - {regions: [GB], max_weight: 5, price: 14.5}
        - {regions: [GB], min_weight: 5.001, price: 29}
        - {max_weight: 5, price: 6.9}
        - {min_weight: 5.001, price: 12}
    - code: collect
      label: Click and collect in Dublin
      delivery_days: 0
      rates:
        - {regions: [IE], price: 0}
  surcharges:
    - {regions: [NI], methods: [courier], amount: 3}
returns:
  window_days: 14
  conditions: [Unused and in the original box, Bulbs only if faulty]
  refund_methods: [original payment]
  return_shipping: customer
contact:
  channels:
    - {kind: email, value: help@lumen.example, label: Email}
    - {kind: phone, value: "+353 1 555 0100"}
  hours:
    - {days: [mon-fri], opens: "09:00", closes: "17:30"}
"""

LIGHTING_ARTICLES = {
    "articles/faq/bulbs.md": "# Bulbs\nAll our bulbs are LED and dimmable unless the page says "
                             "otherwise.\n",
}


def write_files(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def lighting_store(tmp_path) -> Path:
    """The lighting store's folder: products.csv, one FAQ and its store.yaml."""
    return write_files(tmp_path / "lumen", {"products.csv": LIGHTING_PRODUCTS,
                                            "store.yaml": LIGHTING_SETTINGS, **LIGHTING_ARTICLES})

"""bench/fyrtorn_prints_demo.py: Tate's artwork JSON read into products.csv rows (a print in the
shop's paper sizes and prices, a small original printed up to A3 only, the original's size read
from the dimensions text, categories by century and movement, a postcard set for a movement of
three works or more), and the fyrtorn_prints store made from them loads whole."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "fyrtorn_prints"


def _work(acno: str, title: str, dimensions: str, movements: list[str]) -> dict:
    return {"acno": acno, "title": title, "all_artists": "Dante Gabriel Rossetti",
            "contributors": [{"date": "1828–1882"}], "dateText": "c.1864–70",
            "medium": "Oil paint on canvas", "dimensions": dimensions,
            "height": "1", "width": "2", "creditLine": "Presented 1889",
            "movements": [{"name": m} for m in movements]}


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("fyrtorn_prints_demo.py")


def test_artworks_become_prints_in_sizes_and_postcard_sets(converter, tmp_path):
    works = [_work("N01", "Beata Beatrix", "support: 864 x 660 mm\r\nframe: 1 x 2 mm",
                   ["Symbolism", "Pre-Raphaelite Brotherhood"]),
             _work("N02", "Small Study", "support: 214 x 162 mm", ["Symbolism"]),
             _work("N03", "Proserpine", "support: 1251 x 610 mm", ["Symbolism"])]
    (tmp_path / "artworks").mkdir()
    for work in works:
        (tmp_path / "artworks" / f"{work['acno'].lower()}.json").write_text(json.dumps(work))
    rows = converter.convert(tmp_path)
    beata = rows[0]
    assert (beata["sku"], beata["name"], beata["price"]) == ("N01", "Beata Beatrix", "229.00")
    assert beata["attr:original_size"] == "86.4 x 66 cm"  # from the text, not height/width
    assert beata["categories"] == ("Art prints/19th century|Art prints/Symbolism|"
                                   "Art prints/Pre-Raphaelite Brotherhood")
    assert "Sizes: A4, A3, 50x70 cm, 50x70 cm framed" in beata["description"]
    sizes = [(r["size"], r["price"], r["qty"]) for r in rows if r.get("parent_sku") == "N01"]
    assert sizes == [("A4", "229.00", 25), ("A3", "349.00", 25), ("50x70 cm", "549.00", 25),
                     ("50x70 cm framed", "1395.00", 6)]
    assert [r["size"] for r in rows if r.get("parent_sku") == "N02"] == ["A4", "A3"]
    cards = [r for r in rows if r["sku"].startswith("CARDS-")]
    assert [(c["name"], c["price"]) for c in cards] == [("Postcard set: Symbolism (3 cards)",
                                                         "45.00")]


def test_the_store_made_from_the_artworks_is_its_products_csv_and_loads_whole(converter):
    from kb import KnowledgeBase

    rows = converter.convert(_STORE / "export")
    with (_STORE / "products.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert len(rows) == len(written) == 115
    assert [{k: str(v) for k, v in r.items()} for r in rows] == \
        [{k: v for k, v in w.items() if k in r} for w, r in zip(written, rows)]
    kb = KnowledgeBase.from_folder(_STORE)
    assert len(kb.products) == 25 and not kb.problems
    assert kb.currency == "SEK" and kb.return_policy.window_days == 30
    shalott = next(p for p in kb.products if p.name == "The Lady of Shalott")
    assert (shalott.price, len(shalott.variants)) == (229.0, 4)
    assert not next(v for v in shalott.variants if v.size == "50x70 cm framed").in_stock

"""A store's own data in the documented import format (docs/IMPORT_FORMAT.md)."""

import json

import pytest

from kb import KnowledgeBase, StoreDataError

PRODUCTS_CSV = """sku,name,price,special_price,description,categories,qty,attr:material,parent_sku,size,color
JKT1,Storm Jacket,95,79,<p>Fully <b>waterproof</b> shell.</p>,Men/Jackets|Sale,,Nylon|Polyester,,,
JKT1-M-Blue,,95,,,,5,,JKT1,M,Blue
JKT1-L-Red,,95,,,,0,,JKT1,L,Red
BAD1,No Price,,,,,,,,,
BAD2,Bad Price,cheap,,,,,,,,
,No Sku,10,,,,,,,,
ORPHAN-S,,10,,,,1,,MISSING,S,
TEE1,Basic Tee,20,,Cotton tee.,Women/Tees,3,Cotton,,,
"""


def write_store(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_products_csv_loads_good_rows_and_reports_each_bad_one(tmp_path):
    kb = KnowledgeBase.from_folder(write_store(tmp_path, {"products.csv": PRODUCTS_CSV}))
    assert sorted(p.sku for p in kb.products) == ["JKT1", "TEE1"]
    jacket = kb.product("JKT1")
    assert jacket.description == "Fully waterproof shell."
    assert jacket.final_price == 79 and jacket.categories == ("Men/Jackets", "Sale")
    assert jacket.attributes == {"material": ("Nylon", "Polyester")}
    assert [(v.size, v.color, v.in_stock) for v in jacket.variants] == [
        ("M", "Blue", True), ("L", "Red", False)]
    assert jacket.qty == 5 and jacket.available
    problems = {(p.file, p.line, p.field) for p in kb.problems}
    assert problems == {("products.csv", 5, "price"), ("products.csv", 6, "price"),
                        ("products.csv", 7, "sku"), ("products.csv", 8, "parent_sku")}
    assert any("expected a number, got 'cheap'" in str(p) for p in kb.problems)


def test_products_jsonl_with_variants_and_bad_lines(tmp_path):
    lines = [
        {"sku": "W1", "name": "Trail Watch", "price": 120, "attributes": {"water_resistant": "Yes"},
         "variants": [{"sku": "W1-B", "color": "Black", "price": 120, "qty": 2}]},
        "not json",
        {"sku": "W2", "name": "Bad Attrs", "price": 5, "attributes": ["x"]},
        {"sku": "W3", "name": "Negative", "price": -1},
        {"sku": "W1", "name": "Duplicate", "price": 1},
    ]
    text = "\n".join(l if isinstance(l, str) else json.dumps(l) for l in lines)
    kb = KnowledgeBase.from_folder(write_store(tmp_path, {"products.jsonl": text}))
    assert [p.sku for p in kb.products] == ["W1"]
    assert kb.product("W1").name == "Trail Watch"
    assert kb.product("W1").attributes == {"water_resistant": ("Yes",)}
    assert kb.product("W1-B").sku == "W1"
    found = sorted((p.line, p.field) for p in kb.problems if p.line)
    assert found == [(2, None), (3, "attributes"), (4, "price")]
    assert any("duplicate sku 'W1'" in str(p) for p in kb.problems)


def test_articles_from_files_and_jsonl(tmp_path):
    files = {
        "articles/policy/returns.md": "# Returns\n\nYou may return unworn items within 45 days.",
        "articles/faq/sizing.html": "<h1>Sizing help</h1><p>Our sizes run small.</p>",
        "articles/blog/ignored.md": "# Not a type",
        "articles.jsonl": "\n".join([
            json.dumps({"id": "policy:warranty", "type": "policy", "title": "Warranty",
                        "text": "Two years on watches.", "metadata": {"url": "/warranty"}}),
            json.dumps({"id": "x", "type": "recipe", "title": "X", "text": "y"}),
            json.dumps({"id": "y", "type": "faq", "title": "Y"}),
        ]),
    }
    kb = KnowledgeBase.from_folder(write_store(tmp_path, files))
    by_id = {p.id: p for a in kb.articles for p in a.passages}
    assert "within 45 days" in by_id["policy:returns#1"].text
    assert by_id["faq:sizing#1"].title == "Sizing help"
    assert by_id["policy:warranty#1"].url == "/warranty"
    messages = [str(p) for p in kb.problems]
    assert any(m.startswith("articles/blog/ignored.md") for m in messages)
    assert any(m.startswith("articles.jsonl:2: type: unknown type 'recipe'") for m in messages)
    assert any(m.startswith("articles.jsonl:3: text: is required") for m in messages)


def test_csv_without_required_columns_is_reported(tmp_path):
    kb = KnowledgeBase.from_folder(write_store(tmp_path, {"products.csv": "sku,title\nA,B\n"}))
    assert kb.products == ()
    assert "missing required columns: name, price" in str(kb.problems[0])


def test_missing_or_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreDataError, match="does not exist"):
        KnowledgeBase.from_folder(tmp_path / "nope")
    with pytest.raises(StoreDataError, match="holds no store data"):
        KnowledgeBase.from_folder(tmp_path)


def test_load_picks_demo_or_folder(tmp_path):
    write_store(tmp_path, {"products.csv": PRODUCTS_CSV})
    assert KnowledgeBase.load(str(tmp_path)).stats()["products"] == 2


def test_an_html_article_is_titled_by_its_title_or_h1_not_its_first_heading(tmp_path):
    files = {
        "articles/policy/warranty.html": "<html><head><title>Warranty terms</title></head>"
                                         "<body><h2>Overview</h2><p>Two years on lamps.</p>"
                                         "</body></html>",
        "articles/faq/care.html": "<h2>Overview</h2><p>Wipe with a dry cloth.</p>"
                                  "<h1>Caring for your lamp</h1><p>Never use water.</p>",
        "articles/page/about.html": "<h2>Overview</h2><p>We make lamps.</p>",
    }
    kb = KnowledgeBase.from_folder(write_store(tmp_path, files))
    titles = {a.id: a.title for a in kb.articles}
    assert titles == {"warranty": "Warranty terms", "care": "Caring for your lamp",
                      "about": "Overview"}

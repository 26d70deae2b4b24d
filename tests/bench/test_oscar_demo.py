"""bench/oscar_demo.py: django-oscar's sandbox book CSVs read into products.csv rows, and the
oscar_sample store made from them loads without a skipped row."""

from __future__ import annotations

from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_STORE = _ROOT / "bench" / "data" / "stores" / "oscar_sample"


@pytest.fixture(scope="module")
def converter(bench_script):
    return bench_script("oscar_demo.py")


def test_a_book_filed_twice_is_one_product_priced_as_the_file_read_last(converter, tmp_path):
    (tmp_path / "books.a.csv").write_text(
        'Book,Books > Fiction > Computers in Literature,9780553380958,Snow Crash,"A novel, of sorts.",'
        "Book partner,9780553380958,17.99,51\n"
        "Book,Books > Fiction > Computers in Literature,9780441569595,Neuromancer.,,Book partner,9780441569595,7.99,0\n")
    (tmp_path / "books.b.csv").write_text(
        'Book,Books > Non-Fiction > Hacking,9780553380958,Snow Crash,"A novel, of sorts.",'
        "Book partner,9780553380958,7.99,27\n")
    rows = converter.convert([tmp_path / "books.b.csv", tmp_path / "books.a.csv"])
    assert [r["sku"] for r in rows] == ["9780553380958", "9780441569595"]
    snow = rows[0]
    assert snow["categories"] == "Books/Fiction/Computers in Literature|Books/Non-Fiction/Hacking"
    assert (snow["price"], snow["qty"], snow["attr:isbn"]) == ("7.99", 27, "9780553380958")
    assert (rows[1]["name"], rows[1]["qty"], rows[1]["description"]) == ("Neuromancer.", 0, "")


def test_the_store_made_from_the_sandbox_loads_whole():
    from kb import KnowledgeBase

    kb = KnowledgeBase.from_folder(_STORE)
    assert kb.problems == ()
    assert len(kb.products) == 198 and kb.currency == "GBP"
    assert kb.shipping is not None and kb.return_policy is not None and kb.promotions
    assert not kb.product("9780596006624").available  # Hackers & painters, stock 0 in the sandbox

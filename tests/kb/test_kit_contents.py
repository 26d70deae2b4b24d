"""kb/kit_contents.py: an imported kit's record names its components as the catalog names them
(products.csv gives only their skus), so "what's in the pack" is answered with goods, not skus."""

from __future__ import annotations

from kb import KnowledgeBase, Product
from kb.kit_contents import named_contents
from kb.types import BundleItem, Variant

CSV = """sku,name,price,qty,components,description,parent_sku,size
BULB,LED Bulb E27,4.50,500,,,,
POSTER,Framed poster,30,9,,,,
POSTER-S,,30,9,,,POSTER,40x60cm
KIT,Desk Lamp Kit,39,20,BULB:2|POSTER-S,A lamp and a poster.,,
"""


def test_a_kits_record_names_its_components_and_their_option(tmp_path):
    (tmp_path / "products.csv").write_text(CSV)
    kit = KnowledgeBase.from_folder(tmp_path).product("KIT")
    assert kit.description == ("A lamp and a poster.\n"
                               "Contents: 2 x LED Bulb E27, 1 x Framed poster (40x60cm)")
    assert kit.components == (BundleItem("BULB", 2), BundleItem("POSTER-S", 1))


def test_a_kit_that_lists_its_contents_and_other_products_are_left_as_they_are():
    bulb = Product("BULB", "LED Bulb E27", "", 4.5)
    listed = Product("KIT", "Kit", "Contents: two bulbs", 9.0, components=(BundleItem("BULB", 2),))
    shirt = Product("TEE", "Tee", "Soft.", 9.0, variants=(Variant("TEE-S", "S", None, 9.0, 1, True),))
    assert named_contents([bulb, listed, shirt]) == [bulb, listed, shirt]


def test_whats_in_the_pack_is_answered_with_the_contents_by_name(tmp_path):
    from bot.dialogue.products import product_answers
    from bot.dialogue.products.catalog_terms import CatalogTerms

    (tmp_path / "products.csv").write_text(CSV)
    kb = KnowledgeBase.from_folder(tmp_path)
    said = product_answers.answer(kb.product("KIT"), "whats in the desk lamp kit", "EUR",
                                  CatalogTerms(kb.products)).text
    assert "2 x LED Bulb E27, 1 x Framed poster (40x60cm)" in said

from kb import Product

from bot.dialogue.products.goods_kinds import GoodsKinds

CATALOG = [
    Product("G1", "Angle Grinder 4-1/2 in", "", 89.0, categories=("Power Tools/Angle Grinders",)),
    Product("D1", "Cordless Drill 18V", "", 115.0, categories=("Power Tools/Drills",)),
    Product("H1", "Claw Hammer 16oz", "", 28.0, categories=("Hand Tools/Hammers",)),
    Product("W1", "Adjustable Wrench 10in", "", 19.0, categories=("Hand Tools/Wrenches",)),
    Product("J1", "Long-Sleeve Logo Jersey", "", 49.0, categories=("Clothing/Jerseys",)),
    Product("B1", "Shovel With Long Handle", "", 35.0, categories=("Garden/Shovels",)),
]


def test_a_question_naming_goods_is_read_with_their_catalog_kind():
    kinds = GoodsKinds(CATALOG)
    assert kinds.named("got an angle grinder 5 weeks ago, can i bring it back") == ["Power Tools", "Angle Grinders"]
    assert kinds.read_with_kind("my wrench cracked, will you replace it").endswith("(Hand Tools, Wrenches)")


def test_no_kind_when_the_question_names_no_goods_or_two_kinds():
    kinds = GoodsKinds(CATALOG)
    # "long" of time is no jersey; "back" no goods
    assert kinds.read_with_kind("how long do i have to bring something back") == \
        "how long do i have to bring something back"
    assert kinds.named("a drill and a hammer") == []


def test_a_category_word_decides_between_two_kinds():
    # "handle" is a shovel's name word, "hammer" the word the catalog files hammers under
    assert GoodsKinds(CATALOG).named("my hammer handle broke")[0] == "Hand Tools"

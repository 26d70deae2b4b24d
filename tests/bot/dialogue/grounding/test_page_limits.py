"""A page's rule that limits what a yes/no question asks of, quoted where the reply failed."""

from models import Fact

from bot.dialogue.grounding import page_limits, relevance

SHEET_GOODS = ("Lumber, sheet goods (plywood, OSB, drywall, cement board), bagged concrete, soil and mulch are "
               "too long or too heavy for a parcel. They travel only on the van inside the Puget Sound area, "
               "or you collect them. If your cart mixes van-only items with parcel items we split the order.")
STAIRS = "The driver brings your order to the curb or the garage, not up stairs or inside."
WINE = "We can only deliver beer and wine to addresses in Ontario."
WINE_RETURNS = "Beer and wine are final sale under Ontario rules and cannot be returned unless they are faulty."
PAGES = {"policy:delivery#2": SHEET_GOODS, "policy:delivery#5": STAIRS, "policy:shipping#4": WINE,
         "policy:returns#2": WINE_RETURNS}


def rules(question, ids, rare=frozenset()):
    facts = [Fact(i, PAGES[i].split(". ")[0]) for i in ids]  # a fact holds chosen sentences only
    # the store's rare words, read as the search reads a question's words
    rare = {w for word in rare for w in relevance.question_words(word)}
    return page_limits.rules(question, facts, lambda i: PAGES.get(i, ""), rare)


def test_the_rule_on_goods_named_is_read_with_the_sentence_that_goes_on_about_them():
    found = rules("can u send plywood by parcel to spokane", ["policy:delivery#2"], {"plywood"})
    assert found == [("policy:delivery#2", SHEET_GOODS.rsplit(" If", 1)[0])]
    assert "only on the van" in found[0][1] and "split the order" not in found[0][1]


def test_a_rule_holds_the_rare_thing_and_another_word_of_the_question():
    found = rules("will the van guy carry the drywall up the stairs to my apartment",
                  ["policy:delivery#5", "policy:delivery#2"], {"drywall", "stairs"})
    assert [i for i, _ in found] == ["policy:delivery#2"]  # drywall and the van; "stairs" alone is too little


def test_the_rule_on_sending_the_thing_not_another_rule_on_it():
    found = rules("can you send wine to vancouver", ["policy:returns#2", "policy:shipping#4"], {"wine"})
    assert found == [("policy:shipping#4", WINE)]
    assert rules("can you send wine to vancouver", ["policy:shipping#4"]) == []  # a common word: no rule
    assert rules("can i return the wine", ["policy:shipping#4"], {"wine"}) == []


def test_no_rule_for_a_question_for_a_thing_or_a_sentence_that_limits_nothing():
    assert rules("what can the driver carry up the stairs", ["policy:delivery#5"], {"stairs"}) == []
    page = {"policy:delivery#1": "Van delivery is $35 and comes with a call before the driver arrives."}
    assert page_limits.rules("does the driver call first", [Fact("policy:delivery#1", page["policy:delivery#1"])],
                             page.get, {"driver"}) == []


def test_a_question_offering_two_ways_is_answered_by_the_sentence_naming_one():
    online = "Virtual Interior Design and Virtual Home Staging take place online by video call."
    facts = [Fact("policy:delivery#5", online)]
    rare = set(relevance.question_words("staging"))
    found = page_limits.rules("is virtual home staging done at my place or online?", facts, lambda i: "", rare)
    assert found == [("policy:delivery#5", online)]
    assert page_limits.rules("is virtual home staging done at my place?", facts, lambda i: "", rare) == []


def test_a_procedure_naming_the_thing_in_its_condition_is_no_rule_on_it():
    warm = "Tell us within 24 hours about anything damaged, missing or not cold, with a photo of the goods."
    rare = set(relevance.question_words("cold"))
    assert page_limits.rules("will the camembert stay cold on the van??", [Fact("policy:terms#1", warm)],
                             lambda i: "", rare) == []


def test_no_rule_for_a_statement_or_a_word_that_only_starts_the_thing_asked():
    partial = "There are certain situations where only partial refunds are granted: a book with obvious signs of use."
    facts = [Fact("policy:returns#3", partial)]
    rare = set(relevance.question_words("book bookshelf"))
    assert page_limits.rules("max load per shelf on the white bookshelf?", facts, lambda i: "", rare) == []
    assert page_limits.rules("can the white bookshelf hold 20 kg?", facts, lambda i: "", rare) == []

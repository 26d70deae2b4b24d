from bot.dialogue.products import carried_questions


def test_a_bare_pointer_asks_the_last_question_of_the_product_it_points_at(demo_kb):
    for bare in ("ok and the other one?", "and the other one", "what about the cheaper one"):
        assert carried_questions.points_only(bare), bare
    for own in ("does the other one come in black", "and the other one in xl?", "how much is it"):
        assert not carried_questions.points_only(own), own
    hero = next(p for p in demo_kb.products if p.name == "Hero Hoodie")
    assert carried_questions.asked_of("does the hero one come in green?", hero) == "does the one come in green"
    assert carried_questions.asked_of("does the cheaper one come in black?", None) == "does it come in black?"


def test_a_size_put_in_place_after_a_search_for_one_named_product_is_that_products_size():
    fits = lambda text, **kw: carried_questions.size_of_named(
        text, kw.get("sizes", ("L",)), kw.get("focus", "WT08"), kw.get("in_view", ["WT08", "WT01"]),
        kw.get("searched", True))
    assert fits("actually make it the large")
    assert fits("make it a medium actually", sizes=("M",))
    assert not fits("actually make it the large", focus="")  # the search named no product
    assert not fits("actually make it the large", focus="WT01")  # not the product the search found first
    assert not fits("actually make it the large", searched=False)
    assert not fits("in large?")  # a new limit on the search

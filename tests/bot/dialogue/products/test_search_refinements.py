"""What a follow-up to a product search holds (bot/dialogue/products/search_refinements.py)."""

from __future__ import annotations

from bot.dialogue.products import search_refinements as refinements


def test_a_size_alone_is_a_new_limit_and_a_question_is_not():
    assert refinements.only_limits("need xs tho", ("XS",))
    assert refinements.only_limits("size xl pls", ("XL",))
    assert not refinements.only_limits("does the first one come in xl", ("XL",))
    assert not refinements.only_limits("need xs tho")  # the size not known to the catalog: a word


def test_sizes_are_left_out_as_whole_words():
    assert refinements.without_sizes("mens tees in xl", ("XL",)) == "mens tees in"
    assert refinements.without_sizes("xlarge tees", ("XL",)) == "xlarge tees"


def test_fillers_and_the_lead_in_leave_a_correction_its_new_words():
    assert refinements.without_hedges("need xs tho") == "xs"
    assert refinements.without_hedges("sorry i meant womens") == "womens"
    # the verb of the change asks nothing: "make it under 25" is the limit alone
    assert refinements.without_hedges("hmm actually make it under 25") == "under 25"
    assert refinements.without_hedges("change that to blue") == "blue"


def test_another_kind_keeps_the_last_searchs_limit_and_department():
    assert refinements.another_kind("need a bag for the gym under 35", "actually a duffle") == "a duffle under 35"
    assert refinements.another_kind("mens tees", "sorry, tanks") == "mens tanks"
    assert refinements.another_kind("tees for women", "no wait, hoodies for men") == "hoodies for men"


def test_the_other_departments_version_is_a_new_limit_with_nothing_to_search():
    assert refinements.only_limits("men's version?")
    assert refinements.only_limits("womens equivalent?")
    assert refinements.without_hedges("men's version?") == "men's"

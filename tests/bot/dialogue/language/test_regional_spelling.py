"""bot/dialogue/language/regional_spelling.py: a word the store spells the other (American or British)
way is read as the store writes it, and only then."""

from __future__ import annotations

from bot.dialogue.language.regional_spelling import RegionalSpelling
from bot.dialogue.language.spelling import CatalogSpelling
from bot.dialogue.understanding import Understander


def test_the_shoppers_spelling_is_read_as_the_stores():
    british = RegionalSpelling(["conference", "chair", "steel", "legs", "aluminium", "grey"])
    assert british.read("conference chair w/ aluminum legs price") == "conference chair w/ aluminium legs price"
    assert british.read("any Gray chairs?") == "any grey chairs?"
    american = RegionalSpelling(["aluminum", "gray", "jewelry"])
    assert american.read("aluminium frame in grey, and jewellery") == "aluminum frame in gray, and jewelry"


def test_a_word_the_store_spells_both_ways_or_never_is_left_alone():
    both = RegionalSpelling(["gray", "grey"])
    assert both.read("gray or grey") == "gray or grey"
    assert RegionalSpelling(["desk"]).read("an aluminum desk in gray") == "an aluminum desk in gray"
    assert RegionalSpelling([]).read("grayish colors") == "grayish colors"  # whole words only


def test_the_understander_reads_a_variants_spelling_of_the_catalog():
    catalog = CatalogSpelling(options=frozenset({"aluminium", "legs", "steel"}))
    read = Understander(object(), None, None, catalog).read  # no vocabulary: no word is respelt
    assert read("conference chair with aluminum legs price") == "conference chair with aluminium legs price"

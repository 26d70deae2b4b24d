"""Kinds of goods named in the shopper's language, read as the English a catalog uses."""

from __future__ import annotations

import re

import pytest

from bot.dialogue.language import languages
from bot.dialogue.language.glossary_goods import GOODS


@pytest.mark.parametrize("text, language, english", [
    ("¿venden guantes de ciclismo?", "es", "gloves"), ("avez-vous du miel ?", "fr", "honey"),
    ("Habt ihr Kissen?", "de", "cushion"), ("tem meias de algodão?", "pt", "socks"),
    ("vendete caschi da bici?", "it", "helmet"), ("Was kostet der Gürtel aus Leder?", "de", "belt"),
    ("tenéis café molido?", "es", "coffee")])
def test_a_kind_of_goods_reads_as_the_catalog_word(text, language, english):
    assert re.search(rf"\b{english}\b", languages.to_english(text, language))


@pytest.mark.parametrize("text, language, english", [
    ("tienen comida para gatos?", "es", "cat food"), ("vous vendez des lunettes de soleil ?", "fr", "sunglasses"),
    ("vocês têm garrafas de água?", "pt", "water bottle"), ("avete un tagliere?", "it", "cutting board")])
def test_a_kind_of_several_words_is_read_whole_before_its_words(text, language, english):
    reading = languages.to_english(text, language)
    assert english in reading
    assert " for " not in reading and "water water" not in reading


def test_a_price_asked_and_goods_had_read_as_the_questions_the_nlu_knows():
    assert languages.to_english("tenéis miel?", "es") == "do you have honey?"
    assert languages.to_english("c'est combien le riz ?", "fr").startswith("how much is")
    assert languages.to_english("vocês vendem sabonete?", "pt").startswith("do you have")


@pytest.mark.parametrize("text, language", [("¿la chaqueta la tienen en rojo?", "es"),
                                            ("ce pull existe en noir ?", "fr")])
def test_a_colour_asked_of_a_product_reads_as_does_it_come_in(text, language):
    assert "does it come in" in languages.to_english(text, language)


def test_every_language_has_goods_and_each_pattern_compiles():
    assert set(GOODS) == {"es", "fr", "de", "pt", "it"}
    for words in GOODS.values():
        for pattern, english in words:
            re.compile(pattern)
            assert english == english.lower() and english.strip()

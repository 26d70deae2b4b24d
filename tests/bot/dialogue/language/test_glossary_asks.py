"""What a shopper asks of a product or a page in their language, read as the English words the
records and pages use (`glossary_asks`), and the kinds of goods hardware, media, office and food
shops sell (`glossary_goods`)."""

from __future__ import annotations

import pytest

from bot.dialogue.language import languages


@pytest.mark.parametrize("text, language", [
    ("et la mouse sander elle coute combien", "fr"), ("hola, cuanto cobran por la van delivery?", "es"),
    ("quanto vcs cobram pelo frete?", "pt"), ("was verlangt ihr für den Versand?", "de")])
def test_a_price_asked_after_the_name_or_as_a_charge_is_how_much(text, language):
    assert "how much is" in languages.to_english(text, language)


@pytest.mark.parametrize("text, language, english", [
    ("le camembert pierrot il vient de quel pays ?", "fr", "country of origin"),
    ("aus welchem Land kommt der Käse?", "de", "country of origin"),
    ("le marteau il a un manche en quoi ?", "fr", "handle what material is"),
    ("de que material es la camiseta?", "es", "what material is"),
    ("cuanto dura tears in heaven?", "es", "how long is"),
    ("et c'est quel format ? ca marche sur mon tel ?", "fr", "what format is ? does it play on my phone"),
    ("und wie groß ist die?", "de", "and what are its dimensions?"),
    ("quanto misura il tavolo?", "it", "what are the dimensions of")])
def test_a_feature_asked_reads_as_the_words_of_a_record(text, language, english):
    assert english in languages.to_english(text, language)


def test_sleeves_are_no_handle():
    assert "long sleeves" in languages.to_english("il a des manches longues ?", "fr")
    assert "handle" not in languages.to_english("le t-shirt a des manches ?", "fr")


@pytest.mark.parametrize("text, language", [
    ("c'e uno sconto sul primo ordine?", "it"), ("hay descuento en el primer pedido?", "es"),
    ("gibt es Rabatt auf die erste Bestellung?", "de"), ("tem desconto na primeira compra?", "pt")])
def test_a_first_order_is_no_order_to_look_up(text, language):
    reading = languages.to_english(text, language)
    assert "first order" in reading
    assert "order?" not in reading.replace("first order?", "")


@pytest.mark.parametrize("text, language, english", [
    ("posso devolver o queijo se eu nao gostar?", "pt", "return the cheese if"),
    ("posso devolver uma mesa que eu ja montei?", "pt", "table that i already assembled"),
    ("posso devolver os adesivos?", "pt", "stickers"),
    ("comprei uma furadeira faz 6 semanas", "pt", "drill"),
    ("se non mi piace il formaggio posso restituirlo?", "it", "if i don't like it"),
    ("und kann ich auch nur eine flasche kaufen?", "de", "just one bottle buy"),
    ("auf wie viele geräte kann ich die geschützten folgen laden?", "de", "on how many devices"),
    ("posso comprare gli episodi di heroes dall'italia?", "it", "buy the episodes")])
def test_a_rule_asked_with_its_goods_and_condition_reads_in_the_pages_words(text, language, english):
    assert english in languages.to_english(text, language)


def test_a_phrase_of_the_language_tells_it_from_its_neighbour_around_a_name():
    """py3langid splits "cuanto dura ... de clapton" between Spanish and Portuguese; "cuanto
    dura" is a Spanish phrase, worth two words."""
    names = ("Tears In Heaven",)
    assert languages.detect("cuanto dura tears in heaven de clapton?", names=names) == "es"
    assert languages.detect("yes pls") == "en"


@pytest.mark.parametrize("text, language, english", [
    ("avete una vernice per interni zero voc?", "it", "paint interior"),
    ("tienen pintura para exteriores?", "es", "paint exterior"),
    ("vous avez de la peinture d'interieur ?", "fr", "paint interior")])
def test_goods_for_inside_or_outside_read_as_the_catalog_says_it(text, language, english):
    assert english in languages.to_english(text, language)


def test_portugals_em_stock_is_in_stock():
    assert languages.to_english("oi, vcs tem o Flipover em stock?", "pt", ("Flipover",)) == \
        "hello, do you have the Flipover in stock?"

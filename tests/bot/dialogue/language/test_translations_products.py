"""Session 17's product sentences said wholly in the shopper's language: a cheaper one of the
same kind (or none cheaper), the next size up or down, the sizes a sizing answer lists, and a
running time the record does not state."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.english_left import english_left
from bot.dialogue.language import languages
from bot.dialogue.language.kept_names import store_names
from bot.dialogue.products import cheaper_alternatives, product_answers, size_siblings
from bot.dialogue.written_replies import price_text
from kb import Product
from kb.types import Variant

_LANGUAGES = ["es", "fr", "de", "pt", "it"]
#: English words of these sentences that the shared stop list does not hold ("stock" alone is French too).
_LEAD_WORDS = ("cheaper", "than", "lowest", "next size", "in stock", "out of stock", "comes", "sizes", "running time")

# each size its own product, named as Vendure's mock catalog names them
_SMALL = Product("C24F390", "Curvy Monitor (24 inch)", "", 143.74)
_LARGE = Product("C27F390", "Curvy Monitor (27 inch)", "", 169.94, in_stock=False)


def _local(text: str, language: str, names: tuple[str, ...]) -> str:
    local = languages.localize(text, language, names)
    assert not english_left(local, language, names), local
    assert not [w for w in _LEAD_WORDS if w in local.lower().replace("curvy monitor", "")], local
    return local


@pytest.mark.parametrize("language", _LANGUAGES)
def test_cheaper_ones_of_the_same_kind_are_listed_in_the_language(second_kb, language):
    stadium = second_kb.product("FL-300")
    reply = cheaper_alternatives.reply(stadium, second_kb.products, second_kb.currency)
    local = _local(reply.text, language, store_names(second_kb))
    lead = {"es": "Más baratos que {} ({}): ", "fr": "Moins chers que {} ({}) : ", "de": "Günstiger als {} ({}): ",
            "pt": "Mais baratos que {} ({}): ", "it": "Più economici di {} ({}): "}[language]
    assert local.startswith(lead.format(stadium.name, price_text(stadium, second_kb.currency))), local
    assert all(p.name in local for p in reply.products)


@pytest.mark.parametrize("language", _LANGUAGES)
def test_none_cheaper_is_said_in_the_language(second_kb, language):
    corded = second_kb.product("PS-300")
    reply = cheaper_alternatives.reply(corded, second_kb.products, second_kb.currency)
    local = _local(reply.text, language, store_names(second_kb))
    said = {"es": "es el más barato de su tipo que tenemos", "fr": "est le moins cher de sa catégorie chez nous",
            "de": "ist bei uns das günstigste Produkt seiner Art", "pt": "é o mais barato do tipo que temos",
            "it": "è il più economico del suo genere che abbiamo"}[language]
    assert local == f"{corded.name} ({price_text(corded, second_kb.currency)}) {said}.", local


@pytest.mark.parametrize("language", _LANGUAGES)
def test_the_next_size_up_and_down_are_said_in_the_language(language):
    names = (_SMALL.name, _LARGE.name)
    up = _local(size_siblings.reply(_SMALL, _LARGE, "EUR").text, language, names)
    down = _local(size_siblings.reply(_LARGE, _SMALL, "EUR").text, language, names)
    leads = {"es": ("El siguiente tamaño más grande es", "agotado", "El siguiente tamaño más pequeño es", "disponible"),
             "fr": ("La taille au-dessus est", "en rupture de stock", "La taille en dessous est", "en stock"),
             "de": ("Die nächstgrößere Ausführung ist", "ausverkauft", "Die nächstkleinere Ausführung ist", "auf Lager"),
             "pt": ("O tamanho logo acima é", "esgotado", "O tamanho logo abaixo é", "em estoque"),
             "it": ("La misura subito più grande è", "esaurito", "La misura subito più piccola è", "disponibile")}
    up_lead, out, down_lead, kept = leads[language]
    assert up.startswith(f"{up_lead} {_LARGE.name}") and up.endswith(f", {out}."), up
    assert down.startswith(f"{down_lead} {_SMALL.name}") and down.endswith(f", {kept}."), down


@pytest.mark.parametrize("language", _LANGUAGES)
def test_sizing_advice_lists_the_sizes_in_the_language(language):
    boot = Product("TB-1", "Trail Boot", "", 99.0, product_type="configurable",
                   variants=tuple(Variant(f"TB-1-{s}", s, None, 99.0, 5, True) for s in ("40", "42", "44")))
    asked = product_answers.answer(boot, "im 5'10 180lbs, what size should i get?", "EUR")
    local = _local(asked.text, language, (boot.name,))
    sizes = {"es": "Disponible en las tallas", "fr": "Disponible en tailles", "de": "Erhältlich in den Größen",
             "pt": "Disponível nos tamanhos", "it": "Disponibile nelle taglie"}[language]
    assert f"{sizes} 40, 42, 44." in local, local


@pytest.mark.parametrize("language", _LANGUAGES)
def test_a_running_time_not_in_the_record_is_named_in_the_language(language):
    track = Product("T-1", "Evening Falls", "", 0.99)
    english = (f"I can't find the running time of the {track.name} in its details, so I can't say.")
    local = _local(english, language, (track.name,))
    said = {"es": "la duración", "fr": "la durée", "de": "die Laufzeit", "pt": "a duração", "it": "la durata"}[language]
    assert said in local and track.name in local, local


@pytest.mark.parametrize("language", _LANGUAGES)
def test_none_cheaper_in_stock_and_no_price_to_compare_are_said_in_the_language(second_kb, language):
    wireless = second_kb.product("PS-310")
    scanners = [replace(p, in_stock=False) if p.sku == "PS-300" else p for p in second_kb.products]
    sold_out = cheaper_alternatives.reply(wireless, scanners, second_kb.currency)
    unpriced = cheaper_alternatives.reply(replace(wireless, price=0.0, special_price=None),
                                          second_kb.products, second_kb.currency)
    names = store_names(second_kb)
    said = {"es": ("No tenemos en stock nada", "no tiene un precio publicado con el que comparar"),
            "fr": ("Rien de sa catégorie moins cher", "n'a pas de prix affiché à comparer"),
            "de": ("Nichts seiner Art", "ist kein Preis angegeben, mit dem ich vergleichen"),
            "pt": ("Nada do mesmo tipo", "não tem preço publicado para comparar"),
            "it": ("Niente del suo genere", "non ha un prezzo indicato da confrontare")}[language]
    assert said[0] in _local(sold_out.text, language, names)
    assert said[1] in _local(unpriced.text, language, names)


@pytest.mark.parametrize("language", _LANGUAGES)
def test_what_the_record_says_of_more_coming_is_framed_as_the_store_s_words(language):
    gorgonzola = Product("NW-31", "Gorgonzola Telino", "Out of stock; 70 more on order from the supplier.",
                         12.5, in_stock=False)
    reply = product_answers.answer(gorgonzola, "when will it be back in stock", "SGD").text
    local = languages.localize(reply, language, ("Gorgonzola Telino",))
    assert not english_left(local, language, ("Gorgonzola Telino",)), local
    assert local.endswith("70 more on order from the supplier.") and "out of stock;" not in local, local


@pytest.mark.parametrize("language", _LANGUAGES)
def test_a_count_of_goods_is_said_in_the_language(language):
    from bot.dialogue.products import goods_counts
    from bot.dialogue.products.catalog_terms import AskedKind
    goods = [Product(f"C{i}", f"Cheese Number {i}", "", 2.5 + i) for i in range(10)]
    text = goods_counts.reply_text(AskedKind("cheeses", "cheeses"), goods, lambda p: price_text(p, "EUR"))
    local = _local(text, language, tuple(p.name for p in goods))
    lead = {"es": "Tenemos 10 «cheeses»: ", "fr": "Nous avons 10 « cheeses » : ", "de": "Wir haben 10 „cheeses“: ",
            "pt": "Temos 10 «cheeses»: ", "it": "Abbiamo 10 «cheeses»: "}[language]
    assert local.startswith(lead) and "more" not in local, local


@pytest.mark.parametrize("language", _LANGUAGES)
def test_the_count_of_products_a_question_fits_is_said_in_the_language(language):
    """"teneis lager?" fits two lagers: the count before their answers was left English."""
    names = ("Laughing Lumberjack Lager", "Outback Lager")
    local = languages.localize("2 of our products fit that: ", language, names)
    assert "of our products" not in local and local.startswith("2 "), local
    assert not english_left(local, language, names), local

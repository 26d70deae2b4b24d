"""Goods told as harmed on arrival in another language are read as the English order problem
(bot/dialogue/language/glossary_trouble)."""

from __future__ import annotations

import pytest

from bot.dialogue.language import languages
from bot.dialogue.orders import order_trouble


@pytest.mark.parametrize("text, language", [
    ("la glace est arrivée toute fondue, qu'est-ce que je fais ?", "fr"),
    ("le colis est arrivé et la bouteille était cassée", "fr"),
    ("il vaso di ceramica è arrivato crepato, cosa posso fare?", "it"),
    ("il formaggio è arrivato ammuffito", "it"),
    ("mi pedido llegó caliente y el queso estaba podrido", "es"),
    ("la lámpara llegó rota", "es"),
    ("die Milch kam sauer an", "de"),
    ("die Lampe ist kaputt angekommen", "de"),
    ("o sorvete chegou derretido", "pt"),
    ("a caixa chegou amassada", "pt"),
])
def test_goods_harmed_on_arrival_are_an_order_problem_in_each_language(text, language):
    assert order_trouble.kind(languages.to_english(text, language)) == order_trouble.HARMED


@pytest.mark.parametrize("text, language", [
    ("mi pedido no ha llegado", "es"),
    ("il mio ordine non è ancora arrivato", "it"),
])
def test_an_order_not_come_stays_not_arrived(text, language):
    assert order_trouble.kind(languages.to_english(text, language)) == order_trouble.NOT_ARRIVED


@pytest.mark.parametrize("text, language", [
    ("tienen vino tinto?", "es"),
    ("ist mein Paket schon angekommen?", "de"),
    ("quand est-ce que ma commande arrivera ?", "fr"),
])
def test_questions_that_tell_no_harm_stay_so(text, language):
    assert order_trouble.kind(languages.to_english(text, language)) is None

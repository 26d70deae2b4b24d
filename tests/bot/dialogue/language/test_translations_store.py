"""Sentences code writes around a store's shipping data, said wholly in the shopper's language."""

from __future__ import annotations

import pytest

from bench.english_left import english_left
from bot.dialogue.language import languages

_YES = {"es": "Sí, enviamos a Portugal. ", "fr": "Oui, nous livrons vers Portugal. ",
        "de": "Ja, wir liefern nach Portugal. ", "pt": "Sim, enviamos para Portugal. ",
        "it": "Sì, spediamo verso Portugal. "}


@pytest.mark.parametrize("language", sorted(_YES))
def test_a_yes_to_shipping_to_a_region_is_said_in_the_language(language):
    # delivery.ships_there's lead before the region's rate: it had stayed English
    text = "Yes, we ship to Portugal. Shipping depends on your merchandise total."
    local = languages.localize(text, language, ("Portugal",))
    assert local.startswith(_YES[language]), local
    assert not english_left(local, language, ("Portugal",)), local

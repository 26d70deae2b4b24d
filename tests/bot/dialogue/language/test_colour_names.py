"""Basic colours of a variant answer written in the shopper's language; names and quotes kept."""

from __future__ import annotations

from bot.dialogue.language import colour_names, languages


def test_a_variant_answer_names_its_colours_in_the_shoppers_language():
    english = "Yes, the Trail Jacket comes in colour Black (colours: Silver, Black)."
    reply = languages.localize(english, "es", ("Trail Jacket",))
    assert reply == "Sí, Trail Jacket está disponible en negro (opciones: plateado, negro)."
    assert "Grau" in languages.localize("No, the Trail Jacket comes in Grey, Navy.", "de", ("Trail Jacket",))


def test_a_store_name_and_a_value_no_language_has_stay_as_written():
    reply = languages.localize("Yes, the Red Kettle comes in Red (colours Red, Multi).", "it", ("Red Kettle",))
    assert "Red Kettle" in reply and "rosso" in reply and "Multi" in reply


def test_a_quoted_fact_keeps_its_english_colour():
    reply = languages.localize("The Polo is listed with color: Blue.", "fr", ("Polo",))
    assert "Blue" in reply


def test_colour_words_only_for_supported_languages():
    assert colour_names.local("Silver/Black", "pt") == "prata/preto"
    assert colour_names.local("Silver/Black", "en") == "Silver/Black"

"""Basic colour names in each language (data for `languages.localize`).

A variant answer names the colours a product comes in as the store wrote them ("Silver,
Black"); in a reply to another language a basic colour reads in that language ("negro",
"Schwarz") while any other value (a store's "Multi", "Midnight Navy") stays as written. Only the
rows of `translations` that list a product's variant values apply this (`VARIANT_ROWS`): a
product's own name ("Red Lipstick") is held out by `kept_names`, and quoted English facts keep
their English.
"""

from __future__ import annotations

import re

#: English colour -> (es, fr, de, pt, it): the form a colour takes named on its own.
_COLOURS = {
    "black": ("negro", "noir", "Schwarz", "preto", "nero"),
    "white": ("blanco", "blanc", "Weiß", "branco", "bianco"),
    "red": ("rojo", "rouge", "Rot", "vermelho", "rosso"),
    "blue": ("azul", "bleu", "Blau", "azul", "blu"),
    "green": ("verde", "vert", "Grün", "verde", "verde"),
    "yellow": ("amarillo", "jaune", "Gelb", "amarelo", "giallo"),
    "grey": ("gris", "gris", "Grau", "cinza", "grigio"),
    "gray": ("gris", "gris", "Grau", "cinza", "grigio"),
    "silver": ("plateado", "argent", "Silber", "prata", "argento"),
    "gold": ("dorado", "doré", "Gold", "dourado", "oro"),
    "pink": ("rosa", "rose", "Rosa", "rosa", "rosa"),
    "purple": ("morado", "violet", "Lila", "roxo", "viola"),
    "orange": ("naranja", "orange", "Orange", "laranja", "arancione"),
    "brown": ("marrón", "marron", "Braun", "marrom", "marrone"),
    "navy": ("azul marino", "bleu marine", "Marineblau", "azul-marinho", "blu navy"),
    "beige": ("beige", "beige", "Beige", "bege", "beige"),
}
_LANGS = ("es", "fr", "de", "pt", "it")
_WORD = re.compile(r"\b(" + "|".join(_COLOURS) + r")\b", re.I)

#: Rows whose groups are a product's variant values: "comes in ...", "does not come in ...",
#: "Colour ... is out of stock"; or the colours a search asked for: "Here is what I found in red:".
VARIANT_ROW = re.compile(r"\bcomes? in\b|^\\bColour |\bfound in\b")


def local(values: str, language: str) -> str:
    """Variant values with each basic colour name in `language` ("Silver/Black" -> "plateado/negro")."""
    if language not in _LANGS:
        return values
    at = _LANGS.index(language)
    return _WORD.sub(lambda m: _COLOURS[m.group().lower()][at], values)


def replacement(template: str, language: str):
    """A row's replacement that writes the colours among its groups in `language`."""
    def expand(match: re.Match) -> str:
        groups = [local(g or "", language) for g in match.groups()]
        return re.sub(r"\\(\d)", lambda ref: groups[int(ref.group(1)) - 1], template)
    return expand

"""English words left in a reply to a shopper of another language: the check every language
bench shares (bench/any_store.py fails a row on them; bench/shoppers.py counts them).

A small stop list of English function words and the words of the assistant's own English
sentences: one of them in a reply to es/fr/de/pt/it, outside the store's names (products, ways
to pay, shipping methods and regions, promotions) and outside a quote of the store's pages that
a frame marks as English ("... dice (en inglés): <the page's words>"), is a sentence the
assistant wrote in English.
"""

from __future__ import annotations

import re

#: Words only English uses among the six languages ("on", "or", "i", "was", "per", "no" are
#: French, Italian or German words too, so they are left out).
ENGLISH = frozenset(
    "the is are and we our you your it its of this that they don't can't will has have from with which there "
    "would yes costs says sold lists accept mention business days price for to what here only not but how about "
    "if shipping order orders items sorry free ship ships delivery delivered".split())


def store_names(kb) -> tuple[str, ...]:
    """The names a store writes that a reply keeps as written (`bot.dialogue.language.kept_names`), and
    its delivery regions."""
    from bot.dialogue.language.kept_names import store_names as kept

    regions = tuple(kb.shipping.regions.values()) if kb.shipping is not None else ()
    return kept(kb) + regions


def english_left(text: str, language: str, names: tuple[str, ...] = ()) -> list[str]:
    """The English words of a reply to a shopper of ``language`` (none for English): outside
    the store's ``names`` and the store's own words after a frame that says they are English."""
    if language == "en":
        return []
    text = _before_quote(text, language)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return sorted({w for w in re.findall(r"[a-z']+", text.lower()) if w in ENGLISH})


def _before_quote(text: str, language: str) -> str:
    """The reply up to the colon of a frame that marks the store's words as English ("(en
    inglés):"), each such quote cut to the end of its sentence line."""
    from bot.dialogue.language import translations

    mark = re.search(r"\([^)]*\)", translations.FACT_FRAME.get(language, ""))
    if not mark:
        return text
    flat = text.replace(" :", ":")
    return flat.split(f"{mark.group()}:", 1)[0] if f"{mark.group()}:" in flat else text

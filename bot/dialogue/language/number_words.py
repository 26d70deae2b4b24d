"""Numbers from 2 to 100 as each language spells them, read as digits (data for `glossary`).

"cuarenta dólares", "trente-cinq dollars", "fünfunddreißig Dollar", "trinta e cinco dólares",
"trentacinque dollari": the glossary writes the digits, so the order total of a quote and the
price cap of a search read them like "$35". Words for one are left out (they are the article
"un", "ein", "um"), and so are units that are also common words ("sei" is "you are" in Italian,
"neuf" "new" in French). Spelt as written with accents removed, as the glossary reads.
"""

from __future__ import annotations

_UNITS = {  # 1..9 (index 0 is one)
    "es": "uno dos tres cuatro cinco seis siete ocho nueve".split(),
    "fr": "un deux trois quatre cinq six sept huit neuf".split(),
    "de": "ein zwei drei vier funf sechs sieben acht neun".split(),
    "pt": "um dois tres quatro cinco seis sete oito nove".split(),
    "it": "uno due tre quattro cinque sei sette otto nove".split(),
}
_TEENS = {  # 10..19
    "es": "diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve".split(),
    "fr": "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split(),
    "de": "zehn elf zwolf dreizehn vierzehn funfzehn sechzehn siebzehn achtzehn neunzehn".split(),
    "pt": "dez onze doze treze catorze quinze dezesseis dezessete dezoito dezenove".split(),
    "it": "dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove".split(),
}
_TENS = {  # 20..90
    "es": "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa".split(),
    "fr": "vingt trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix".split(),
    "de": "zwanzig dreissig vierzig funfzig sechzig siebzig achtzig neunzig".split(),
    "pt": "vinte trinta quarenta cinquenta sessenta setenta oitenta noventa".split(),
    "it": "venti trenta quaranta cinquanta sessanta settanta ottanta novanta".split(),
}
_HUNDRED = {"es": "cien", "fr": "(?<!pour )cent", "de": "hundert|einhundert", "pt": "cem", "it": "cento"}
#: Units left out when they stand alone (an article, or a common word).
_ALONE_NOT = {"es": {"uno"}, "fr": {"un", "neuf"}, "de": {"ein"}, "pt": {"um"}, "it": {"uno", "sei"}}


def _spellings(language: str, tens: int, unit: int) -> list[str]:
    """The ways a number tens*10 + unit (tens 2..9, unit 1..9) is written."""
    ten, one = _TENS[language][tens - 2], _UNITS[language][unit - 1]
    if language == "es":  # "veintiún", "treinta y un dólares"
        ones = [one, "un", "una"] if unit == 1 else [one]
        return [("veinti" + o) if tens == 2 else f"{ten} y {o}" for o in ones]
    if language == "pt":
        return [f"{ten} e {one}"] + ([f"{ten} e duas"] if unit == 2 else [])
    if language == "de":
        return [f"{'ein' if unit == 1 else one}und{ten}"]
    if language == "it":  # "ventuno", "trentotto": the tens lose their last vowel before a vowel
        return [(ten[:-1] if one[0] in "uo" else ten) + ("tre" if unit == 3 else one)]
    # French: 71 is "soixante et onze", 72 "soixante-douze", 91 "quatre-vingt-onze"
    if tens in (7, 9):
        base, teen = _TENS["fr"][tens - 3], _TEENS["fr"][unit]
        return [f"{base} et {teen}", f"{base}-{teen}"] if unit == 1 and tens == 7 else [f"{base}-{teen}"]
    return [f"{ten} et un", f"{ten}-et-un"] if unit == 1 and tens != 8 else [f"{ten}-{one}"]


def readings(language: str) -> tuple[tuple[str, str], ...]:
    """Glossary rows: each spelling of 2..100 -> its digits, compounds first."""
    if language not in _UNITS:
        return ()
    rows = [(spelling.replace(" ", r"\s+").replace("-", "[- ]"), str(tens * 10 + unit))
            for tens in range(2, 10) for unit in range(1, 10)
            for spelling in _spellings(language, tens, unit)]
    rows += [(_HUNDRED[language], "100")]
    rows += [(word.replace("-", "[- ]") + ("s?" if word == "quatre-vingt" else ""), str(20 + 10 * i))
             for i, word in enumerate(_TENS[language])]
    rows += [(word.replace("-", "[- ]"), str(10 + i)) for i, word in enumerate(_TEENS[language])]
    rows += [(word, str(1 + i)) for i, word in enumerate(_UNITS[language])
             if i and word not in _ALONE_NOT[language]]
    if language == "pt":
        rows.append(("duas", "2"))
    # longer spellings first, so "soixante-dix" is read before "soixante" and "dix"
    return tuple(sorted(rows, key=lambda row: -len(row[0])))

"""Countries and regions as each language names them (data for `glossary` and `languages`).

A shopper asks about shipping to "Kanada" or "Alemania": the glossary reads the place in English
("Canada", "Germany"), where the shipping code knows it (`bot.dialogue.store_pages.delivery` for places a
rate table doesn't price, the table's own regions for those it does); a reply written in English
names it back in the shopper's language. Only names that differ from the English one need
listing; a country spelt the same way in a language ("Canada" in French) is read as it is.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_LANGS = ("es", "fr", "de", "pt", "it")

# English name -> its name in es, fr, de, pt, it (accents as written; reading ignores them).
# Regions that stores price by (UK nations, Canadian provinces, Australian states) come before
# the countries whose names they hold ("Irlanda do Norte" before "Irlanda").
_NAMES = (
    ("Northern Ireland", "Irlanda del Norte", "Irlande du Nord", "Nordirland", "Irlanda do Norte",
     "Irlanda del Nord"),
    ("Great Britain", "Gran Bretaña", "Grande-Bretagne", "Großbritannien", "Grã-Bretanha", "Gran Bretagna"),
    ("Nova Scotia", "Nueva Escocia", "Nouvelle-Écosse", "Neuschottland", "Nova Escócia", "Nuova Scozia"),
    ("Scotland", "Escocia", "Écosse", "Schottland", "Escócia", "Scozia"),
    ("New South Wales", "Nueva Gales del Sur", "Nouvelle-Galles du Sud", "New South Wales", "Nova Gales do Sul",
     "Nuovo Galles del Sud"),
    ("Wales", "Gales", "Pays de Galles", "Wales", "País de Gales", "Galles"),
    ("British Columbia", "Columbia Británica", "Colombie-Britannique", "British Columbia", "Colúmbia Britânica",
     "Columbia Britannica"),
    ("New Brunswick", "Nuevo Brunswick", "Nouveau-Brunswick", "Neubraunschweig", "Novo Brunswick", "Nuovo Brunswick"),
    ("Prince Edward Island", "Isla del Príncipe Eduardo", "Île-du-Prince-Édouard", "Prinz-Edward-Insel",
     "Ilha do Príncipe Eduardo", "Isola del Principe Edoardo"),
    ("Newfoundland and Labrador", "Terranova y Labrador", "Terre-Neuve-et-Labrador", "Neufundland und Labrador",
     "Terra Nova e Labrador", "Terranova e Labrador"),
    ("Northwest Territories", "Territorios del Noroeste", "Territoires du Nord-Ouest", "Nordwest-Territorien",
     "Territórios do Noroeste", "Territori del Nord-Ovest"),
    ("Quebec", "Quebec", "Québec", "Quebec", "Quebec", "Québec"),
    ("Western Australia", "Australia Occidental", "Australie-Occidentale", "Westaustralien", "Austrália Ocidental",
     "Australia Occidentale"),
    ("South Australia", "Australia Meridional", "Australie-Méridionale", "Südaustralien", "Austrália Meridional",
     "Australia Meridionale"),
    ("Northern Territory", "Territorio del Norte", "Territoire du Nord", "Northern Territory", "Território do Norte",
     "Territorio del Nord"),
    ("Australian Capital Territory", "Territorio de la Capital Australiana", "Territoire de la capitale australienne",
     "Australian Capital Territory", "Território da Capital Australiana", "Territorio della Capitale Australiana"),
    ("Tasmania", "Tasmania", "Tasmanie", "Tasmanien", "Tasmânia", "Tasmania"),
    ("Canada", "Canadá", "Canada", "Kanada", "Canadá", "Canada"),
    ("Mexico", "México", "Mexique", "Mexiko", "México", "Messico"),
    ("Germany", "Alemania", "Allemagne", "Deutschland", "Alemanha", "Germania"),
    ("France", "Francia", "France", "Frankreich", "França", "Francia"),
    ("Spain", "España", "Espagne", "Spanien", "Espanha", "Spagna"),
    ("Italy", "Italia", "Italie", "Italien", "Itália", "Italia"),
    ("Portugal", "Portugal", "Portugal", "Portugal", "Portugal", "Portogallo"),
    ("United Kingdom", "Reino Unido", "Royaume-Uni", "Großbritannien", "Reino Unido", "Regno Unito"),
    ("England", "Inglaterra", "Angleterre", "England", "Inglaterra", "Inghilterra"),
    ("Ireland", "Irlanda", "Irlande", "Irland", "Irlanda", "Irlanda"),
    ("Netherlands", "Países Bajos", "Pays-Bas", "Niederlande", "Países Baixos", "Paesi Bassi"),
    ("Belgium", "Bélgica", "Belgique", "Belgien", "Bélgica", "Belgio"),
    ("Switzerland", "Suiza", "Suisse", "Schweiz", "Suíça", "Svizzera"),
    ("Austria", "Austria", "Autriche", "Österreich", "Áustria", "Austria"),
    ("Sweden", "Suecia", "Suède", "Schweden", "Suécia", "Svezia"),
    ("Norway", "Noruega", "Norvège", "Norwegen", "Noruega", "Norvegia"),
    ("Denmark", "Dinamarca", "Danemark", "Dänemark", "Dinamarca", "Danimarca"),
    ("Poland", "Polonia", "Pologne", "Polen", "Polônia", "Polonia"),
    ("Greece", "Grecia", "Grèce", "Griechenland", "Grécia", "Grecia"),
    ("Japan", "Japón", "Japon", "Japan", "Japão", "Giappone"),
    ("China", "China", "Chine", "China", "China", "Cina"),
    ("India", "India", "Inde", "Indien", "Índia", "India"),
    ("Australia", "Australia", "Australie", "Australien", "Austrália", "Australia"),
    ("Brazil", "Brasil", "Brésil", "Brasilien", "Brasil", "Brasile"),
    ("Argentina", "Argentina", "Argentine", "Argentinien", "Argentina", "Argentina"),
    ("Chile", "Chile", "Chili", "Chile", "Chile", "Cile"),
    ("Colombia", "Colombia", "Colombie", "Kolumbien", "Colômbia", "Colombia"),
    ("Peru", "Perú", "Pérou", "Peru", "Peru", "Perù"),
    ("Europe", "Europa", "Europe", "Europa", "Europa", "Europa"),
    ("United States", "Estados Unidos", "États-Unis", "Vereinigte Staaten", "Estados Unidos", "Stati Uniti"),
    # US states whose name differs in a language: a rate table prices a destination by state
    ("California", "California", "Californie", "Kalifornien", "Califórnia", "California"),
    ("Florida", "Florida", "Floride", "Florida", "Flórida", "Florida"),
    ("New York", "Nueva York", "New York", "New York", "Nova York", "New York"),
    ("New Mexico", "Nuevo México", "Nouveau-Mexique", "New Mexico", "Novo México", "Nuovo Messico"),
    ("Pennsylvania", "Pensilvania", "Pennsylvanie", "Pennsylvania", "Pensilvânia", "Pennsylvania"),
    ("Louisiana", "Luisiana", "Louisiane", "Louisiana", "Luisiana", "Louisiana"),
    ("Virginia", "Virginia", "Virginie", "Virginia", "Virgínia", "Virginia"),
    ("North Carolina", "Carolina del Norte", "Caroline du Nord", "North Carolina", "Carolina do Norte",
     "Carolina del Nord"),
    ("South Carolina", "Carolina del Sur", "Caroline du Sud", "South Carolina", "Carolina do Sul",
     "Carolina del Sud"),
)

#: Words for "abroad" and "international" -> English, per language (read like the names).
_ABROAD = {
    "es": ((r"(al|en el) extranjero|fuera del pais", "abroad"), (r"internacional(es|mente)?", "international")),
    "fr": ((r"a l'etranger|hors de france", "abroad"), (r"international(e|es|ement)?", "international")),
    "de": ((r"ins ausland|im ausland|ausland", "abroad"), (r"international", "international")),
    "pt": ((r"(para o|no) exterior|fora do pais", "abroad"), (r"internaciona(l|is|lmente)", "international")),
    "it": ((r"all'estero|estero", "abroad"), (r"internazional(e|i|mente)", "international")),
}


def _fold(name: str) -> str:
    import unicodedata

    name = name.replace("ß", "ss").lower()
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def readings(language: str, several_words: bool | None = None) -> tuple[tuple[str, str], ...]:
    """Glossary rows: each place name of the language (accents removed) -> its English name;
    with ``several_words``, only the names of more than one word (True) or of one (False)."""
    if language not in _LANGS:
        return ()
    column = _LANGS.index(language) + 1
    rows = tuple((_fold(row[column]).replace("-", "[- ]?").replace(" ", r"\s+"), row[0])
                 for row in _NAMES if _fold(row[column]) != row[0].lower()
                 and several_words in (None, bool(re.search(r"[\s-]", row[column].strip()))))
    return rows + (_ABROAD.get(language, ()) if several_words is not True else ())


def local_names(language: str) -> dict[str, str]:
    """English place name -> its name in the language (only names that differ)."""
    if language not in _LANGS:
        return {}
    column = _LANGS.index(language) + 1
    return {row[0]: row[column] for row in _NAMES if row[column] != row[0]}


# A country's short names in English, as shoppers write them ("ship to the uk", "usa"): the
# full name is what a store's region table holds. "us" alone is a pronoun, so it is not one;
# "the us" is the country ("how long to get to the us").
_SHORT_NAMES = {
    "United Kingdom": ("uk", "u.k.", "britain", "great britain"),
    "United States": ("usa", "u.s.a.", "u.s.", "the states", "the us"),
    "United Arab Emirates": ("uae", "u.a.e."),
    "Netherlands": ("holland",),
}


def short_name_of(names: Collection[str], text: str) -> str | None:
    """The one of ``names`` (a store's region names) that ``text`` names by a short name
    ("how much is delivery in the uk" -> "United Kingdom"); None when it names none."""
    for name in names:
        shorts = _SHORT_NAMES.get(name, ())
        if shorts and re.search(r"(?<![\w.])(?:" + "|".join(map(re.escape, shorts)) + r")(?![\w])",
                                text, re.I):
            return name
    return None


# A region whose name lists its places ("Alaska and Hawaii", "Spain & Portugal", "England,
# Wales and Scotland") is the region of each of them: a shopper names the one they live in.
_LISTING = re.compile(r"\s*(?:,|&|\band\b)\s*", re.I)


def listed_name_of(names: Collection[str], text: str) -> str | None:
    """The one of ``names`` (a store's region names) whose name lists several places, one of
    which ``text`` names ("shipping to hawaii" -> "Alaska and Hawaii"); None when none is."""
    for name in names:
        places = [p for p in _LISTING.split(name) if len(p) >= 3]
        if len(places) > 1 and re.search(r"\b(?:" + "|".join(map(re.escape, places)) + r")\b", text, re.I):
            return name
    return None

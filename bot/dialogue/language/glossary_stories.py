"""A shopper's story of their own purchase in each language -> the English that
`bot.dialogue.purchase_stories` and `bot.dialogue.store_pages.conditions` read (data for
`glossary`, read before its other words).

"compré una lijadora hace un mes", "j'ai acheté un livre il y a deux semaines", "ich habe vor
zwei Wochen einen Song gekauft", "comprei há 3 semanas", "ho comprato 3 settimane fa": when it
was bought (read as "N weeks ago", the time limit a returns page rules on), that it was bought,
downloaded or never used, and whether one may still send it back or get the money back.
Matched as whole words on the message with its accents removed (ü as u), longer phrases first.
"""

from __future__ import annotations

# "a month", "two weeks": one is "a", a number in words "a few" (the reading needs the time
# ago, not its count), a number in digits itself
_ONE = {"es": "un|una", "fr": "un|une", "de": "einem|einer|einen|ein", "pt": "um|uma", "it": "un|uno|una"}
_SOME = {"es": "dos|tres|cuatro|cinco|seis|unos|unas|varios|varias|algunos|algunas",
         "fr": "deux|trois|quatre|cinq|six|quelques",
         "de": "zwei|drei|vier|funf|sechs|ein paar|einigen|mehreren",
         "pt": "dois|duas|tres|quatro|cinco|seis|alguns|algumas|uns|umas",
         "it": "due|tre|quattro|cinque|sei|qualche|alcuni|alcune"}
_UNITS = {"es": (("dias?", "days"), ("semanas?", "weeks"), ("mes(?:es)?", "months")),
          "fr": (("jours?", "days"), ("semaines?", "weeks"), ("mois", "months")),
          "de": (("tage?n?", "days"), ("wochen?", "weeks"), ("monate?n?", "months")),
          "pt": (("dias?", "days"), ("semanas?", "weeks"), ("mes(?:es)?", "months")),
          "it": (("giorni|giorno", "days"), ("settimane?|settimana", "weeks"), ("mes[ei]", "months"))}
# How each language says "ago": before the time ("hace", "il y a", "vor", "há") or after it ("fa").
_AGO_BEFORE = {"es": "hace", "fr": "il y a|ca fait", "de": "vor", "pt": "ha|faz"}


def _ago(language: str) -> tuple[tuple[str, str], ...]:
    """"hace un mes" -> "a month ago", "vor 2 Wochen" -> "2 weeks ago", "tre settimane fa" -> "a few weeks ago"."""
    rows = []
    for unit, english in _UNITS[language]:
        for count, said in ((r"(\d+)", r"\1"), (f"(?:{_ONE[language]})", "a"), (f"(?:{_SOME[language]})", "a few")):
            single = english[:-1] if said == "a" else english
            if language in _AGO_BEFORE:
                rows.append((rf"(?:{_AGO_BEFORE[language]}) {count} (?:{unit})", f"{said} {single} ago"))
            else:
                rows.append((rf"{count} (?:{unit}) fa", f"{said} {single} ago"))
    return tuple(rows)


STORIES: dict[str, tuple[tuple[str, str], ...]] = {
    "es": _ago("es") + (
        (r"(?:lo |la |los |las )?(?:compre|he comprado|pedi|he pedido)", "i bought"),
        (r"(?:lo |la )?(?:he descargado|descargue)|descargad[oa]s?", "downloaded"),
        (r"(?:no (?:lo |la )?he usado|no (?:lo |la )?use|sin usar|nunca (?:lo |la )?(?:he )?usad?[oe]?)", "never used it"),
        (r"todavia puedo|aun puedo", "can i still"), (r"es demasiado tarde", "is it too late"),
        (r"(?:recuperar|devolverme) (?:mi |el )?dinero", "get my money back")),
    "fr": _ago("fr") + (
        # not a bare "commande": "ma commande" is the order
        (r"j'ai (?:achete|commande)|je l'ai (?:achete|commande)", "i bought"),
        (r"j'ai (?:deja )?telecharge|telecharge(?:e|s|es)?", "downloaded"),
        # not a bare "neuf": nine
        (r"(?:jamais|pas) (?:utilise|servi)|(?:est |sont )?encore neu(?:f|ve)s?|tout neu(?:f|ve)s?", "never used"),
        (r"est-ce que je peux encore|je peux encore|puis-je encore", "can i still"),
        (r"est-ce qu'il est trop tard|est-il trop tard|c'est trop tard", "is it too late"),
        (r"(?:recuperer|ravoir) (?:mon |mes )?(?:argent|sous)", "get my money back")),
    "de": _ago("de") + (
        (r"gekauft|bestellt", "bought"), (r"(?:schon |bereits )?heruntergeladen", "already downloaded"),
        (r"(?:nie|noch nicht|nicht) (?:benutzt|genutzt|verwendet)|unbenutzt|ungenutzt", "never used"),
        (r"kann ich (?:es |ihn |sie )?noch", "can i still"), (r"ist es zu spat", "is it too late"),
        (r"(?:mein|das|unser) geld zuruck(?:bekommen|erhalten|haben)?", "my money back")),
    "pt": _ago("pt") + (
        (r"(?:eu )?(?:comprei|pedi|encomendei)", "i bought"), (r"(?:ja )?(?:baixei|baixad[oa]s?)", "downloaded"),
        (r"(?:ainda )?(?:esta|estao) na caixa|na caixa", "still in the box"),
        (r"(?:nunca usei|nao usei|sem usar|nunca usad[oa])", "never used"),
        (r"ainda posso|ainda da para", "can i still"), (r"e tarde demais|ja e tarde", "is it too late"),
        (r"(?:o )?(?:meu )?dinheiro de volta", "my money back")),
    "it": _ago("it") + (
        (r"(?:ho|l'ho) (?:comprato|comprata|ordinato|ordinata|acquistato|acquistata)", "i bought"),
        (r"(?:ho )?scaricat[oaie]", "downloaded"),
        (r"mai usat[oaie]|non (?:l'ho )?(?:mai )?usat[oaie]|nuov[oaie] di zecca", "never used"),
        (r"con (?:le |l')?etichett[ae]", "with the tags"),
        (r"posso ancora|potrei ancora", "can i still"), (r"e troppo tardi", "is it too late"),
        (r"(?:riavere|riottenere) (?:i (?:miei )?)?soldi", "get my money back")),
}

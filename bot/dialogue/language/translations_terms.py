"""The sentences code writes on paying, price terms and delivery days, in each language (data for
`translations`).

`FIRST` is applied before `translations.REPLIES`, `LAST` after: a sentence of
`bot.dialogue.store_pages.payments` ("Yes, we accept PayPal.") or `product_prices` ("3 x the ... at $16.99
come to $50.97.") is matched whole while its English is intact, and the unit a price buys ("per
set") and the generic ways to pay a page names ("bank transfer") are read last, wherever a
sentence left them. A store's names (brands, products, a unit no row knows) stay as written; the
store's own sentences that a reply quotes keep their English behind a frame saying so.
"""

from __future__ import annotations

LANGS = ("es", "fr", "de", "pt", "it")


def row(english: str, *local: str) -> tuple[str, dict[str, str]]:
    """(English pattern, {language: replacement}), the languages in `LANGS` order."""
    return english, dict(zip(LANGS, local))


FIRST: tuple[tuple[str, dict[str, str]], ...] = (
    # bot.dialogue.store_pages.payments: a list's last "and", then the sentences around it
    row(r"((?:^We accept|ways to pay:) [^.]*?) and ([^.]*\.)", r"\1 y \2", r"\1 et \2", r"\1 und \2", r"\1 e \2",
        r"\1 e \2"),
    row(r"^Yes, we accept ([^.]+)\.", r"Sí, aceptamos \1.", r"Oui, nous acceptons \1.", r"Ja, wir akzeptieren \1.",
        r"Sim, aceitamos \1.", r"Sì, accettiamo \1."),
    row(r"^We accept ([^.]+)\.", r"Aceptamos \1.", r"Nous acceptons \1.", r"Wir akzeptieren \1.", r"Aceitamos \1.",
        r"Accettiamo \1."),
    row(r"^Yes, on this condition: ", "Sí, con esta condición (en inglés): ", "Oui, à cette condition (en anglais) : ",
        "Ja, unter dieser Bedingung (auf Englisch): ", "Sim, com esta condição (em inglês): ",
        "Sì, a questa condizione (in inglese): "),
    row(r"^Our pages name these ways to pay: (.+?)\. They don't mention (.+?), so I can't promise it; a person from "
        r"our team can check for you\.",
        r"Nuestras páginas mencionan estas formas de pago: \1. No mencionan \2, así que no puedo prometerlo; una "
        r"persona de nuestro equipo puede comprobarlo.",
        r"Nos pages citent ces moyens de paiement : \1. Elles ne mentionnent pas \2, je ne peux donc pas le "
        r"promettre ; une personne de notre équipe peut vérifier pour vous.",
        r"Unsere Seiten nennen diese Zahlungsarten: \1. \2 erwähnen sie nicht, deshalb kann ich es nicht "
        r"versprechen; jemand aus unserem Team kann es für Sie prüfen.",
        r"Nossas páginas citam estas formas de pagamento: \1. Elas não mencionam \2, então não posso garantir; "
        r"uma pessoa da nossa equipe pode verificar para você.",
        r"Le nostre pagine indicano questi metodi di pagamento: \1. Non menzionano \2, quindi non posso "
        r"garantirlo; una persona del nostro team può verificare per te."),
    row(r"^No\. Our pages say: ", "No. Nuestras páginas dicen (en inglés): ", "Non. Nos pages disent (en anglais) : ",
        "Nein. Unsere Seiten sagen (auf Englisch): ", "Não. Nossas páginas dizem (em inglês): ",
        "No. Le nostre pagine dicono (in inglese): "),
    row(r"^On paying safely, our pages say: ", "Sobre el pago seguro, nuestras páginas dicen (en inglés): ",
        "Sur la sécurité du paiement, nos pages disent (en anglais) : ",
        "Zur sicheren Zahlung sagen unsere Seiten (auf Englisch): ",
        "Sobre o pagamento seguro, nossas páginas dizem (em inglês): ",
        "Sul pagamento sicuro, le nostre pagine dicono (in inglese): "),
    # bot.dialogue.products.product_prices: a count priced, a price list asked, the unit a price buys
    row(r" \(the price from (\d+) on\)", r" (precio a partir de \1)", r" (prix à partir de \1)", r" (Preis ab \1 Stück)",
        r" (preço a partir de \1)", r" (prezzo da \1 in su)"),
    row(r"^(\d+) x the (.+?) at (\S+?)((?: per [\w ]+?)?)( \([^)]*\))? come to (\S+?)\.(?=\s|$)",
        r"\1 × \2 a \3\4\5 suman \6.", r"\1 × \2 à \3\4\5 font \6.", r"\1 × \2 zu je \3\4\5 ergeben \6.",
        r"\1 × \2 a \3\4\5 dão \6.", r"\1 × \2 a \3\4\5 fanno \6."),
    # a price list the store names in words ("wholesale price"): our word for price, its name as written
    row(r"; its ([\w ]+?) price is (\S+?)(?=[.;](?:\s|$))", r"; su precio «\1» es \2", r"; son prix « \1 » est de \2",
        r"; der Preis „\1“ ist \2", r"; o preço «\1» é \2", r"; il prezzo «\1» è \2"),
    row(r"; its (MSRP|RRP|[\w ]+? price) is (\S+?)(?=[.;](?:\s|$))", r"; su \1 es \2", r"; son \1 est de \2",
        r"; der \1 ist \2", r"; o \1 é \2", r"; il \1 è \2"),
    row(r"; the store lists no (.+?) for it\.", r"; la tienda no indica \1 para este producto.",
        r"; la boutique n'indique pas de \1 pour ce produit.", r"; der Shop nennt dafür keine \1.",
        r"; a loja não informa \1 para este produto.", r"; il negozio non indica \1 per questo prodotto."),
    # the unit may be held as a name ("case of 24 x 12 oz bottles"): any characters up to the colon
    row(r"^The (.+?) is sold( per [^:]+?): it costs ", r"\1 se vende\2: cuesta ", r"\1 est vendu\2 : il coûte ",
        r"\1 wird\2 verkauft: Es kostet ", r"\1 é vendido\2: custa ", r"\1 è venduto\2: costa "),
    row(r"^The (.+?) is sold one at a time: it costs ", r"\1 se vende por unidad: cuesta ",
        r"\1 est vendu à l'unité : il coûte ", r"\1 wird einzeln verkauft: Es kostet ", r"\1 é vendido por unidade: custa ",
        r"\1 è venduto singolarmente: costa "),
    row(r"^The (.+?) is sold one at a time, in (.+) or ([^,]+)\.$", r"\1 se vende por unidad, en \2 o \3.",
        r"\1 est vendu à l'unité, en \2 ou \3.", r"\1 wird einzeln verkauft, in \2 oder \3.",
        r"\1 é vendido por unidade, em \2 ou \3.", r"\1 è venduto singolarmente, in \2 o \3."),
    row(r"^The (.+?) costs (\S+?(?: [A-Z]{3})?(?: per [\w ]+?)?)(?=;)", r"\1 cuesta \2", r"\1 coûte \2",
        r"\1 kostet \2", r"\1 custa \2", r"\1 costa \2"),
    row(r"\bIt costs (\S+?(?: [A-Z]{3})?(?: per [\w ]+?)?)\.(?=\s|$)", r"Cuesta \1.", r"Il coûte \1.", r"Es kostet \1.",
        r"Custa \1.", r"Costa \1."),
    # a product the store does not price (`product_prices.costs`)
    row(r"^The (.+?) is priced on request and is in stock", r"\1 tiene precio a consultar y está disponible",
        r"\1 a un prix sur demande et est en stock", r"\1 hat einen Preis auf Anfrage und ist auf Lager",
        r"\1 tem preço sob consulta e está em estoque", r"\1 ha un prezzo su richiesta ed è disponibile"),
    row(r"^The (.+?) is priced on request and is out of stock", r"\1 tiene precio a consultar y está agotado",
        r"\1 a un prix sur demande et est en rupture de stock", r"\1 hat einen Preis auf Anfrage und ist ausverkauft",
        r"\1 tem preço sob consulta e está esgotado", r"\1 ha un prezzo su richiesta ed è esaurito"),
    row(r"^The (.+?) is priced on request(?=[;.])", r"\1 tiene precio a consultar", r"\1 a un prix sur demande",
        r"\1 hat einen Preis auf Anfrage", r"\1 tem preço sob consulta", r"\1 ha un prezzo su richiesta"),
    # bot.dialogue.products.product_specs: "does it come with X" and the box's list lacks it
    row(r" I don't see (.+?) listed in the box\.", r" No veo «\1» en el contenido de la caja.",
        r" Je ne vois pas « \1 » dans le contenu de la boîte.", r" „\1“ steht nicht im Lieferumfang.",
        r" Não vejo «\1» no conteúdo da caixa.", r" Non vedo «\1» nel contenuto della confezione."),
    # bot.dialogue.products.product_answers: the record's own lines, quoted in English behind a frame
    row(r"^Yes, the (.+?)'s details say: ", r"Sí, la ficha de \1 dice (en inglés): ",
        r"Oui, la fiche de \1 dit (en anglais) : ", r"Ja, die Angaben zu \1 sagen (auf Englisch): ",
        r"Sim, a ficha de \1 diz (em inglês): ", r"Sì, la scheda di \1 dice (in inglese): "),
    row(r"^The (.+?)'s details say: ", r"La ficha de \1 dice (en inglés): ", r"La fiche de \1 dit (en anglais) : ",
        r"Die Angaben zu \1 sagen (auf Englisch): ", r"A ficha de \1 diz (em inglês): ",
        r"La scheda di \1 dice (in inglese): "),
    # bot.dialogue.context_replies.delivery_time: a method's days from the store's settings
    row(r"((?::|;) [^;:]+?), (\d+)–(\d+) business days(?=[;.])", r"\1, \2–\3 días hábiles", r"\1, \2–\3 jours ouvrés",
        r"\1, \2–\3 Werktage", r"\1, \2–\3 dias úteis", r"\1, \2–\3 giorni lavorativi"),
    row(r"((?::|;) [^;:]+?), 1 business day(?=[;.])", r"\1, 1 día hábil", r"\1, 1 jour ouvré", r"\1, 1 Werktag",
        r"\1, 1 dia útil", r"\1, 1 giorno lavorativo"),
    row(r"((?::|;) [^;:]+?), (\d+) business days(?=[;.])", r"\1, \2 días hábiles", r"\1, \2 jours ouvrés",
        r"\1, \2 Werktage", r"\1, \2 dias úteis", r"\1, \2 giorni lavorativi"),
)

LAST: tuple[tuple[str, dict[str, str]], ...] = (
    # the unit a price buys (`written_replies.per_unit`); a unit no row names stays as the store writes it
    row(r" per set\b(?! of\b)", " por juego", " le lot", " pro Set", " por conjunto", " al set"),
    row(r" per piece\b(?! of\b)", " por pieza", " la pièce", " pro Stück", " por peça", " al pezzo"),
    row(r" per pair\b(?! of\b)", " por par", " la paire", " pro Paar", " por par", " al paio"),
    row(r" per pack\b(?! of\b)", " por paquete", " le paquet", " pro Packung", " por pacote", " a confezione"),
    row(r" per box\b(?! of\b)", " por caja", " la boîte", " pro Karton", " por caixa", " a scatola"),
    row(r" per roll\b(?! of\b)", " por rollo", " le rouleau", " pro Rolle", " por rolo", " al rotolo"),
    row(r" per dozen\b(?! of\b)", " por docena", " la douzaine", " pro Dutzend", " por dúzia", " alla dozzina"),
    row(r"(?<=\d) per (?=\w)", " por ", " par ", " pro ", " por ", " per "),  # "$9.50 per box of 10"
    # the ways to pay a page names that are words, not brands (`payments`)
    row(r"\bSEPA direct debit\b", "domiciliación SEPA", "prélèvement SEPA", "SEPA-Lastschrift", "débito direto SEPA",
        "addebito diretto SEPA"),
    row(r"\bdirect debit\b", "domiciliación bancaria", "prélèvement", "Lastschrift", "débito direto", "addebito diretto"),
    row(r"\bbank transfer in advance\b", "transferencia bancaria por adelantado", "virement bancaire à l'avance",
        "Vorkasse per Überweisung", "transferência bancária antecipada", "bonifico bancario anticipato"),
    row(r"\bbank transfer\b", "transferencia bancaria", "virement bancaire", "Banküberweisung", "transferência bancária",
        "bonifico bancario"),
    row(r"\bcash on delivery\b", "contra reembolso", "paiement à la livraison", "Nachnahme", "pagamento na entrega",
        "contrassegno"),
    row(r"\bcredit card\b", "tarjeta de crédito", "carte de crédit", "Kreditkarte", "cartão de crédito", "carta di credito"),
)

"""A shopper's words on paying, price terms and return conditions, in each language (data for
`glossary`, read before its other words).

How they ask to pay ("formas de pago", "kann ich mit amex bezahlen", "accettate"), what a price
buys ("por pieza", "UVP", "was kosten 3 Stück"), and the conditions of a return ("en rebajas",
"j'ai changé d'avis", "geöffnet", "faltando peça"), read into the English that
`bot.dialogue.store_pages.payments`, `product_prices` and `conditions` read. Matched as whole words on the
message with its accents removed, longer phrases first; a brand ("american express") is held
as written so that no later word ("express": overnight) reads it.
"""

from __future__ import annotations

_BRANDS = ((r"american express|amex", "american express"), (r"apple ?pay", "apple pay"), (r"google ?pay", "google pay"),
           (r"pay ?pal", "paypal"), (r"master ?card", "mastercard"))

TERMS: dict[str, tuple[tuple[str, str], ...]] = {
    "es": ((r"(que |cuales son las |cuales )?(formas?|metodos?|medios|opciones) de pago( aceptan| tienen)?", "what payment methods do you accept"),
           (r"((se )?puede|puedo|podemos) pagar (con|por|mediante)", "can i pay with"), (r"(se )?puede pagar|puedo pagar|podemos pagar", "can i pay"), (r"pagar (con|por|mediante)", "pay with"), (r"es seguro", "is it safe"),
           (r"(aceptan|aceptais|toman|admiten)", "do you accept"), (r"transferencia( bancaria)?", "bank transfer"),
           (r"domiciliacion( bancaria)?|debito directo|adeudo directo", "direct debit"),
           (r"contra ?reembolso", "cash on delivery"), (r"tarjetas? (de )?regalo", "gift card"), (r"tarjetas?( de credito)?", "card"), (r"pagar", "pay"),
           (r"pago", "payment"), (r"precio (de venta )?(sugerido|recomendado)|pvp( recomendado)?", "msrp"),
           (r"(se vende|lo venden|la venden|viene) (por|a la|en) (pieza|unidad)", "is it sold per piece"),
           (r"por (pieza|unidad)", "per piece"), (r"(todo el|el) (set|conjunto) (completo|entero)|todo el (set|conjunto)", "the whole set"),
           (r"cuanto (cuestan|salen|serian) (\d+)", r"how much for \2"),
           (r"cuanto tarda(n|ria)?", "how long does it take"),
           (r"en (rebajas?|oferta|liquidacion|promocion)|rebajad[oa]s?|con descuento", "on sale"),
           (r"(lo |la )?compre", "i bought"), (r"cambie de (opinion|idea)", "i changed my mind"),
           (r"(ya )?(lo|la) abri|(articulo|producto|paquete|caja|envase)s? abiert[oa]s?", "opened"),
           (r"(le )?falta(n)? (una |unas |alguna )?(piezas?|partes?)|incomplet[oa]", "missing parts")),
    "fr": ((r"(quels |quelles )?(moyens?|modes?|methodes?|options?) de paiement( acceptez-vous| vous acceptez| vous prenez)?",
            "what payment methods do you accept"),
           (r"(est-ce que )?(je peux|on peut|puis-je) payer( par| avec| en)?", "can i pay with"),
           (r"(est-ce que )?(c'est|le paiement est|il est) (sur|securise)", "is payment safe"),
           (r"(vous )?(acceptez|prenez)(-vous| vous)?", "do you accept"), (r"virement( bancaire)?", "bank transfer"),
           (r"prelevement( sepa)?", "direct debit"), (r"cartes?[ -]cadeaux?", "gift card"), (r"cartes?( bancaires?| de credit)?", "card"), (r"payer", "pay"),
           (r"paiement", "payment"), (r"securise|securisee", "secure"),
           (r"prix (de vente )?conseille|prix catalogue", "msrp"), (r"(a la|par) piece|a l'unite", "per piece"),
           (r"(pour )?tout l'ensemble|(pour )?le lot complet|(pour )?tout le set", "for the whole set"),
           (r"combien (pour|coutent) (\d+)", r"how much for \2"),
           (r"en soldes?|en promo(tion)?|soldee?s?|a prix reduit", "on sale"),
           (r"j'ai change d'avis", "i changed my mind"), (r"(l'ai|deja|a ete) ouverte?s?|(article|produit|colis|boite|emballage)s? ouverte?s?", "opened"),
           (r"il manque (une |des )?(pieces?)|incomplete?s?", "missing parts")),
    "de": ((r"(welche )?(zahlungsarten|zahlungsmethoden|zahlungsmoglichkeiten|zahlungsoptionen)( gibt es| habt ihr| akzeptiert ihr)?",
            "what payment methods do you accept"),
           (r"kann ich (mit|per|uber|via)(?=.{0,40}\b(be)?zahlen\b)", "can i pay with"),
           (r"(ist )?(das )?(be)?zahlen (bei euch |bei ihnen )?sicher", "is it safe to pay"),
           (r"nehmt ihr|akzeptiert ihr|akzeptieren sie|nehmen sie", "do you accept"),
           (r"uberweisung|vorkasse", "bank transfer"), (r"(sepa-)?lastschrift", "direct debit"),
           (r"auf rechnung", "by invoice"), (r"kreditkarten?|karten?", "card"), (r"(be)?zahlen", "pay"),
           (r"(be)?zahlung", "payment"), (r"uvp|unverbindliche preisempfehlung|listenpreis", "msrp"),
           (r"pro stuck|je stuck|einzeln", "per piece"), (r"was kosten (\d+)( stuck| mal)?", r"how much for \1"),
           (r"(das )?ganze set", "the whole set"), (r"lieferung", "delivery"),
           (r"im (sale|angebot|ausverkauf)|reduziert(e|en)?", "on sale"),
           (r"(meine )?meinung geandert|(es )?mir anders uberlegt", "i changed my mind"),
           (r"geoffnete(n|s|r)?|(schon |bereits )?(aufgemacht|ausgepackt)|(artikel|produkt|paket|verpackung) (ist |war )?(schon |bereits )?geoffnet", "opened"), (r"artikel", "item"),
           (r"fehlende teile|(es )?fehl(en|t) (ein |teile|ein teil)\w*|unvollstandig", "missing parts")),
    "pt": ((r"(quais |que )?(as )?(formas?|metodos?|meios|opcoes) de pagamento( (que )?(voces |vcs )?aceitam)?",
            "what payment methods do you accept"),
           (r"(posso|da (pra|para)) pagar (com|por|via)", "can i pay with"), (r"posso pagar|da (pra|para) pagar", "can i pay"), (r"pagar (com|por|via)", "pay with"), (r"e seguro", "is it safe"),
           (r"(voces |vcs )?aceita(m)?", "do you accept"), (r"transferencia( bancaria)?", "bank transfer"),
           (r"debito automatico", "direct debit"), (r"cart(ao|oes)[ -](de )?presente", "gift card"), (r"cart(ao|oes)( de credito)?", "card"), (r"pagar", "pay"),
           (r"pagamento", "payment"), (r"preco (sugerido|de tabela|recomendado)", "msrp"),
           (r"por (peca|unidade)", "per piece"), (r"(o )?(conjunto|kit|set) (todo|inteiro)", "the whole set"),
           (r"quanto (fica|custa|sai) (pra|para) comprar (\d+)|quanto (custam|ficam|saem) (\d+)", r"how much for \3\5"),
           (r"quantos dias demora", "how many days does it take"),
           (r"em promocao|na promocao|em liquidacao|com desconto", "on sale"),
           (r"mudei de ideia|desisti", "i changed my mind"), (r"(ja )?(o |a )?abri|(produto|item|pacote|caixa|embalagem) abert[oa]", "opened"),
           (r"(veio |esta |ta )?faltando (uma |umas )?(pecas?|partes?)|incomplet[oa]", "missing parts")),
    "it": ((r"(quali )?(metodi|modalita|forme|opzioni) di pagamento( accettate)?", "what payment methods do you accept"),
           (r"come (posso|si puo) pagare|come si paga", "how can i pay"), (r"posso pagare (con|tramite|via)", "can i pay with"), (r"posso pagare", "can i pay"),
           (r"(e )?sicuro pagare", "is it safe to pay"), (r"accettate (pagamenti )?(con|tramite|via)", "do you accept"), (r"accettate", "do you accept"),
           (r"bonifico( bancario)?", "bank transfer"), (r"cart[ae] regalo", "gift card"), (r"carta( di credito)?|carte( di credito)?", "card"),
           (r"pagare (con|tramite|via)", "pay with"), (r"pagare", "pay"), (r"pagament[oi]", "payments"),
           (r"(l')?msrp", "the msrp"), (r"prezzo (consigliato|di listino)|listino", "msrp"),
           (r"al pezzo|a pezzo|per pezzo|a unita", "per piece"), (r"quanto costano (\d+)", r"how much for \1"),
           (r"in saldo|in offerta|scontat[oa]", "on sale"), (r"(ho )?cambiato idea", "i changed my mind"),
           (r"(l'ho |gia |e stat[oa] )apert[oa]|(articolo|prodotto|pacco|confezione) apert[oa]", "opened"), (r"manca(no)? (un |dei )?pezz[oi]|incomplet[oa]", "missing parts"),
           (r"piante", "plants")),
}
#: The tracking number asked by its name ("numéro de suivi", "Sendungsnummer", "código de rastreio").
_TRACKING = {"es": ((r"(el )?(numero|codigo) de (seguimiento|rastreo)", "the tracking number"),),
             "fr": ((r"(le )?(numero|code) de suivi", "the tracking number"),),
             "de": ((r"(die )?(sendungsnummer|trackingnummer|tracking-nummer|sendungsverfolgungsnummer)", "the tracking number"),),
             "it": ((r"(il )?(numero|codice) di (tracciamento|tracking|spedizione)", "the tracking number"),),
             "pt": ((r"(o )?(numero|codigo) de (rastreio|rastreamento)", "the tracking number"),)}
#: An item tried on, worn or washed, that does not fit or is not liked: the return conditions
#: `bot.dialogue.conditions` reads ("no me queda bien", "getragen", "não gostei", "non mi sta").
_CONDITION = {
    "es": ((r"no me (queda|quedan|va|van)( bien)?", "it doesn't fit"), (r"no me (gusta|gustan|gusto)", "i don't like it"),
           (r"(lo |la )?(he )?usad[oa]s?|(lo |la )?use", "worn"), (r"(lo |la )?(he )?lavad[oa]s?|(lo |la )?lave", "washed")),
    "fr": ((r"(il |elle |ca )?ne me va pas", "it doesn't fit"), (r"(je )?n'aime pas|(il |elle |ca )?ne me plait pas", "i don't like it"),
           (r"(je )?(l'ai |les ai )?porte(e|s|es)? une fois", "worn once"), (r"(je )?(l'ai |les ai )porte(e|s|es)?", "worn"),
           (r"(je )?(l'ai |les ai )lave(e|s|es)?", "washed")),
    "de": ((r"(passt|passen) (mir )?nicht|nicht (passt|passen)", "doesn't fit"),
           (r"gefallt (mir )?nicht|nicht gefallt", "i don't like it"), (r"getragen", "worn"), (r"gewaschen", "washed"),
           (r"einmal", "once")),
    "pt": ((r"nao (me )?(serv(e|iu|ir)|cab(e|eu))", "it doesn't fit"), (r"nao gost(ar|ei|o)( dele| dela| disso)?", "i don't like it"),
           (r"(ja )?usei|usad[oa]s?", "worn"), (r"lavei|lavad[oa]s?", "washed")),
    "it": ((r"non mi (sta|stanno|va|vanno)( bene)?", "it doesn't fit"), (r"non mi (piace|piacciono|e piaciut[oa])", "i don't like it"),
           (r"indossat[oa]|(l'ho )?usat[oa]", "worn"), (r"(l'ho )?lavat[oa]", "washed")),
}
TERMS = {language: _BRANDS + _TRACKING.get(language, ()) + _CONDITION.get(language, ()) + words
         for language, words in TERMS.items()}

#: Buying one of goods sold in packs ("¿puedo comprar un solo paquete?", "posso comprare una sola
#: bottiglia?"): read as "can i buy just one", which `product_prices` answers with the unit of sale.
_ONE_OF_A_PACK = {
    "es": ((r"(?:puedo |se puede |podria )?comprar (?:un solo|una sola|solo un[oa]?|uno solo|una unidad de|un[oa]? suelt[oa])",
            "can i buy just one"), (r"suelt[oa]s|por separado", "individually")),
    "fr": ((r"(?:je peux |puis-je |on peut |est-ce qu'on peut )?acheter (?:un seul|une seule|juste une?|seulement une?)",
            "can i buy just one"), (r"separement|au detail", "individually")),
    "de": ((r"(?:kann ich |darf ich )?(?:nur )?(?:eine einzelne|ein einzelnes|einen einzelnen)", "can i buy just one"),
           (r"einzeln", "individually")),
    "pt": ((r"(?:posso |da pra |da para )?comprar (?:so|apenas|somente) (?:um|uma)|(?:posso )?comprar (?:um|uma) (?:so|unic[oa])",
            "can i buy just one"), (r"avuls[oa]s|separadamente", "individually")),
    "it": ((r"(?:posso |si puo )?comprare (?:un solo|una sola|solo un[oa]?|uno solo|una singola|un singolo)",
            "can i buy just one"), (r"singolarmente|sfus[oiae]", "individually")),
}
TERMS = {language: _ONE_OF_A_PACK.get(language, ()) + rows for language, rows in TERMS.items()}

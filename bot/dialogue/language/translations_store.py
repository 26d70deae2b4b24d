"""The sentences code writes around a store's own data, in each language (data for
`translations`): shipping quotes (a method free from an amount, a free-shipping promotion, a store
priced only by its pages), promotions when there are none, how to reach the store, and products
side by side (`product_compare`).

The store's names inside them (method labels, promotions, products) are held out while these
rows apply (`kept_names`), so a row reads only the assistant's words around them.
"""

from __future__ import annotations

from bot.dialogue.language.translations_terms import row

_MONEY = r"(\S+(?: [A-Z]{3})?)"  # "$16.00", "€7.50", "16.00 EUR"
# Before the first "<product>: <price>; ..." row of a comparison (names held out as one character):
# the lead sentences, which never hold such a row start themselves.
_ROW = "[\uf000-\uf8ff](?: \\(\\S+\\))?: \\S*\\d"
_ROWS_START = f"^((?:(?!{_ROW}).)*?)(?={_ROW}[^;]*; )"

#: bot.dialogue.context_replies' rate list (a table priced by weight, or a method sold only in some
#: regions), applied before `translations`' own rows: its sentence holds their "priced by ..." words.
#: A method's label is held out as one private-use character, so " to <region>:" follows one.
RATE_LIST: tuple[tuple[str, dict[str, str]], ...] = (
    row(r"^Shipping is priced by the parcel's weight\. ", "El envío se cobra según el peso del paquete. ",
        "La livraison est facturée selon le poids du colis. ", "Der Versand richtet sich nach dem Gewicht des Pakets. ",
        "O frete é cobrado conforme o peso do pacote. ", "La spedizione si paga in base al peso del pacco. "),
    row(r"([\uf000-\uf8ff] (?:to [^:;.]+|elsewhere): )free(?=[;.]|$)", r"\1gratis", r"\1gratuit", r"\1kostenlos",
        r"\1grátis", r"\1gratuito"),  # a band priced 0 (a pickup)
    row(r"(?<=[\uf000-\uf8ff]) to ([^:;]+): ", r" a \1: ", r" vers \1 : ", r" nach \1: ", r" para \1: ", r" verso \1: "),
    row(r"(?<=[\uf000-\uf8ff]) elsewhere: ", " a otros destinos: ", " vers les autres destinations : ",
        " in andere Regionen: ", " para outros destinos: ", " verso altre destinazioni: "),
    row(r"(?<=: |, )up to (?=\d)", "hasta ", "jusqu'à ", "bis ", "até ", "fino a "),  # any weight unit
    row(r"(?<=: |, )over (?=\d)", "más de ", "plus de ", "über ", "acima de ", "oltre "),
    row(r" \(free on orders of (\S+(?: [A-Z]{3})?) or more\)", r" (gratis en pedidos de \1 o más)",
        r" (gratuite dès \1 de commande)", r" (kostenlos ab \1 Bestellwert)", r" (grátis em pedidos de \1 ou mais)",
        r" (gratuita per ordini da \1 in su)"),
    row(r"Tell me the parcel weight in (\w+) and I'll quote it exactly\.",
        r"Dime el peso del paquete en \1 y te daré el precio exacto.",
        r"Donnez-moi le poids du colis en \1 et je vous donnerai le prix exact.",
        r"Nennen Sie mir das Paketgewicht in \1, dann nenne ich den genauen Preis.",
        r"Diga o peso do pacote em \1 e eu informo o valor exato.",
        r"Dimmi il peso del pacco in \1 e ti dirò il prezzo esatto."),
    row(r"Tell me the parcel weight and I'll quote it exactly\.", "Dime el peso del paquete y te daré el precio exacto.",
        "Donnez-moi le poids du colis et je vous donnerai le prix exact.",
        "Nennen Sie mir das Paketgewicht, dann nenne ich den genauen Preis.",
        "Diga o peso do pacote e eu informo o valor exato.", "Dimmi il peso del pacco e ti dirò il prezzo esatto."),
    row(r"Tell me where it's going and I'll quote it exactly\.", "Dime a dónde va y te daré el precio exacto.",
        "Dites-moi où il doit être livré et je vous donnerai le prix exact.",
        "Sagen Sie mir, wohin es geht, dann nenne ich den genauen Preis.",
        "Diga para onde vai e eu informo o valor exato.", "Dimmi dove va spedito e ti dirò il prezzo esatto."),
)

ROWS: tuple[tuple[str, dict[str, str]], ...] = (
    # bot.dialogue.written_replies.shipping_quote
    row(r"^Shipping: ", "Envío: ", "Livraison : ", "Versand: ", "Frete: ", "Spedizione: "),
    row(r"^Yes, you can collect your order: ", "Sí, puedes recoger tu pedido: ", "Oui, vous pouvez retirer votre commande : ",
        "Ja, Sie können Ihre Bestellung abholen: ", "Sim, você pode retirar seu pedido: ", "Sì, puoi ritirare il tuo ordine: "),
    # bot.dialogue.store_pages.delivery.ships_there: a yes to "do you ship to <region>?"
    row(r"^Yes, we ship to ([^.]+)\. ", r"Sí, enviamos a \1. ", r"Oui, nous livrons vers \1. ",
        r"Ja, wir liefern nach \1. ", r"Sim, enviamos para \1. ", r"Sì, spediamo verso \1. "),
    # bot.dialogue.store_pages.delivery: a place the pages say is not served; a pickup or method not offered there
    row(r"^We don't ship to ([^:]+):", r"No enviamos a \1:", r"Nous ne livrons pas vers \1 :", r"Wir liefern nicht nach \1:",
        r"Não enviamos para \1:", r"Non spediamo verso \1:"),
    row(r"^([\uf000-\uf8ff]) is only for orders to ([^;.]+); not for ([^.]+)\.",
        r"\1 es solo para pedidos a \2; no para \3.", r"\1 est réservé aux commandes vers \2 ; pas pour \3.",
        r"\1 gibt es nur für Bestellungen nach \2; nicht für \3.", r"\1 é só para pedidos para \2; não para \3.",
        r"\1 è solo per ordini verso \2; non per \3."),
    row(r"\((free|\S+\d), for orders to ([^)]+)\)", r"(\1, para pedidos a \2)", r"(\1, pour les commandes vers \2)",
        r"(\1, für Bestellungen nach \2)", r"(\1, para pedidos para \2)", r"(\1, per ordini verso \2)"),
    row(r"(?<=\()free(?=[,)])", "gratis", "gratuit", "kostenlos", "grátis", "gratuito"),
    row(r"Shipping depends on your merchandise total\.", "El envío depende del total de tu compra.",
        "La livraison dépend du montant de vos articles.", "Der Versand hängt vom Warenwert ab.",
        "O frete depende do total da compra.", "La spedizione dipende dal totale della merce."),
    # a method's free rule held only in some regions (`ShippingMethod.free_regions`): the region said
    row(rf"(?<=\. )([A-Z\uf000-\uf8ff][^.;:]*?) is free to ([^.;:]+?) from {_MONEY}: {_MONEY} more would make it free\.",
        r"\1: envío gratis a \2 a partir de \3; con \4 más, lo sería.",
        r"\1 : livraison gratuite vers \2 à partir de \3 ; avec \4 de plus, elle le serait.",
        r"\1: versandkostenfrei nach \2 ab \3; mit \4 mehr wäre er es.",
        r"\1: frete grátis para \2 a partir de \3; com mais \4, seria.",
        r"\1: spedizione gratuita verso \2 da \3; con altri \4, lo sarebbe."),
    row(rf"(?<=\. )([A-Z\uf000-\uf8ff][^.;:]*?) is free to ([^.;:]+?) from {_MONEY}\.",
        r"\1: envío gratis a \2 a partir de \3.", r"\1 : livraison gratuite vers \2 à partir de \3.",
        r"\1: versandkostenfrei nach \2 ab \3.", r"\1: frete grátis para \2 a partir de \3.",
        r"\1: spedizione gratuita verso \2 da \3."),
    row(rf"Orders of {_MONEY} or more ship free to ([^.;:]+?)\.", r"Los pedidos de \1 o más tienen envío gratis a \2.",
        r"Les commandes de \1 ou plus sont livrées gratuitement vers \2.",
        r"Bestellungen ab \1 werden versandkostenfrei nach \2 geliefert.",
        r"Pedidos de \1 ou mais têm frete grátis para \2.", r"Gli ordini da \1 in su hanno la spedizione gratuita verso \2."),
    row(rf"(?<=\. )([A-Z\uf000-\uf8ff][^.;:]*?)'s free shipping from {_MONEY} is only to ([^.;:]+?)\.",
        r"El envío gratis de \1 a partir de \2 es solo a \3.",
        r"La livraison gratuite de \1 à partir de \2 ne vaut que vers \3.",
        r"Der kostenlose Versand von \1 ab \2 gilt nur nach \3.",
        r"O frete grátis de \1 a partir de \2 vale só para \3.",
        r"La spedizione gratuita di \1 da \2 vale solo verso \3."),
    # a method's own free-shipping rule the order falls short of (before the lone "free" below)
    row(rf"(?<=\. )([A-Z\uf000-\uf8ff][^.;:]*?) is free from {_MONEY}: {_MONEY} more would make it free\.",
        r"\1: envío gratis a partir de \2; con \3 más, lo sería.",
        r"\1 : livraison gratuite à partir de \2 ; avec \3 de plus, elle le serait.",
        r"\1: versandkostenfrei ab \2; mit \3 mehr wäre er es.",
        r"\1: frete grátis a partir de \2; com mais \3, seria.",
        r"\1: spedizione gratuita da \2; con altri \3, lo sarebbe."),
    # after a method's name or its label in brackets ("Local pickup free"), never "ships free."
    # (a label is held out as one private-use character while rows apply: `kept_names`)
    row(r"(?<=[\w)\uf000-\uf8ff] )(?<!ship )(?<!ships )free(?=[;.]|$)", "gratis", "gratuite", "kostenlos", "grátis", "gratuita"),
    row(rf"(\w+) shipping is free from {_MONEY}\.", r"El envío \1 es gratis a partir de \2.",
        r"La livraison \1 est gratuite à partir de \2.", r"Der Versand \1 ist ab \2 kostenlos.",
        r"O frete \1 é grátis a partir de \2.", r"La spedizione \1 è gratuita da \2."),
    # a method named by its label ("Royal Mail Tracked 48 is free from £50.00.")
    row(rf"(?<=\. )([A-Z\uf000-\uf8ff][^.;:]*?) is free from {_MONEY}\.", r"\1: envío gratis a partir de \2.",
        r"\1 : livraison gratuite à partir de \2.", r"\1: versandkostenfrei ab \2.",
        r"\1: frete grátis a partir de \2.", r"\1: spedizione gratuita da \2."),
    row(rf"Orders of {_MONEY} or more currently ship free with our promotion\.",
        r"Los pedidos de \1 o más tienen ahora envío gratis con nuestra promoción.",
        r"Les commandes de \1 ou plus sont actuellement livrées gratuitement grâce à notre promotion.",
        r"Bestellungen ab \1 werden derzeit mit unserer Aktion versandkostenfrei geliefert.",
        r"Pedidos de \1 ou mais têm frete grátis com a nossa promoção.",
        r"Gli ordini da \1 in su hanno ora la spedizione gratuita con la nostra promozione."),
    row(rf"Your {_MONEY} order ships free with our promotion \(orders of {_MONEY} or more\)\. Without it, "
        r"shipping would be:",
        r"Tu pedido de \1 tiene envío gratis con nuestra promoción (pedidos de \2 o más). Sin ella, el envío costaría:",
        r"Votre commande de \1 est livrée gratuitement grâce à notre promotion (commandes de \2 ou plus). Sans "
        r"elle, la livraison coûterait :",
        r"Ihre Bestellung von \1 wird mit unserer Aktion versandkostenfrei geliefert (Bestellungen ab \2). Ohne sie "
        r"würde der Versand kosten:",
        r"Seu pedido de \1 tem frete grátis com a nossa promoção (pedidos de \2 ou mais). Sem ela, o frete custaria:",
        r"Il tuo ordine di \1 ha la spedizione gratuita con la nostra promozione (ordini da \2 in su). Senza, la "
        r"spedizione costerebbe:"),
    row(r"I can't quote shipping prices for this store\. Here is what our shipping information says: ",
        "No puedo calcular precios de envío para esta tienda. Nuestra información de envíos dice (en inglés): ",
        "Je ne peux pas chiffrer la livraison pour cette boutique. Nos informations de livraison disent (en "
        "anglais) : ",
        "Ich kann für diesen Shop keine Versandpreise nennen. Unsere Versandinformationen sagen (auf Englisch): ",
        "Não consigo calcular o frete para esta loja. Nossas informações de frete dizem (em inglês): ",
        "Non posso calcolare la spedizione per questo negozio. Le nostre informazioni di spedizione dicono (in "
        "inglese): "),
    row(r"I can't quote that exactly: (.+?)\. Here is what our shipping page says\.",
        r"No puedo calcularlo con exactitud; mira nuestra página de envíos. El motivo (en inglés): \1.",
        r"Je ne peux pas le chiffrer exactement ; voyez notre page de livraison. La raison (en anglais) : \1.",
        r"Das kann ich nicht genau berechnen; siehe unsere Versandseite. Der Grund (auf Englisch): \1.",
        r"Não consigo calcular exatamente; veja a nossa página de frete. O motivo (em inglês): \1.",
        r"Non posso calcolarlo con esattezza; vedi la nostra pagina spedizioni. Il motivo (in inglese): \1."),
    # bot.dialogue.written_replies.promotions: a store that runs none, a code that is not one
    row(r"I don't know of any promotions at this store right now, so I can't check the code (\S+); the checkout "
        r"will tell you whether it works\.",
        r"No conozco ninguna promoción en esta tienda ahora mismo, así que no puedo comprobar el código \1; el "
        r"pago te dirá si funciona.",
        r"Je ne connais aucune promotion dans cette boutique en ce moment, je ne peux donc pas vérifier le code "
        r"\1 ; la caisse vous dira s'il fonctionne.",
        r"Mir sind derzeit keine Aktionen in diesem Shop bekannt, daher kann ich den Code \1 nicht prüfen; die "
        r"Kasse zeigt Ihnen, ob er gilt.",
        r"Não conheço nenhuma promoção nesta loja agora, então não posso verificar o código \1; o checkout vai "
        r"dizer se funciona.",
        r"Non conosco promozioni in questo negozio al momento, quindi non posso verificare il codice \1; la cassa "
        r"ti dirà se funziona."),
    row(r"I don't know of any promotions at this store right now, so I can't offer a code or a discount\.",
        "No conozco ninguna promoción en esta tienda ahora mismo, así que no puedo ofrecer un código ni un "
        "descuento.",
        "Je ne connais aucune promotion dans cette boutique en ce moment, je ne peux donc pas proposer de code "
        "ni de réduction.",
        "Mir sind derzeit keine Aktionen in diesem Shop bekannt, daher kann ich keinen Code und keinen Rabatt "
        "anbieten.",
        "Não conheço nenhuma promoção nesta loja agora, então não posso oferecer um código nem um desconto.",
        "Non conosco promozioni in questo negozio al momento, quindi non posso offrire un codice né uno sconto."),
    row(r"A person from our team can tell you more\.", "Una persona de nuestro equipo puede contarte más.",
        "Une personne de notre équipe pourra vous en dire plus.", "Jemand aus unserem Team kann Ihnen mehr sagen.",
        "Uma pessoa da nossa equipe pode contar mais.", "Una persona del nostro team può dirti di più."),
    row(r"(\S+) is not one of our current promo codes\.", r"\1 no es uno de nuestros códigos promocionales actuales.",
        r"\1 ne fait pas partie de nos codes promo actuels.", r"\1 ist keiner unserer aktuellen Aktionscodes.",
        r"\1 não é um dos nossos códigos promocionais atuais.", r"\1 non è uno dei nostri codici promozionali attuali."),
    row(r"Current codes: ", "Códigos actuales: ", "Codes actuels : ", "Aktuelle Codes: ", "Códigos atuais: ",
        "Codici attuali: "),
    # bot.dialogue.store_pages.contact_replies.contact: the channels' kinds and the hours
    row(r"\bEmail \(email\)", "Correo electrónico", "E-mail", "E-Mail", "E-mail", "E-mail"),
    row(r"\bPhone \(phone\)", "Teléfono", "Téléphone", "Telefon", "Telefone", "Telefono"),
    row(r"\bAddress \(address\)", "Dirección", "Adresse", "Adresse", "Endereço", "Indirizzo"),
    row(r"\(email\)", "(correo electrónico)", "(e-mail)", "(E-Mail)", "(e-mail)", "(e-mail)"),
    row(r"\(phone\)", "(teléfono)", "(téléphone)", "(Telefon)", "(telefone)", "(telefono)"),
    row(r"\(address\)", "(dirección)", "(adresse)", "(Adresse)", "(endereço)", "(indirizzo)"),
    *(row(rf"(?<=[\s,:]){day}(?=,| \d)", *local) for day, local in (
        ("Mon", ("lun", "lun", "Mo", "seg", "lun")), ("Tue", ("mar", "mar", "Di", "ter", "mar")),
        ("Wed", ("mié", "mer", "Mi", "qua", "mer")), ("Thu", ("jue", "jeu", "Do", "qui", "gio")),
        ("Fri", ("vie", "ven", "Fr", "sex", "ven")), ("Sat", ("sáb", "sam", "Sa", "sáb", "sab")),
        ("Sun", ("dom", "dim", "So", "dom", "dom")))),
    row(r" Hours: ", " Horario: ", " Horaires : ", " Öffnungszeiten: ", " Horário: ", " Orari: "),
    row(r" I can't find our opening hours in the store's information; a person from our team can tell you\.",
        " No encuentro nuestro horario en la información de la tienda; una persona de nuestro equipo puede decírtelo.",
        " Je ne trouve pas nos horaires dans les informations de la boutique ; une personne de notre équipe peut "
        "vous les donner.",
        " Unsere Öffnungszeiten finde ich in den Angaben des Shops nicht; jemand aus unserem Team kann sie Ihnen "
        "sagen.",
        " Não encontro o nosso horário nas informações da loja; uma pessoa da nossa equipe pode informar.",
        " Non trovo i nostri orari nelle informazioni del negozio; una persona del nostro team può dirteli."),
    # bot.dialogue.products.product_compare / bot.dialogue.products.spec_ranking.compare_lead: which is cheaper, the rows' words
    row(r"The (.+?) is the cheaper one at (\S+)\.", r"\1 es el más barato, a \2.", r"\1 est le moins cher, à \2.",
        r"\1 ist das günstigere, für \2.", r"\1 é o mais barato, a \2.", r"\1 è il più economico, a \2."),
    row(r"The (.+?) is the more expensive one at (\S+)\.", r"\1 es el más caro, a \2.", r"\1 est le plus cher, à \2.",
        r"\1 ist das teurere, für \2.", r"\1 é o mais caro, a \2.", r"\1 è il più caro, a \2."),
    row(r"The (.+?) has the higher ([^(]+?) \(", r"\1 tiene el valor más alto de «\2» (",
        r"\1 a la valeur la plus élevée de « \2 » (", r"\1 hat den höheren Wert bei „\2“ (",
        r"\1 tem o valor mais alto de «\2» (", r"\1 ha il valore più alto di «\2» ("),
    row(r"The (.+?) has the lower ([^(]+?) \(", r"\1 tiene el valor más bajo de «\2» (",
        r"\1 a la valeur la plus basse de « \2 » (", r"\1 hat den niedrigeren Wert bei „\2“ (",
        r"\1 tem o valor mais baixo de «\2» (", r"\1 ha il valore più basso di «\2» ("),
    row(r"; in stock(?=[;.])", "; disponible", "; en stock", "; auf Lager", "; em estoque", "; disponibile"),
    row(r"; out of stock(?=[;.])", "; agotado", "; en rupture de stock", "; ausverkauft", "; esgotado", "; esaurito"),
    row(r"; sizes (?=\S)", "; tallas ", "; tailles ", "; Größen ", "; tamanhos ", "; taglie "),
    # "... is in stock (sizes 40, 42, 44)": the sizes a price answer lists
    row(r" \(sizes (?=[^)]+\))", " (tallas ", " (tailles ", " (Größen ", " (tamanhos ", " (taglie "),
    row(r"^Yes\. (?=The )", "Sí. ", "Oui. ", "Ja. ", "Sim. ", "Sì. "),
    # a product's spec lines, and products' rows side by side: the record's English, framed
    row("^The ([\uf000-\uf8ff]): ", r"Ficha de \1 (en inglés): ", r"Fiche de \1 (en anglais) : ",
        r"Angaben zu \1 (auf Englisch): ", r"Ficha de \1 (em inglês): ", r"Scheda di \1 (in inglese): "),
    row(_ROWS_START, r"\1Según sus fichas (en inglés): ",
        r"\1D'après leurs fiches (en anglais) : ", r"\1Laut ihren Angaben (auf Englisch): ",
        r"\1Segundo as fichas (em inglês): ", r"\1Secondo le schede (in inglese): "),
    # "the" left before a product's name by a sentence no row says whole: the name alone
    row("(?i)\\bthe (?=[\uf000-\uf8ff])", "", "", "", "", ""),
)

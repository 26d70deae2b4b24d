"""The sentences code writes in the order flows and about the return rules, in each language
(data for `translations`): an order asked about without its identity, an address change, a
return that cannot start yet or any more, who pays return postage, the surcharge's reach, the
order system or the generator down, "shall I cancel it?" asked again.
"""

from __future__ import annotations

from bot.dialogue.language.translations_terms import row

ROWS: tuple[tuple[str, dict[str, str]], ...] = (
    # bot.dialogue.orders.order_flows
    row(r"I can only look at an order once its number and the email address on it match, so I can't share or "
        r"confirm either of them\. If you can't get to that email, a person from our team can help\.",
        "Solo puedo ver un pedido cuando su número y el correo del pedido coinciden, así que no puedo compartir ni "
        "confirmar ninguno de los dos. Si no tienes acceso a ese correo, una persona de nuestro equipo puede ayudarte.",
        "Je ne peux consulter une commande que si son numéro et son e-mail correspondent, je ne peux donc ni "
        "communiquer ni confirmer l'un ou l'autre. Si vous n'avez plus accès à cet e-mail, une personne de notre "
        "équipe peut vous aider.",
        "Ich kann eine Bestellung nur ansehen, wenn Nummer und E-Mail-Adresse zusammenpassen, daher kann ich keins "
        "von beiden nennen oder bestätigen. Wenn Sie keinen Zugriff auf die E-Mail haben, hilft Ihnen jemand aus "
        "unserem Team.",
        "Só posso ver um pedido quando o número e o e-mail dele conferem, então não posso informar nem confirmar "
        "nenhum dos dois. Se você não tem acesso a esse e-mail, uma pessoa da nossa equipe pode ajudar.",
        "Posso vedere un ordine solo quando numero ed e-mail corrispondono, quindi non posso comunicare né "
        "confermare nessuno dei due. Se non hai accesso a quell'e-mail, una persona del nostro team può aiutarti."),
    row(r"Order #(\d+) is already (\w+), so its delivery address can't be changed any more\.",
        r"El pedido #\1 ya está \2, así que ya no se puede cambiar su dirección de entrega.",
        r"La commande n°\1 est déjà \2, son adresse de livraison ne peut donc plus être modifiée.",
        r"Die Bestellung #\1 ist bereits \2, die Lieferadresse kann daher nicht mehr geändert werden.",
        r"O pedido #\1 já está \2, então o endereço de entrega não pode mais ser alterado.",
        r"L'ordine #\1 è già \2, quindi l'indirizzo di consegna non può più essere cambiato."),
    # bot.dialogue.orders.called_off: a task dropped, nothing changed
    row(r"Okay, no return is opened for order #(\d+)\.", r"De acuerdo, no se abre ninguna devolución para el pedido #\1.",
        r"D'accord, aucun retour n'est ouvert pour la commande n°\1.",
        r"In Ordnung, für die Bestellung #\1 wird keine Rücksendung angelegt.",
        r"Tudo bem, nenhuma devolução foi aberta para o pedido #\1.",
        r"Va bene, non apro nessun reso per l'ordine #\1."),
    row(r"Okay, order #(\d+) keeps its delivery address\.", r"De acuerdo, el pedido #\1 mantiene su dirección de entrega.",
        r"D'accord, la commande n°\1 garde son adresse de livraison.",
        r"In Ordnung, die Bestellung #\1 behält ihre Lieferadresse.",
        r"Tudo bem, o pedido #\1 mantém o endereço de entrega.",
        r"Va bene, l'ordine #\1 mantiene il suo indirizzo di consegna."),
    row(r"Okay, nothing has been changed\.", "De acuerdo, no se ha cambiado nada.", "D'accord, rien n'a été modifié.",
        "In Ordnung, es wurde nichts geändert.", "Tudo bem, nada foi alterado.", "Va bene, non è stato cambiato nulla."),
    # an order's status word left inside a translated sentence ("ya está delivered, así que ...")
    *(row(rf"\b(está|est|ist|è|déjà|bereits|já|già) {status}(?=[,.])", *(rf"\1 {w}" for w in local))
      for status, local in (("delivered", ("entregado", "livrée", "zugestellt", "entregue", "consegnato")),
                            ("shipped", ("enviado", "expédiée", "versandt", "enviado", "spedito")),
                            ("canceled", ("cancelado", "annulée", "storniert", "cancelado", "annullato")),
                            ("pending", ("pendiente", "en attente", "ausstehend", "pendente", "in attesa")),
                            ("processing", ("en preparación", "en préparation", "in Bearbeitung", "em processamento",
                                            "in lavorazione")))),
    # an order's returns, in its status ("where is my refund")
    row(r"Return ([\w-]+) \((.+?)\), opened on ([^:]+): refunded\.", r"Devolución \1 (\2), abierta el \3: reembolsada.",
        r"Retour \1 (\2), ouvert le \3 : remboursé.", r"Rückgabe \1 (\2), eröffnet am \3: erstattet.",
        r"Devolução \1 (\2), aberta em \3: reembolsada.", r"Reso \1 (\2), aperto il \3: rimborsato."),
    row(r"Return ([\w-]+) \((.+?)\), opened on ([^:]+): received, the refund is not issued yet\.",
        r"Devolución \1 (\2), abierta el \3: recibida, el reembolso aún no se ha emitido.",
        r"Retour \1 (\2), ouvert le \3 : reçu, le remboursement n'est pas encore émis.",
        r"Rückgabe \1 (\2), eröffnet am \3: eingegangen, die Erstattung ist noch nicht veranlasst.",
        r"Devolução \1 (\2), aberta em \3: recebida, o reembolso ainda não foi emitido.",
        r"Reso \1 (\2), aperto il \3: ricevuto, il rimborso non è ancora stato emesso."),
    row(r"Order #(\d+) hasn't shipped yet, so I can change where it goes\. What is the new delivery address\?",
        r"El pedido #\1 aún no se ha enviado, así que puedo cambiar adónde va. ¿Cuál es la nueva dirección de entrega?",
        r"La commande n°\1 n'est pas encore expédiée, je peux donc changer sa destination. Quelle est la nouvelle "
        r"adresse de livraison ?",
        r"Die Bestellung #\1 ist noch nicht versandt, ich kann die Lieferadresse also ändern. Wie lautet die neue "
        r"Lieferadresse?",
        r"O pedido #\1 ainda não foi enviado, então posso mudar o destino. Qual é o novo endereço de entrega?",
        r"L'ordine #\1 non è ancora stato spedito, quindi posso cambiare la destinazione. Qual è il nuovo indirizzo "
        r"di consegna?"),
    row(r"Updated: order #(\d+) will be delivered to ", r"Actualizado: el pedido #\1 se entregará en ",
        r"C'est modifié : la commande n°\1 sera livrée à ", r"Geändert: Die Bestellung #\1 wird geliefert an: ",
        r"Atualizado: o pedido #\1 será entregue em ", r"Aggiornato: l'ordine #\1 sarà consegnato a "),
    row(r"I can't open returns here: this store hasn't given me a return window to check order #(\d+) against\. "
        r"A person from our team can help you with the return\.",
        r"No puedo abrir devoluciones aquí: la tienda no me ha dado un plazo de devolución para comprobar el pedido "
        r"#\1. Una persona de nuestro equipo puede ayudarte con la devolución.",
        r"Je ne peux pas ouvrir de retour ici : la boutique ne m'a pas donné de délai de retour pour vérifier la "
        r"commande n°\1. Une personne de notre équipe peut vous aider pour le retour.",
        r"Ich kann hier keine Rückgabe anlegen: Der Shop hat mir keine Rückgabefrist genannt, um die Bestellung #\1 "
        r"zu prüfen. Jemand aus unserem Team hilft Ihnen bei der Rückgabe.",
        r"Não posso abrir devoluções aqui: a loja não me deu um prazo de devolução para verificar o pedido #\1. "
        r"Uma pessoa da nossa equipe pode ajudar com a devolução.",
        r"Non posso aprire resi qui: il negozio non mi ha dato un periodo di reso per controllare l'ordine #\1. "
        r"Una persona del nostro team può aiutarti con il reso."),
    row(r"Order #(\d+) is (.+?), so there is nothing to return yet\. Returns start once an order has been "
        r"delivered\.",
        r"El pedido #\1 está \2, así que todavía no hay nada que devolver. Las devoluciones empiezan cuando el "
        r"pedido se ha entregado.",
        r"La commande n°\1 est \2 : il n'y a donc encore rien à retourner. Les retours commencent une fois la "
        r"commande livrée.",
        r"Die Bestellung #\1 ist \2, es gibt also noch nichts zurückzugeben. Rückgaben sind möglich, sobald eine "
        r"Bestellung zugestellt ist.",
        r"O pedido #\1 está \2, então ainda não há nada para devolver. As devoluções começam depois da entrega.",
        r"L'ordine #\1 è \2, quindi non c'è ancora nulla da restituire. I resi iniziano dopo la consegna."),
    row(r"Order #(\d+) was delivered on ([^,]+(?:, \d{4})?), (\d+) days ago\. Our policy accepts returns within "
        r"(\d+) days of receipt, so it can't be returned online\. A human agent can look at defective items\.",
        r"El pedido #\1 se entregó el \2, hace \3 días. Nuestra política acepta devoluciones dentro de los \4 días "
        r"posteriores a la recepción, así que no se puede devolver en línea. Una persona puede revisar artículos "
        r"defectuosos.",
        r"La commande n°\1 a été livrée le \2, il y a \3 jours. Notre politique accepte les retours dans les \4 "
        r"jours suivant la réception, elle ne peut donc pas être retournée en ligne. Une personne peut examiner "
        r"les articles défectueux.",
        r"Die Bestellung #\1 wurde am \2 zugestellt, vor \3 Tagen. Rückgaben sind innerhalb von \4 Tagen nach "
        r"Erhalt möglich, daher geht es online nicht mehr. Ein Mensch kann sich defekte Artikel ansehen.",
        r"O pedido #\1 foi entregue em \2, há \3 dias. Nossa política aceita devoluções em até \4 dias após o "
        r"recebimento, então não pode ser devolvido online. Uma pessoa pode avaliar itens com defeito.",
        r"L'ordine #\1 è stato consegnato il \2, \3 giorni fa. La nostra politica accetta resi entro \4 giorni dal "
        r"ricevimento, quindi non può essere restituito online. Una persona può valutare gli articoli difettosi."),
    row(r"Now, shall I cancel the order\? Please reply yes or no\.", "Ahora, ¿cancelo el pedido? Responde sí o no.",
        "Maintenant, dois-je annuler la commande ? Répondez oui ou non.",
        "Nun: Soll ich die Bestellung stornieren? Bitte antworten Sie mit ja oder nein.",
        "Agora, devo cancelar o pedido? Responda sim ou não.", "Ora, annullo l'ordine? Rispondi sì o no."),
    row(r"I can't reach our order system right now, so I can't look at orders\. Please try again in a few "
        r"minutes, or talk to a person\.",
        "No puedo acceder a nuestro sistema de pedidos ahora mismo, así que no puedo ver pedidos. Inténtalo de "
        "nuevo en unos minutos o habla con una persona.",
        "Je n'arrive pas à joindre notre système de commandes pour le moment, je ne peux donc pas consulter les "
        "commandes. Réessayez dans quelques minutes ou parlez à une personne.",
        "Unser Bestellsystem ist gerade nicht erreichbar, daher kann ich keine Bestellungen ansehen. Bitte "
        "versuchen Sie es in ein paar Minuten erneut oder sprechen Sie mit einem Menschen.",
        "Não consigo acessar nosso sistema de pedidos agora, então não posso ver pedidos. Tente de novo em alguns "
        "minutos ou fale com uma pessoa.",
        "Non riesco a raggiungere il nostro sistema ordini ora, quindi non posso vedere gli ordini. Riprova tra "
        "qualche minuto o parla con una persona."),
    row(r"I can't answer that right now\. Please try again in a moment, or I can connect you with a human agent\.",
        "No puedo responder a eso ahora mismo. Inténtalo de nuevo en un momento o te pongo en contacto con una "
        "persona.",
        "Je ne peux pas répondre pour le moment. Réessayez dans un instant, ou je vous mets en relation avec une "
        "personne.",
        "Das kann ich gerade nicht beantworten. Versuchen Sie es gleich noch einmal, oder ich verbinde Sie mit "
        "einem Menschen.",
        "Não consigo responder agora. Tente de novo em um instante, ou posso chamar uma pessoa.",
        "Non posso rispondere ora. Riprova tra un momento, oppure ti metto in contatto con una persona."),
    # bot.dialogue.context_replies: who pays return postage, the surcharge's methods, a quote refused
    row(r"Return shipping is paid by the customer: you pay to send a return back to us\.",
        "El envío de la devolución lo paga el cliente: pagas tú el envío de vuelta.",
        "Les frais de retour sont à la charge du client : vous payez le renvoi.",
        "Die Rücksendekosten trägt der Kunde: Sie zahlen den Versand der Rücksendung.",
        "O frete da devolução é pago pelo cliente: você paga o envio de volta.",
        "La spedizione del reso è a carico del cliente: paghi tu il rinvio."),
    row(r"Return shipping is paid by us: you don't pay to send a return back\.",
        "El envío de la devolución lo pagamos nosotros: no pagas el envío de vuelta.",
        "Les frais de retour sont à notre charge : vous ne payez pas le renvoi.",
        "Die Rücksendekosten tragen wir: Sie zahlen nichts für die Rücksendung.",
        "O frete da devolução é pago por nós: você não paga o envio de volta.",
        "La spedizione del reso è a carico nostro: non paghi il rinvio."),
    row(r"The (\S+) surcharge for deliveries to (.+?) applies to (\S+) shipping only, not to (.+?)\.",
        r"El recargo de \1 para entregas a \2 solo se aplica al envío \3, no a \4.",
        r"Le supplément de \1 pour les livraisons vers \2 ne s'applique qu'à la livraison \3, pas à \4.",
        r"Der Zuschlag von \1 für Lieferungen nach \2 gilt nur für den Versand \3, nicht für \4.",
        r"A sobretaxa de \1 para entregas em \2 vale só para o frete \3, não para \4.",
        r"Il supplemento di \1 per le consegne in \2 vale solo per la spedizione \3, non per \4."),
    row(r"The (\S+) surcharge for deliveries to (.+?) applies to (\S+) shipping only\.",
        r"El recargo de \1 para entregas a \2 solo se aplica al envío \3.",
        r"Le supplément de \1 pour les livraisons vers \2 ne s'applique qu'à la livraison \3.",
        r"Der Zuschlag von \1 für Lieferungen nach \2 gilt nur für den Versand \3.",
        r"A sobretaxa de \1 para entregas em \2 vale só para o frete \3.",
        r"Il supplemento di \1 per le consegne in \2 vale solo per la spedizione \3."),
    row(r"^I can't quote that: (.+?)\.$", r"No puedo calcularlo. El motivo (en inglés): \1.",
        r"Je ne peux pas le chiffrer. La raison (en anglais) : \1.", r"Das kann ich nicht berechnen. Der Grund (auf Englisch): \1.",
        r"Não consigo calcular. O motivo (em inglês): \1.", r"Non posso calcolarlo. Il motivo (in inglese): \1."),
    # bot.dialogue.products.accessories, product_acts
    row(r"The store lists nothing that goes with the (.+?)\.", r"La tienda no indica nada que combine con \1.",
        r"La boutique n'indique rien qui aille avec \1.", r"Der Shop nennt nichts, was zu \1 passt.",
        r"A loja não indica nada que combine com \1.", r"Il negozio non indica nulla da abbinare a \1."),
    row(r" Current promotion for its kind: ", " Promoción actual para este tipo de producto (en inglés): ",
        " Promotion en cours pour ce type de produit (en anglais) : ", " Aktuelle Aktion für diese Art (auf Englisch): ",
        " Promoção atual para este tipo de produto (em inglês): ", " Promozione in corso per questo tipo (in inglese): "),
    row(r" The store also lists another (.+?) \((\S+)\): ", r" La tienda tiene también otro \1 (\2): ",
        r" La boutique propose aussi un autre \1 (\2) : ", r" Der Shop führt auch ein weiteres \1 (\2): ",
        r" A loja também tem outro \1 (\2): ", r" Il negozio ha anche un altro \1 (\2): "),
    # bot.dialogue.orders.order_trouble: the page's procedure (the store's English, framed), a problem the
    # pages are silent on, and a person offered after a verified status
    row(r"^Sorry about that\. ", "Lo siento. Según la información de la tienda (en inglés): ",
        "Désolé. D'après les informations de la boutique (en anglais) : ",
        "Das tut mir leid. Laut den Angaben des Shops (auf Englisch): ",
        "Sinto muito. Segundo as informações da loja (em inglês): ",
        "Mi dispiace. Secondo le informazioni del negozio (in inglese): "),
    row(r"I can't say from here why your payment was taken that way: I don't see payments\.",
        "No puedo saber desde aquí por qué se cobró así: no veo los pagos.",
        "Je ne peux pas savoir d'ici pourquoi le paiement a été pris ainsi : je ne vois pas les paiements.",
        "Von hier aus kann ich nicht sagen, warum die Zahlung so abgebucht wurde: Ich sehe keine Zahlungen.",
        "Não consigo dizer daqui por que o pagamento foi cobrado assim: não vejo os pagamentos.",
        "Da qui non posso dire perché il pagamento è stato addebitato così: non vedo i pagamenti."),
    row(r"I can't say from here why part of your order is missing: I don't see how it was packed\.",
        "No puedo saber desde aquí por qué falta parte de tu pedido: no veo cómo se empaquetó.",
        "Je ne peux pas savoir d'ici pourquoi une partie de votre commande manque : je ne vois pas comment elle a "
        "été emballée.",
        "Von hier aus kann ich nicht sagen, warum ein Teil Ihrer Bestellung fehlt: Ich sehe nicht, wie sie verpackt "
        "wurde.",
        "Não consigo dizer daqui por que falta parte do seu pedido: não vejo como ele foi embalado.",
        "Da qui non posso dire perché manca parte del tuo ordine: non vedo come è stato imballato."),
    row(r"A person from our team can check it with you\.", "Una persona de nuestro equipo puede revisarlo contigo.",
        "Une personne de notre équipe peut le vérifier avec vous.", "Jemand aus unserem Team kann das mit Ihnen prüfen.",
        "Uma pessoa da nossa equipe pode verificar isso com você.", "Una persona del nostro team può verificarlo con te."),
    row(r"If you'd like me to check the order itself, tell me its order number\.",
        "Si quieres que revise el pedido, dime su número de pedido.",
        "Si vous voulez que je consulte la commande, donnez-moi son numéro de commande.",
        "Wenn ich die Bestellung selbst prüfen soll, nennen Sie mir ihre Bestellnummer.",
        "Se quiser que eu consulte o pedido, diga o número do pedido.",
        "Se vuoi che controlli l'ordine, dimmi il suo numero d'ordine."),
    row(r"It shows as delivered, so if you can't find it, a person from our team can look into it with you\.",
        "Figura como entregado, así que si no lo encuentras, una persona de nuestro equipo puede revisarlo contigo.",
        "Elle apparaît comme livrée : si vous ne la trouvez pas, une personne de notre équipe peut vérifier avec vous.",
        "Sie wird als zugestellt angezeigt. Wenn Sie sie nicht finden, prüft das jemand aus unserem Team mit Ihnen.",
        "Consta como entregue, então se você não o encontrar, uma pessoa da nossa equipe pode verificar com você.",
        "Risulta consegnato, quindi se non lo trovi, una persona del nostro team può verificarlo con te."),
    row(r"For an item missing from it, a person from our team can look into it with you\.",
        "Si falta un artículo, una persona de nuestro equipo puede revisarlo contigo.",
        "Pour un article manquant, une personne de notre équipe peut vérifier avec vous.",
        "Fehlt ein Artikel, prüft das jemand aus unserem Team mit Ihnen.",
        "Se falta um item, uma pessoa da nossa equipe pode verificar com você.",
        "Se manca un articolo, una persona del nostro team può verificarlo con te."),
    # bot.dialogue.orders.order_changes: the page's rule on cancelling (the store's English, framed) before
    # the order number is asked
    row(r"^(.+?) What is your order number\? You'll find it in your order confirmation email \(for example ([^)]+)\)\.",
        r"Según la información de la tienda (en inglés): \1 ¿Cuál es tu número de pedido? Lo encontrarás en el "
        r"correo de confirmación (por ejemplo \2).",
        r"D'après les informations de la boutique (en anglais) : \1 Quel est votre numéro de commande ? Il figure "
        r"dans l'e-mail de confirmation (par exemple \2).",
        r"Laut den Angaben des Shops (auf Englisch): \1 Wie lautet Ihre Bestellnummer? Sie steht in der "
        r"Bestätigungs-E-Mail (zum Beispiel \2).",
        r"Segundo as informações da loja (em inglês): \1 Qual é o número do seu pedido? Ele está no e-mail de "
        r"confirmação (por exemplo \2).",
        r"Secondo le informazioni del negozio (in inglese): \1 Qual è il numero dell'ordine? Lo trovi nell'e-mail "
        r"di conferma (per esempio \2)."),
)

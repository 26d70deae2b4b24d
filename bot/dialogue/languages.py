"""The shopper's language: detect it, read the message in English, answer in it.

Detection is py3langid (its model ships in the wheel), limited to the languages we answer in and
kept per session: a message too short to tell ("000000113", "ok") keeps the language before it.
Understanding runs on an English reading made with a small per-language glossary of shopping
words (the NLU models are English-only); replies written by code are translated here from
their English templates (every template of every language is in this one module). Generated
replies stay English (the 0.5B generator is not reliable in other languages).
"""

from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
#: Below this probability (or under 2 words) a message keeps the session's language.
MIN_PROBABILITY = 0.6

# Glossary: phrases (regex) -> English, longest first where they overlap. Shopping words only.
_GLOSSARY: dict[str, tuple[tuple[str, str], ...]] = {
    "es": ((r"buen[oa]s (tardes|d[ií]as|noches)", "hello"), (r"\bhola\b", "hello"),
           (r"cu[aá]nto cuesta", "how much is"), (r"el env[ií]o|env[ií]o", "shipping"),
           (r"d[oó]nde est[aá]", "where is"), (r"mi pedido|el pedido|pedido", "order"),
           (r"mi correo es|correo", "my email is"), (r"devolver|devoluci[oó]n", "return"),
           (r"cupones|c[oó]digos? de descuento|descuentos?", "promo codes"), (r"mochilas?", "backpack"),
           (r"menos de", "under"), (r"d[ií]as", "days"), (r"regalo", "gift"), (r"\ba\b", "to")),
    "fr": ((r"bonjour|bonsoir|salut", "hello"), (r"o[uù] est", "where is"), (r"ma commande|commande", "order"),
           (r"combien co[uû]te", "how much is"), (r"la livraison|livraison|exp[ée]dition", "shipping"),
           (r"sacs? [àa] dos", "backpacks"), (r"[àa] moins de|moins de", "under"),
           (r"vous avez des|avez-vous des", "do you have"), (r"retourner|retour", "return"),
           (r"cadeau", "gift"), (r"codes? promo", "promo codes")),
    "de": ((r"hallo|guten (tag|morgen|abend)", "hello"), (r"was kostet", "how much is"),
           (r"der versand|versand", "shipping"), (r"f[üu]r eine bestellung von", "for an order of"),
           (r"bestellung", "order"), (r"wie lange habe ich zeit f[üu]r eine r[üu]ckgabe", "how long do i have to return"),
           (r"r[üu]ckgabe|zur[üu]ckgeben|zur[üu]cksenden", "return"), (r"rucksack|rucks[äa]cke", "backpack"),
           (r"unter", "under"), (r"geschenk", "gift"), (r"gutscheine?|rabattcodes?", "promo codes"),
           (r"wo ist", "where is")),
    "pt": ((r"ol[áa]|bom dia|boa tarde", "hello"), (r"quanto custa", "how much is"),
           (r"o frete|frete|envio", "shipping"), (r"para um pedido de", "for an order of"),
           (r"pedido|encomenda", "order"), (r"onde est[áa]", "where is"), (r"d[óo]lares", "dollars"),
           (r"voc[êe]s t[êe]m cupons de desconto|cupons|cupom|c[óo]digos? promocionais", "do you have promo codes"),
           (r"devolver|devolu[çc][ãa]o", "return"), (r"presente", "gift"), (r"mochilas?", "backpack")),
    "it": ((r"ciao|buongiorno|salve", "hello"), (r"posso restituire", "can i return"), (r"restituire|reso", "return"),
           (r"un regalo|regalo", "a gift"), (r"quanto costa", "how much is"), (r"la spedizione|spedizione", "shipping"),
           (r"ordine", "order"), (r"dov'?\s?[èe]", "where is"), (r"zaini|zaino", "backpack"),
           (r"codici sconto|coupon", "promo codes")),
}

# Reply templates: English sentence patterns -> each language (applied in order).
_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "es": ((r"^Hi! I'm the store assistant\..*", "¡Hola! Soy el asistente de la tienda. Puedo responder preguntas sobre envíos, devoluciones y productos, revisar un pedido o ponerte en contacto con una persona."),
           (r"Shipping depends on your merchandise total\. For orders up to", "El envío depende del total de tu compra. Para pedidos de hasta"),
           (r"For a ([$€£]?[\d.,]+(?: [A-Z]{3})?) order, shipping is:", r"Para un pedido de \1, el envío cuesta:"),
           (r"Tell me your order total and I'll quote it exactly\.", "Dime el total de tu pedido y te daré el precio exacto."),
           (r"Orders of ([$€£]?[\d.,]+(?: [A-Z]{3})?) or more ship free\.", r"Los pedidos de \1 o más tienen envío gratis."),
           (r"(\w+) shipping includes the ([$€£]?[\d.,]+(?: [A-Z]{3})?) surcharge for ([\w ]+)\.", r"El envío \1 incluye el recargo de \2 para \3."),
           (r"\bstandard\b", "estándar"), (r"\bpriority\b", "prioritario"), (r"\bovernight\b", "urgente"),
           (r"Order #(\d+), placed on ([\w ,]+), is on its way\.", r"El pedido #\1, realizado el \2, está en camino (enviado)."),
           (r"Order #(\d+), placed on ([\w ,]+), is (\w+)\.", r"El pedido #\1, realizado el \2, está \3."),
           (r"What is your order number\?.*", "¿Cuál es tu número de pedido? Lo encontrarás en el correo de confirmación."),
           (r"what is the email address on the order\?", "¿cuál es el correo electrónico del pedido?"),
           (r"You can return items within (\d+) days of receipt\.", r"Puedes devolver artículos dentro de los \1 días posteriores a la recepción."),
           (r"Here is what I found:", "Esto es lo que encontré:"), (r"Ask me about any of them\.", "Pregúntame por cualquiera de ellos.")),
    "fr": ((r"^Hi! I'm the store assistant\..*", "Bonjour ! Je suis l'assistant de la boutique. Je peux répondre à vos questions sur la livraison, les retours et les produits, suivre une commande ou vous mettre en relation avec une personne."),
           (r"Here is what I found:", "Voici ce que j'ai trouvé :"), (r"Ask me about any of them\.", "Posez-moi vos questions sur l'un d'eux."),
           (r"What is your order number\?.*", "Quel est votre numéro de commande ? Il figure dans l'e-mail de confirmation."),
           (r"(Thanks\. )?To protect your privacy, what is the email address on the order\?", "Merci. Pour protéger vos données, quelle est l'adresse e-mail de la commande ?"),
           (r"Sure, I can help with that\.", "Bien sûr, je peux vous aider."),
           (r"For a ([$€£]?[\d.,]+(?: [A-Z]{3})?) order, shipping is:", r"Pour une commande de \1, la livraison coûte :"),
           (r"You can return items within (\d+) days of receipt\.", r"Vous pouvez retourner les articles dans les \1 jours suivant la réception.")),
    "de": ((r"^Hi! I'm the store assistant\..*", "Hallo! Ich bin der Assistent des Shops. Ich beantworte Fragen zu Versand, Rückgaben und Produkten, prüfe Bestellungen oder verbinde Sie mit einem Menschen."),
           (r"For a ([$€£]?[\d.,]+(?: [A-Z]{3})?) order, shipping is:", r"Für eine Bestellung von \1 kostet der Versand:"),
           (r"Orders of ([$€£]?[\d.,]+(?: [A-Z]{3})?) or more ship free\.", r"Bestellungen ab \1 werden versandkostenfrei geliefert."),
           (r"You can return items within (\d+) days of receipt\.", r"Sie können Artikel innerhalb von \1 Tagen nach Erhalt zurückgeben."),
           (r"Here is what I found:", "Das habe ich gefunden:")),
    "pt": ((r"^Hi! I'm the store assistant\..*", "Olá! Sou o assistente da loja. Posso responder perguntas sobre frete, devoluções e produtos, verificar um pedido ou chamar uma pessoa."),
           (r"For a ([$€£]?[\d.,]+(?: [A-Z]{3})?) order, shipping is:", r"Para um pedido de \1, o frete custa:"),
           (r"Orders of ([$€£]?[\d.,]+(?: [A-Z]{3})?) or more ship free\.", r"Pedidos de \1 ou mais têm frete grátis."),
           (r"Current promotions:", "Promoções atuais:"), (r"use code (\w+) at checkout", r"use o código \1 no checkout"),
           (r"You can return items within (\d+) days of receipt\.", r"Você pode devolver itens em até \1 dias após o recebimento.")),
    "it": ((r"^Hi! I'm the store assistant\..*", "Ciao! Sono l'assistente del negozio. Posso rispondere su spedizioni, resi e prodotti, controllare un ordine o metterti in contatto con una persona."),
           (r"You can return items within (\d+) days of receipt\.", r"Puoi restituire gli articoli entro \1 giorni dal ricevimento."),
           (r"For a ([$€£]?[\d.,]+(?: [A-Z]{3})?) order, shipping is:", r"Per un ordine di \1, la spedizione costa:")),
}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect(text: str, previous: str = "en") -> str:
    """The message's language, or ``previous`` when the message is too short or unclear."""
    letters = re.sub(r"\S*@\S*|[^a-zà-ÿ\s]", " ", text.lower())
    if len(letters.split()) < 2:
        return previous
    language, probability = _identifier().classify(letters)
    return language if probability >= MIN_PROBABILITY else previous


def to_english(text: str, language: str) -> str:
    """The message with the glossary's shopping words in English (unchanged for English)."""
    for pattern, english in _GLOSSARY.get(language, ()):
        text = re.sub(pattern, english, text, flags=re.I)
    return text


def localize(text: str, language: str) -> str:
    """A code-written reply in the shopper's language (English when no template matches)."""
    for pattern, local in _TEMPLATES.get(language, ()):
        text = re.sub(pattern, local, text, flags=re.S)
    return text

"""The fixed quick-reply buttons in each language (data for `languages`)."""

from __future__ import annotations

#: The fixed quick-reply buttons in each language; a pressed button comes back as a message in
#: that language, which the glossary reads like any other.
BUTTONS = {
    "Track my order": {"es": "Rastrear mi pedido", "fr": "Suivre ma commande", "de": "Meine Bestellung verfolgen",
                       "pt": "Rastrear meu pedido", "it": "Traccia il mio ordine"},
    "Return an item": {"es": "Devolver un artículo", "fr": "Retourner un article", "de": "Einen Artikel zurücksenden",
                       "pt": "Devolver um item", "it": "Restituire un articolo"},
    "Shipping costs": {"es": "Costos de envío", "fr": "Frais de livraison", "de": "Versandkosten",
                       "pt": "Custos de frete", "it": "Costi di spedizione"},
    "Talk to a human": {"es": "Hablar con una persona", "fr": "Parler à une personne", "de": "Mit einem Menschen sprechen",
                        "pt": "Falar com uma pessoa", "it": "Parlare con una persona"},
}
BUTTONS.update({
    "Yes, cancel it": {"es": "Sí, cancélalo", "fr": "Oui, annulez-la", "de": "Ja, stornieren", "pt": "Sim, cancele",
                       "it": "Sì, annullalo"},
    "No, keep it": {"es": "No, mantenerlo", "fr": "Non, la garder", "de": "Nein, behalten", "pt": "Não, manter",
                    "it": "No, tienilo"},
    "Wrong size": {"es": "Talla equivocada", "fr": "Mauvaise taille", "de": "Falsche Größe", "pt": "Tamanho errado",
                   "it": "Taglia sbagliata"},
    "Defective or damaged": {"es": "Defectuoso o dañado", "fr": "Défectueux ou endommagé", "de": "Defekt oder beschädigt",
                             "pt": "Com defeito ou danificado", "it": "Difettoso o danneggiato"},
    "Not as described": {"es": "No es como se describe", "fr": "Non conforme à la description",
                         "de": "Nicht wie beschrieben", "pt": "Diferente do anunciado", "it": "Non come descritto"},
    "Cancel this order": {"es": "Cancelar este pedido", "fr": "Annuler cette commande", "de": "Diese Bestellung stornieren",
                          "pt": "Cancelar este pedido", "it": "Annullare questo ordine"},
    "Changed my mind": {"es": "Cambié de opinión", "fr": "J'ai changé d'avis", "de": "Meinung geändert",
                        "pt": "Mudei de ideia", "it": "Ho cambiato idea"},
})
#: Buttons that start with fixed words and end with a name ("Tell me about the Crown Summit Backpack").
BUTTON_PREFIXES = {
    "Tell me about the ": {"es": "Háblame de ", "fr": "Parlez-moi de ", "de": "Erzähl mir von ", "pt": "Fale-me de ",
                           "it": "Parlami di "},
}

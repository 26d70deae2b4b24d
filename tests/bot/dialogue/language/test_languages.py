"""Reading other languages and answering in them, without models."""

from __future__ import annotations

import pytest

from bot.dialogue.language import languages, translations, translations_buttons
from bot.types import Reply


def test_close_languages_are_told_apart_by_their_words_and_english_stays_english():
    assert languages.detect("hola donde esta mi pedido") == "es"  # py3langid: pt 0.49, es 0.49
    assert languages.detect("oi quanto fica o frete") == "pt"
    assert languages.detect("yes pls", "es") == "es"  # too short to leave the language before
    assert languages.detect("no wait, i meant priority", "en") == "en"


def test_a_reading_has_no_accents_and_reads_each_word_once():
    # "para un" -> "for a" keeps its "a" from the "a" -> "to" rule that comes later
    assert languages.to_english("cuanto cuesta el envío urgente para un pedido de 40 dólares", "es") == \
        "how much is shipping overnight for a order of 40 dollars"
    assert languages.to_english("¿eres un bot?", "es") == "are you a bot?"
    assert languages.to_english("Was kostet der Versand nach Hawaii?", "de").startswith("how much is shipping to")



@pytest.mark.parametrize("text, language", [
    ("und am nächsten Tag?", "de"), ("und mit Lieferung am nächsten Werktag?", "de"),
    ("y para el día siguiente?", "es"), ("et le jour suivant ?", "fr"),
    ("e para o próximo dia útil?", "pt"), ("e il giorno successivo?", "it")])
def test_next_day_delivery_in_each_language_names_the_overnight_method(text, language):
    assert "overnight" in languages.to_english(text, language)


def test_a_date_in_portuguese_is_not_next_day_delivery():
    assert "overnight" not in languages.to_english("chega no próximo dia 5?", "pt")

@pytest.mark.parametrize("language", ["es", "fr", "de", "pt", "it"])
def test_order_replies_and_their_dates_are_translated(language):
    english = ("Order #000000111, placed on November 26, 2026, is on its way. It shipped on "
               "November 28, 2026 with tracking number LUMA7. Items: 1 × Mimi All-Purpose Short.")
    local = languages.localize(english, language)
    assert "000000111" in local and "LUMA7" in local and "Mimi All-Purpose Short" in local
    assert not [p for p in ("placed on", "is on its way", "shipped on", "Items") if p in local]
    assert translations.MONTHS[language][10] in local  # November


def test_every_reply_sentence_has_all_five_languages():
    assert all(set(local) == {"es", "fr", "de", "pt", "it"} for _, local in translations.REPLIES)


def test_generated_answers_keep_the_facts_english_inside_a_local_frame():
    answer = Reply("Deliveries occur only on weekdays.", action="answer")
    framed = languages.in_language(answer, "fr", generated=True)
    assert framed.startswith(translations.FACT_FRAME["fr"]) and framed.endswith("weekdays.")
    written = Reply("You can return items within 30 days of receipt.", action="answer")
    assert languages.in_language(written, "it", generated=False).startswith("Puoi restituire")


def test_buttons_are_shown_in_the_language_and_read_back_when_pressed():
    shown = languages.buttons(("Track my order", "Crown Summit Backpack"), "de")
    assert shown == ("Meine Bestellung verfolgen", "Crown Summit Backpack")  # a name stays a name
    # "Rastrear mi pedido" alone reads as Portuguese to py3langid; the button says which it is
    assert languages.detect("Rastrear mi pedido", "en") == "es"
    assert languages.to_english("Rastrear mi pedido", "es") == "Track my order"
    assert languages.buttons(("Track my order",), "en") == ("Track my order",)


def test_a_bare_greeting_or_thanks_says_its_language_and_english_ones_stay_english():
    for text, language in (("hola buenas", "es"), ("buongiorno", "it"), ("Guten Abend!", "de"),
                           ("boa noite", "pt"), ("salut", "fr"), ("grazie mille!", "it")):
        assert languages.detect(text, "en") == language, text
    # English courtesies, words of two languages ("si"), and two letters stay as they were
    assert [languages.detect(t, "en") for t in ("hello", "thanks", "si", "oi")] == ["en"] * 4
    assert languages.to_english("bonsoir, où en est ma commande 000000113", "fr") == \
        "hello, where is order 000000113"


def test_phone_and_weekend_questions_read_in_each_language_and_quoted_store_text_is_framed():
    assert languages.to_english("wie ist eure Telefonnummer?", "de") == "what is your phone number?"
    assert languages.to_english("vocês entregam no fim de semana?", "pt") == "do you deliver on weekends?"
    assert languages.to_english("quanto tempo ho per restituire un articolo?", "it").startswith(
        "how long do i have to return")
    assert "Express shipping" in languages.to_english("Wie lange dauert der Expressversand?", "de")
    quoted = Reply("Deliveries occur only on weekdays.", action="extractive")
    assert languages.in_language(quoted, "es", generated=False).startswith(translations.FACT_FRAME["es"])
    lead = Reply("Our return policy says: Used merchandise cannot be returned unless defective.", action="answer")
    assert languages.in_language(lead, "fr", generated=False).startswith("Notre politique de retour dit (en anglais)")


def test_an_order_that_has_not_arrived_is_read_so_in_each_language():
    for text, language in (("mi pedido no llega", "es"), ("ma commande n'est toujours pas arrivée", "fr"),
                           ("meine Bestellung ist noch nicht angekommen", "de"),
                           ("meu pedido ainda não chegou", "pt"), ("il mio ordine non è ancora arrivato", "it")):
        assert languages.to_english(text, language) == "order has not arrived", text
    assert languages.to_english("y cuanto tiempo tengo para devolverlo?", "es") == "and how long do i have to return?"


def test_ciao_after_thanks_is_a_goodbye_and_a_registered_return_reads_in_the_language():
    assert languages.to_english("grazie, ciao", "it") == "thanks, goodbye"
    assert languages.to_english("ciao! avete zaini?", "it").startswith("hello!")
    local = languages.localize("Your return of the Quest Lumaflex™ Band is registered: reference RMA-1. Please note "
                               "the reference on the packing slip when you send it back.", "fr")
    assert "RMA-1" in local and "packing slip" not in local


@pytest.mark.parametrize("text, language", [
    ("se eu pedir hoje, chega até sexta?", "pt"), ("si pido hoy, ¿llega para el jueves?", "es"),
    ("wenn ich heute bestelle, kommt es bis Freitag an?", "de"), ("si je commande aujourd'hui, ça arrivera avant vendredi ?", "fr"),
    ("se ordino oggi, arriva entro venerdì?", "it")])
def test_a_delivery_deadline_reads_as_one_in_each_language(text, language):
    from bot.dialogue.store_pages import delivery

    reading = languages.to_english(text, language)
    assert delivery.asks_deadline(reading) and "today" in reading, reading
    assert "by friday" in reading or "by thursday" in reading, reading


def test_places_read_in_english_and_are_named_back_in_the_language(demo_kb):
    from bot.dialogue.store_pages import delivery

    for text, language, english in (("Versendet ihr nach Österreich?", "de", "Austria"),
                                     ("¿hacen envíos a Suiza?", "es", "Switzerland"),
                                     ("vous livrez aux Pays-Bas ?", "fr", "Netherlands"),
                                     ("vocês enviam para o Japão?", "pt", "Japan"),
                                     ("spedite in Germania?", "it", "Germany")):
        reading = languages.to_english(text, language)
        assert english in reading and "ship" in reading, reading
        assert delivery.unpriced_place(reading, demo_kb.shipping) == english, reading
    assert delivery.unpriced_place(languages.to_english("¿hacen envíos fuera de Estados Unidos?", "es"), demo_kb.shipping)
    assert languages.localize("I can't quote shipping to Switzerland: our shipping rates cover deliveries to "
                              "Canada.", "es") == "No puedo calcular el envío a Suiza: nuestras tarifas de envío " \
                                                  "cubren entregas a Canadá."


def test_amounts_spelt_out_in_another_language_are_read_as_money():
    from bot.dialogue.language import amounts

    for text, language, value in (("envío para sesenta y cinco dólares", "es", 65), ("livraison pour quarante dollars", "fr", 40),
                                  ("Versand für zwanzig Dollar", "de", 20), ("frete para trinta dólares", "pt", 30),
                                  ("spedizione per novanta dollari", "it", 90)):
        found = amounts.read(languages.to_english(text, language))
        assert found and found[0].value == value, text


def test_si_is_yes_alone_and_if_before_a_clause():
    assert languages.to_english("si, gracias", "es").startswith("yes")
    assert languages.to_english("si compro hoy", "es").startswith("if i place")


def test_two_questions_in_another_language_split_like_english_ones():
    from bot.dialogue import question_parts

    for text, language in (("cuál es su teléfono y cuántos días tengo para devolver algo", "es"),
                           ("wie ist eure Telefonnummer und wie lange dauert der Expressversand", "de"),
                           ("quanto costa la spedizione per 20 dollari e avete codici sconto", "it")):
        assert len(question_parts.split_questions(languages.to_english(text, language))) == 2, text


def test_every_button_is_shown_in_the_language_and_read_back_with_its_name():
    assert languages.buttons(("Yes, cancel it", "Wrong size"), "pt") == ("Sim, cancele", "Tamanho errado")
    shown = languages.buttons(("Tell me about the Crown Summit Backpack",), "it")[0]
    assert shown == "Parlami di Crown Summit Backpack"
    assert languages.detect(shown, "en") == "it"
    assert languages.to_english(shown, "it") == "Tell me about the Crown Summit Backpack"
    assert all(set(local) == {"es", "fr", "de", "pt", "it"} for local in translations_buttons.BUTTONS.values())


def test_numbers_are_read_as_digits_however_they_are_spelt():
    for text, language, digits in (("veintitrés", "es", "23"), ("soixante et onze", "fr", "71"),
                                   ("quatre-vingt-dix-neuf", "fr", "99"), ("einundvierzig", "de", "41"),
                                   ("cinquenta e duas", "pt", "52"), ("trentotto", "it", "38"), ("cien", "es", "100")):
        assert languages.to_english(text, language) == digits, text
    # the words for one are articles, and "sei" is "you are"
    assert languages.to_english("tengo un pedido", "es") == "do i have a order"
    assert "6" not in languages.to_english("sei un bot?", "it")


def test_a_weekday_after_arrive_is_a_deadline_in_english_and_the_others():
    from bot.dialogue.store_pages import delivery

    assert delivery.asks_deadline("will it arrive on monday if i order today")
    for text, language in (("si compro hoy me llega el lunes?", "es"), ("se eu comprar hoje chega na sexta?", "pt"),
                           ("kommt das Paket bis Freitag?", "de")):
        assert delivery.asks_deadline(languages.to_english(text, language)), text


def test_a_products_english_name_does_not_make_the_message_english():
    assert languages.detect("tienen la Crown Summit Backpack en azul?", "en") == "es"
    assert languages.detect("quanto costa la Crown Summit Backpack?", "en") == "it"
    assert languages.detect("quanto custa a Crown Summit Backpack?", "en") == "pt"  # pt and it split the vote
    assert languages.detect("Can I return the Juno Jacket?", "it") == "en"  # English with a name stays English
    assert languages.detect("ok gracias", "en") == "es" and languages.detect("ok", "fr") == "fr"


def test_kinds_of_product_and_a_second_question_read_in_each_language():
    assert languages.to_english("avete felpe da donna sotto i 50 dollari?", "it") == \
        "do you have hoodie for women under 50 dollars?"
    assert "also know if" in languages.to_english("necesito el teléfono y también saber si envían a Canadá", "es")
    assert languages.to_english("e também saber se vocês entregam no sábado", "pt") == \
        "and also know if you ship on saturday"


def test_the_cheapest_free_shipping_and_opening_hours_read_in_each_language():
    assert languages.to_english("le moins cher ?", "fr") == "the cheapest ?"
    assert languages.to_english("qual é o mais barato?", "pt") == "what is the cheapest?"
    assert languages.to_english("hay envío gratis?", "es") == "is there free shipping?"
    assert "opening hours" in languages.to_english("quali sono gli orari di apertura?", "it")


def test_any_frame_that_says_in_english_marks_the_stores_quoted_words():
    quoted = "Nossa política de devolução diz (em inglês): When returning a gift, a gift card is issued."
    assert translations.framed(quoted, "pt") and translations.framed(translations.FACT_FRAME["de"] + "x", "de")
    assert not translations.framed("Seu pedido foi enviado: (em inglês) no", "pt")  # the mark after the colon
    assert not translations.framed(quoted, "en") and not translations.framed("Tu pedido está en camino.", "es")


def test_an_infinitive_with_its_object_pronoun_reads_as_the_verb_and_it():
    assert languages.to_english("posso ancora annullarlo?", "it") == "can i still cancel it?"
    assert languages.to_english("ainda posso cancelá-lo?", "pt").endswith("cancel it?")
    assert languages.to_english("quiero devolverlo", "es") == "i want to return it"
    assert languages.to_english("voglio restituirla", "it") == "i want to return it"
    # the verb alone keeps its reading, and an imperative ending in "-la" is no pronoun
    assert languages.to_english("cancela mi pedido", "es") == "cancel order"
    assert languages.to_english("vorrei annullare il mio ordine", "it") == "i want to cancel order"


def test_a_short_follow_up_in_the_conversations_language_keeps_it_around_an_english_name():
    for text, language in (("y overnight?", "es"), ("und overnight?", "de"), ("e overnight?", "it")):
        assert languages.detect(text, language) == language, text
    for text, language in (("ok and watches?", "es"), ("what about guam?", "es"), ("and overnight?", "de")):
        assert languages.detect(text, language) == "en", text  # a switch to English is one


def test_two_products_compared_and_a_question_on_the_one_in_view_read_in_each_language():
    for text, language in (("que diferencia hay entre el A y el B?", "es"), ("quelle est la différence entre A et B ?", "fr"),
                           ("was ist der Unterschied zwischen A und B?", "de"), ("qual a diferença entre A e B?", "pt"),
                           ("che differenza c'è tra A e B?", "it")):
        assert "difference between" in languages.to_english(text, language), text
    for text, language in (("ist er wasserdicht?", "de"), ("est-il étanche ?", "fr")):
        assert languages.to_english(text, language).startswith("is it waterproof"), text


@pytest.mark.parametrize("text, language, state", [
    ("Nein, nach Kalifornien bitte", "de", "California"), ("et pour la Floride ?", "fr", "Florida"),
    ("y a Nueva York?", "es", "New York"), ("e para a Pensilvânia?", "pt", "Pennsylvania")])
def test_a_us_state_named_in_another_language_is_read_as_the_table_names_it(text, language, state):
    assert state in languages.to_english(text, language)


def test_the_measures_of_goods_are_read_in_english_in_each_language():
    assert languages.to_english("und wie viel speicher hat er?", "de") == "and how much storage does it have?"
    assert languages.to_english("wie viele haben sie", "de") == "how many do you have"  # a count stays one
    assert "battery" in languages.to_english("cuánta batería tiene?", "es")
    assert "storage" in languages.to_english("quelle est la capacité de stockage ?", "fr")


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt", "it"])
def test_a_rate_list_priced_by_weight_is_written_in_the_shopper_s_language(language):
    from bench.english_left import english_left

    label = "Overseas Deluxe"
    text = (f"Shipping is priced by the parcel's weight. {label} to France: up to 5 lb $44.90, up to 15 lb "
            "$74.80 (free on orders of $500.00 or more). Tell me the parcel weight in lb and I'll quote it exactly.")
    local = languages.localize(text, language, (label,))
    assert english_left(local, language, (label,)) == []
    assert label in local and "$44.90" in local and "$500.00" in local


@pytest.mark.parametrize("text, language, english", [
    ("en noir ?", "fr", "in black ?"),
    ("y en azul?", "es", "and in blue?"),
    ("em preto?", "pt", "in black?"),
    ("en stock ?", "fr", "in stock ?"),  # "en" before no colour keeps its own reading
])
def test_in_before_a_colour_is_read_as_in(text, language, english):
    from bot.dialogue.language import languages

    assert languages.to_english(text, language) == english


@pytest.mark.parametrize("text, language, english", [
    ("tienen chaquetas de mujer en azul?", "es", "do you have jacket for women in blue?"),
    ("camisetas de hombre", "es", "tee for men"),
    ("t-shirt homme", "fr", "tee for men"),
    ("camisetas de mulher", "pt", "tee for women"),
    ("welcher ist am billigsten?", "de", "which is the cheapest?"),
    ("mejor en negro", "es", "rather in black"),
    ("plutôt en noir", "fr", "rather in black"),
    ("et vers l'Alaska ?", "fr", "and to Alaska ?"),
])
def test_a_department_with_de_a_german_superlative_and_a_change_of_mind_read_in_english(text, language, english):
    assert languages.to_english(text, language) == english


def test_mejor_after_an_article_is_not_a_change_of_mind():
    assert "rather" not in languages.to_english("cuál es el mejor reloj?", "es")


def test_a_department_compound_and_the_tracking_number_are_read():
    assert languages.to_english("Ich suche Herren-Shorts", "de").endswith("mens shorts")
    assert "womens" in languages.to_english("habt ihr Damen Jacken", "de")
    assert "tracking number" in languages.to_english("c'est quoi le numéro de suivi ?", "fr")
    assert "tracking number" in languages.to_english("qual é o código de rastreio?", "pt")


def test_a_german_also_and_a_size_list_after_a_price_are_read_and_written():
    assert "also" in languages.to_english("gibt es das auch in blau?", "de")
    said = languages.localize("The Freerun Running Shoe costs €160.00 and is in stock (sizes 40, 42, 44).", "de")
    assert "(Größen 40, 42, 44)" in said and "sizes" not in said


@pytest.mark.parametrize("text, language, english", [
    ("et en taille XL ?", "fr", "and in size XL ?"),
    ("y en talla M?", "es", "and in size M?"),
    ("des sweats à capuche pour femme", "fr", "des hoodie for women"),
    ("sudaderas con capucha", "es", "hoodie"),
    ("e con la spedizione in un giorno lavorativo?", "it", "and con shipping overnight?"),
    ("y en un día hábil?", "es", "and overnight?"),
    ("e o pedido 000000120? mesmo e-mail", "pt", "and order 000000120? same email"),
    ("¿y el 000000103? es el mismo correo", "es", "and el 000000103? same email"),
    ("Bestellung 000000120, gleiche E-Mail", "de", "order 000000120, same email"),
    ("meu e-mail é a@b.com", "pt", "my email is a@b.com"),
    ("ecco l'e-mail", "it", "ecco l'email"),
])
def test_a_size_a_hooded_sweat_one_business_day_and_the_same_email_read_in_english(text, language, english):
    assert languages.to_english(text, language) == english


@pytest.mark.parametrize("language, local", [("es", "verde"), ("fr", "vert"), ("de", "Grün"), ("pt", "verde"),
                                             ("it", "verde")])
def test_the_colour_a_search_found_is_said_in_the_shopper_s_language(language, local):
    from bench.english_left import english_left

    text = "Here is what I found in green: Hera Pullover Hoodie ($48.00). Ask me about any of them."
    said = languages.localize(text, language, ("Hera Pullover Hoodie",))
    assert local in said and "Hera Pullover Hoodie" in said
    assert english_left(said, language, ("Hera Pullover Hoodie",)) == []
    two = languages.localize("Here is what I found in red or blue: Bolo ($1.00).", language, ("Bolo",))
    assert "found" not in two and " or " not in two


def test_the_store_s_names_in_a_message_do_not_say_its_language():
    # an English question about an Italian-named cheese is English; the shopper's own words decide
    names = ("Gorgonzola Telino", "Mozzarella di Giovanni", "Camembert Pierrot")
    assert languages.detect("is gorgonzola telino in stock", "en") == "it"  # the name alone decided
    assert languages.detect("is gorgonzola telino in stock", "en", names) == "en"
    assert languages.detect("Gorgonzola Telino?", "es", names) == "es"
    assert languages.detect("quanto costa la mozzarella di giovanni", "en", names) == "it"
    assert languages.detect("combien coûte le camembert pierrot ?", "en", names) == "fr"


@pytest.mark.parametrize("text, language, condition", [
    ("e se eu não gostar, posso devolver?", "pt", "changed_mind"),
    ("¿y se puede devolver si no me queda bien?", "es", "changed_mind"),
    ("Kann ich einen Hoodie zurückgeben, wenn ich ihn einmal getragen habe?", "de", "worn"),
    ("posso restituirla se non mi sta bene?", "it", "changed_mind"),
    ("je peux le retourner si je l'ai porté une fois ?", "fr", "worn"),
])
def test_a_return_condition_reads_in_each_language(text, language, condition):
    from bot.dialogue.store_pages import conditions

    assert condition in conditions.asked(languages.to_english(text, language))


def test_the_days_left_to_return_and_more_colours_read_in_english():
    assert "how many days do i have" in languages.to_english("et si je le renvoie, j'ai combien de jours ?", "fr")
    assert languages.to_english("una felpa da donna viola", "it").endswith("for women purple")
    assert "purple" in languages.to_english("Hast du das in Lila?", "de")
    assert "orange" in languages.to_english("tem em laranja?", "pt")


def test_french_it_is_in_stock_after_a_product_answer_is_read_as_it():
    assert languages.to_english("et elle est en stock?", "fr") == "and is it in stock?"
    assert languages.to_english("il est disponible ?", "fr") == "is it in stock ?"
    assert languages.to_english("il est parti ?", "fr") == "il est parti ?"  # no stock: not read so


@pytest.mark.parametrize("text, language", [
    ("no, mejor no lo canceles. cuanto tarda el envio estandar?", "es"),
    ("oubliez ça, ne l'annulez pas. combien de temps prend la livraison standard ?", "fr"),
    ("doch nicht stornieren. wie lange dauert der standardversand?", "de"),
    ("deixa pra lá, não cancele. quanto tempo demora o envio padrão?", "pt"),
    ("lascia stare, non annullarlo. quanto tempo ci vuole per la spedizione standard?", "it")])
def test_a_cancel_called_off_in_each_language_reads_as_the_english_call_off(text, language):
    from bot.dialogue.orders import called_off

    reading = languages.to_english(text, language)
    found = called_off.match(reading)
    assert found and "how long" in reading[found.end():], reading


def test_a_cancel_told_or_a_word_of_forgetting_inside_a_message_calls_nothing_off():
    from bot.dialogue.orders import called_off

    for text, language in (("no lo cancelaron, donde esta mi pedido?", "es"),
                           ("j'ai oublié mon code promo, vous avez des codes ?", "fr"),
                           ("non importa il colore, quanto costa?", "it")):
        reading = languages.to_english(text, language)
        assert "dont cancel" not in reading and "never mind" not in reading, reading
        assert called_off.match(reading) is None


@pytest.mark.parametrize("text, language", [
    ("et si j'ajoute 40 dollars ?", "fr"), ("¿y si agrego 40 dólares?", "es"),
    ("e se eu adicionar mais 40 dólares?", "pt"), ("e se aggiungo altri 40 dollari?", "it"),
    ("und wenn ich noch 40 Dollar dazu nehme?", "de")])
def test_more_added_to_a_quote_reads_as_adding(text, language):
    from bot.dialogue.language import amounts

    # "what if i add $40": the total quoted before grows by it, it is not a new total
    read = amounts.read(languages.to_english(text, language))
    assert read and read[0].added and read[0].value == 40


def test_how_many_days_it_takes_in_french_word_order():
    assert languages.to_english("ça prend combien de jours ?", "fr") == "how many days does it take ?"
    assert languages.to_english("combien de temps ça prend ?", "fr") == "how long does it take ?"


def test_pockets_asked_of_the_product_in_view_and_how_long_it_takes_read_in_english():
    for text, language, wanted in (("¿tiene bolsillos?", "es", "does it have pockets"),
                                   ("elle a des poches ?", "fr", "pockets"), ("tem bolsos?", "pt", "pockets"),
                                   ("ha le tasche?", "it", "pockets"),
                                   ("quanti giorni ci vogliono?", "it", "how many days does it take")):
        assert wanted in languages.to_english(text, language), text
    # "gibt es die auch in gelb?" narrows the list just shown, as "and in yellow?" does
    assert languages.to_english("Gibt es die auch in Gelb?", "de").startswith("and in yellow")


@pytest.mark.parametrize("language, joined", [("es", "Liechtenstein y Suiza"), ("fr", "Liechtenstein et Suisse"),
                                              ("de", "Liechtenstein und Schweiz"), ("pt", "Liechtenstein e Suíça"),
                                              ("it", "Liechtenstein e Svizzera")])
def test_the_regions_a_store_delivers_to_are_listed_with_the_languages_and(language, joined):
    """"liefert ihr nach deutschland?" of a store delivering to two countries: the list's "and"
    was left English."""
    english = "We don't ship to Germany: our shipping rates cover deliveries to Liechtenstein and Switzerland."
    local = languages.localize(english, language)
    assert joined in local and " and " not in local, local


def test_a_product_named_in_the_message_is_read_as_the_store_wrote_it():
    """"Queso" is cheese to a Spanish shopper, but "Queso Manchego La Pastora" is a product's
    name: the reading keeps it whole (in any case), and the words around it are read."""
    names = ("Queso Manchego La Pastora", "Adios nonino")
    assert languages.to_english("cuanto cuesta el queso manchego la pastora?", "es", names) == \
        "how much is el queso manchego la pastora?"
    assert languages.to_english("tienen queso?", "es", names) == "do you have cheese?"
    assert "goodbye" not in languages.to_english("cuanto cuesta adios nonino?", "es", names)

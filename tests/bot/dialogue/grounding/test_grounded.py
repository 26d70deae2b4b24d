"""When a generated "I don't know" gives way to the fact sentence that answers."""

from bot.dialogue.grounding import relevance
from bot.dialogue.grounding.grounded import _answers, given_up


def row(score, sentence="s"):
    return (score, "faq:help#1", 0, sentence)


def test_a_very_close_sentence_answers():
    assert _answers([row(0.62), row(0.58)])


def test_a_close_sentence_far_ahead_of_the_rest_answers():
    # "We do not install lighting" for "do you install the lights?"
    assert _answers([row(0.56), row(0.23), row(0.17)])
    assert _answers([row(0.52)])


def test_close_but_not_alone_or_too_far_does_not():
    assert not _answers([row(0.56), row(0.45)])
    assert not _answers([row(0.45), row(0.05)])


def test_a_no_to_the_question_or_a_close_sentence_on_its_words_answers_too():
    from bot.dialogue.grounding.grounded import _gives_way

    attempts = "what happens if nobody's home when they try to deliver my overnight order"
    charges = ("Charges may be added to orders with Priority, Overnight and International shipping if "
               "we try unsuccessfully to deliver your order more than once.")
    assert _gives_way([row(0.54, charges), row(0.49)], attempts)
    assert not _gives_way([row(0.45, charges), row(0.40)], attempts)  # not close enough
    gifts = "For gifts valued at more than $2,000.00, the recipient will receive a check, not a Gift Card."
    assert not _gives_way([row(0.51, gifts), row(0.50)], "do you sell gift cards in bulk")
    assert _gives_way([row(0.43, "We don't guarantee delivery times."), row(0.45)],
                      "can u guarantee it gets here by friday?")


def test_a_close_sentence_holding_three_of_the_question_s_words_answers():
    from bot.dialogue.grounding.grounded import _gives_way

    question = "my package arrived damaged what do i do"
    parcel = "If a parcel arrives damaged, send us a photo within 48 hours of delivery."
    assert _gives_way([row(0.55, parcel), row(0.48)], question)
    assert not _gives_way([row(0.55, "Plants cannot be returned unless they arrive damaged."),
                           row(0.48)], question)  # two words: not enough
    unclear = "If a parcel arrives damaged, we are sorry about it."
    assert not _gives_way([row(0.45, unclear), row(0.2)], question)  # not close enough


def test_a_sentence_stating_the_kind_asked_with_two_of_its_words_answers():
    from bot.dialogue.grounding.grounded import _answering, _gives_way

    question = "if i return my order how long before i get refunded"
    reimburse = ("If you withdraw from this contract, we shall reimburse all payments received from you "
                 "not later than 14 days from the day on which we are informed.")
    withhold = "We may withhold reimbursement until we have received the goods back."
    assert _gives_way([row(0.45, reimburse), row(0.59, withhold)], question)
    assert not _gives_way([row(0.38, reimburse)], question)  # not close enough
    assert not _gives_way([row(0.45, "Refunds reach your card within 10 days.")],
                          "do you refund gift cards")  # a yes/no question asks for no kind
    # the time a "when" question asks for, holding more of its words, comes first, less close
    send_back = "You shall send back the goods not later than 14 days after telling us."
    ranked = _answering([row(0.59, withhold), row(0.47, send_back), row(0.33, reimburse)],
                        "when do i get my money back after a return")
    assert ranked[0][3] == reimburse and ranked[1][3] == send_back


def test_a_yes_no_question_is_answered_by_the_list_of_its_options():
    from bot.dialogue.grounding.grounded import _answering, _gives_way

    methods = "We accept Visa, Mastercard and American Express cards, PayPal, and bank transfer."
    assert _gives_way(_answering([row(0.35, methods), row(0.28)], "can i pay with apple pay?"),
                      "can i pay with apple pay?")
    # a list on another topic, or a question for a thing, is no such answer
    sizes = "The shirt comes in S, M, L and XL."
    assert not _answering([row(0.35, sizes)], "can i pay with apple pay?")
    assert not _answering([row(0.35, methods)], "what does express delivery cost?")


def test_after_a_refused_yes_the_close_sentence_that_says_no_answers():
    from bot.dialogue.grounding.grounded import _no_to_a_yes

    question = "can i just send it back to the manufacturer instead"
    no = row(0.55, "Please do not send your purchase back to the manufacturer.")
    address = row(0.50, "To return your product, you should mail your product to: 12 Canal Street.")
    assert _no_to_a_yes([no, address], question) == no
    assert _no_to_a_yes([address, no], question) == no  # one of the two closest
    group = row(0.45, "We cannot group two distinct orders placed separately, and shipping fees will apply.")
    # further down, it holds two of the question's words
    assert _no_to_a_yes([address, row(0.5), group], "can you combine my orders to save on shipping") == group
    assert _no_to_a_yes([address, row(0.5), group], "can you combine my orders") is None
    # a negated sentence on another subject, or too far, is no answer
    assert _no_to_a_yes([row(0.5, "We don't guarantee that we will receive your returned item.")],
                        "can i pay with paypal") is None
    assert _no_to_a_yes([row(0.3, no[3])], question) is None
    # a negation in a condition on something else says no to nothing asked
    gift = row(0.5, "If the item wasn't marked as a gift when purchased, we will send a refund to the gift giver.")
    assert _no_to_a_yes([gift], "is the return postage refunded") is None
    # a question for a thing is not answered by a no
    assert _no_to_a_yes([no], "where do i send it back to") is None


def test_a_sentence_holding_a_rare_word_of_the_question_may_answer():
    from bot.dialogue.grounding.grounded import _answering, _gives_way
    question = "are things packed well, its fragile"
    fragile = "Your package will be dispatched at your own risk, but special care is taken to protect fragile objects."
    assert not _answering([row(0.35, fragile)], question)  # one shared word of three: no answer
    assert _answering([row(0.35, fragile)], question, rare={"fragile"})
    assert _gives_way([row(0.35, fragile)], question, rare={"fragile"})
    assert not _gives_way([row(0.25, fragile)], question, rare={"fragile"})  # too far


def test_a_quoted_sentence_comes_after_the_answering_one_before_it():
    from bot.dialogue.grounding.grounded import _with_answering_lead

    guarantee = (0.37, "faq:service#1", 0, "Every product comes with the two-year legal guarantee: we repair "
                 "or replace a faulty item.")
    photo = (0.36, "faq:service#1", 1, "Send us a photo or a short description of the fault by e-mail.")
    other = (0.30, "policy:delivery#1", 0, "If a parcel arrives damaged, send us a photo.")
    rows = [photo, guarantee, other]
    assert _with_answering_lead(photo, [photo, guarantee], rows) == f"{guarantee[3]} {photo[3]}"
    assert _with_answering_lead(photo, [photo], rows) == photo[3]  # the one before does not answer
    assert _with_answering_lead(guarantee, [photo, guarantee], rows) == guarantee[3]  # nothing before


def test_a_generated_dont_know_is_sent_without_a_yes_or_no_before_it():
    # "No, I don't know." to "will it come tomorrow" would say no, then that it can't say
    assert given_up("No, I don't know. I can connect you with a human agent.") == \
        "I don't know. I can connect you with a human agent."
    assert given_up("Yes. I don’t know the exact day.") == "I don’t know the exact day."
    # a "no" that answers, followed by more it can't say, stands
    assert given_up("No, we do not ship abroad. I don't know the rest.") == \
        "No, we do not ship abroad. I don't know the rest."


def test_a_product_sentence_close_by_its_name_alone_is_not_quoted():
    """"The Seaman Lager is in stock." says nothing of gluten; it still answers the price."""
    from bot.dialogue.grounding.grounded import _of_the_ask
    from kb import Product

    lager = Product("L-1", "Seaman Lager", "", 5.0)
    stock = (0.9, "product:L-1#stock", 0, "The Seaman Lager is in stock.")
    page = (0.5, "faq:help#1", 0, "Our beers are brewed with barley.")
    assert _of_the_ask([stock, page], "is the seaman lager gluten free", [lager]) == [page]
    assert _of_the_ask([stock], "is the seaman lager in stock?", [lager]) == [stock]
    assert _of_the_ask([stock], "how much is the seaman lager", [lager]) == [stock]


def test_a_product_sentence_with_the_short_word_asked_in_capitals_may_be_quoted():
    """"VR ready" answers "does the gaming pc support vr", though "vr" is too short to be one of
    the question's words; a sentence holding neither stays out."""
    from bot.dialogue.grounding.grounded import _of_the_ask
    from kb import Product

    pc = Product("PC-1", "Gaming PC (i7-8700, 240GB SSD)", "This pc is optimised for gaming, and is also VR ready.", 1087.2)
    vr = (0.6, "product:PC-1#1", 0, "This pc is optimised for gaming, and is also VR ready.")
    price = (0.7, "product:PC-1#price", 0, "The Gaming PC costs €1087.20.")
    assert _of_the_ask([price, vr], "does the gaming pc support vr", [pc]) == [vr]
    assert _of_the_ask([price, vr], "does the gaming pc support wifi", [pc]) == []


def test_a_sentence_whose_one_shared_word_heads_another_thing_is_not_quoted():
    """"Gift cards" shares "gift" with "do you gift wrap" and speaks of something else."""
    from bot.dialogue.grounding.grounded import _answering

    cards = row(0.62, "Additional non-returnable items: Gift cards.")
    wrapping = row(0.62, "Gift wrapping is free in the shop.")
    assert not _answering([cards], "do you gift wrap")
    assert _answering([wrapping], "do you gift wrap")
    # "is shipping free": a thing and what is asked of it, not a thing of two words
    assert relevance.names_another_thing("Shipping costs £3.95 on orders under £50.", "is shipping free") is False
    assert relevance.names_another_thing("Sale items cannot be refunded.", "can i return sale items") is False


def test_a_no_to_what_a_limit_leaves_out_is_followed_by_the_limit():
    from bot.dialogue.grounding import guard
    from bot.dialogue.grounding.grounded import _with_limit
    from models import Fact

    weekdays = Fact("policy:shipping#1", "Deliveries occur only on weekdays.")
    sent = guard.strip_citations(_with_limit("No, we do not ship on weekends [policy:shipping#1].", [weekdays]))
    assert sent == "No, we do not ship on weekends. Deliveries occur only on weekdays."
    said = "No, we don't ship on sundays, deliveries occur only on weekdays [policy:shipping#1]."
    assert _with_limit(said, [weekdays]) == said
    other = "Returns are accepted within 30 days [policy:returns#1]."
    assert _with_limit(other, [weekdays]) == other


def test_a_list_sharing_only_a_word_for_the_stores_goods_lists_no_options_asked():
    from bot.dialogue.grounding.grounded import _answering, _gives_way

    services = ("Do you service bikes: yes; our Bothell shop offers tune-ups, repairs and wheel building "
                "for any brand of bike.")
    asked = "if i find the same bike cheaper somewhere else will u match the price"
    goods = frozenset({"bike"})
    assert not _answering([row(0.48, services)], asked, goods=goods)
    assert not _gives_way([row(0.48, services)], asked, goods=goods)
    # the options of the verb asked still answer, whatever the store sells
    methods = "We accept Visa, Mastercard and American Express cards, PayPal, and bank transfer."
    assert _answering([row(0.35, methods)], "can i pay for the bike with apple pay?", goods=goods)


def test_a_no_in_a_clause_after_a_condition_negates_that_clause_alone():
    from bot.dialogue.grounding.grounded import _negates_what_is_asked, _no_to_a_yes

    window = "If 30 days have passed since your purchase, we can't offer you a full refund or exchange."
    asked = "can i still cancel my order if it already left your warehouse"
    assert not _negates_what_is_asked(window, asked)
    assert _no_to_a_yes([row(0.47, window)], asked) is None
    # the negated thing itself asked still says no
    assert _negates_what_is_asked(window, "can i get a full refund after 40 days")

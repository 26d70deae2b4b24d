"""A sentence answers only if it speaks of what the question asks about (bot/dialogue/grounding/focus.py).
Sentences and questions are written in several stores' words, not the demo's alone."""

from bot.dialogue.grounding.focus import of, speaks_of
from bot.dialogue.grounding.grounded import _answering


def test_the_noun_phrase_after_what_or_which_is_the_focus():
    assert of("what payment methods do you take?").words == ("payment", "methods")
    assert of("Which carriers do you use for parcels?").words == ("carriers",)
    assert of("what kind of warranty do the desks have").words == ("warranty",)
    assert of("what is your return policy").words == ()  # a question of another shape: no focus


def test_a_sentence_sharing_one_word_in_another_sense_does_not_speak_of_it():
    question = "what payment methods do you take?"
    assert not speaks_of("Note whether you wish to receive a credit or refund (depending on the original "
                         "form of payment).", question)
    assert speaks_of("We accept the following payment methods: cards and bank transfer.", question)
    # a list of the things asked for answers though it does not name their kind
    assert speaks_of("We accept Visa, Mastercard and American Express cards, PayPal, and bank transfer.",
                     question)
    assert not speaks_of("We ship to Alaska, Hawaii, Puerto Rico, and Guam.", "which loyalty rewards do you give?")


def test_the_object_of_what_a_store_offers_is_the_focus():
    for question in ("do you offer gift wrapping?", "do u guys have gift wrapping", "is there gift wrapping"):
        assert of(question).words == ("gift", "wrapping"), question
        assert not speaks_of("When returning a gift, a gift card is issued to the recipient.", question)
        assert speaks_of("Gift wrapping is available at checkout for $3.", question)
    assert not speaks_of("Orders over $50 ship free.", "is there a student discount?")
    # the store named by the shopper, whatever its name
    for question in ("does Kestrel Home offer assembly?", "can your shop offer assembly"):
        assert of(question).words == ("assembly",), question
    assert of("do I have to pay for return shipping").words == ()  # "I" names no store
    assert speaks_of("Students get a 10% discount with a valid student ID.", "do you have a student discount?")


def test_a_generic_object_is_known_by_what_is_said_of_it():
    question = "Can I return an item I bought on sale?"
    assert of(question).words == ("sale",)
    assert not speaks_of("Used merchandise cannot be returned unless defective.", question)
    assert speaks_of("Items bought in the sale can be returned within 14 days.", question)
    # a named object: no focus of this kind (the policy speaks of "merchandise", not of leggings)
    assert speaks_of("Used merchandise cannot be returned unless defective.",
                     "can i return leggings i have already worn")


def test_a_thing_missing_must_be_said_missing():
    question = "what happens if i return something without the receipt?"
    assert not speaks_of("Merchandise must be returned within 30 days of receipt of merchandise.", question)
    assert speaks_of("Returns without a receipt are refunded as store credit.", question)
    assert not speaks_of("Keep your receipt.", "i lost my receipt, can i still exchange it?")
    assert speaks_of("No receipt? We can look up your order by email.", "i lost my receipt, can i still exchange it?")


def test_the_fallback_drops_a_close_sentence_of_something_else():
    slip = (0.62, "policy:returns#4", 2, "Note whether you wish to receive a credit/refund (depending on the "
                                         "original form of payment).")
    assert _answering([slip], "what payment methods do you take?") == []
    window = (0.61, "policy:returns#1", 5, "Merchandise must be returned within 30 days of receipt of merchandise.")
    assert _answering([window], "what happens if i return something without the receipt?") == []
    # a question with no focus keeps the sentence that answers it
    assert _answering([window], "how many days do i have to return something?") == [window]


def test_a_product_record_is_not_held_to_the_focus():
    # "Material: cotton" names no "fabric": a product's own record answers its product's question
    material = (0.85, "product:MH01", 3, "Material: 100% cotton.")
    question = "what fabric is the hoodie made of?"
    assert _answering([material], question, focused=False) == [material]
    assert _answering([material], question) == []  # a page's sentence would be held to it


def test_the_goods_asked_about_are_the_focus_of_whether_they_may_be_returned():
    assert of("are perfumes refundable?").words == ("perfumes",)
    assert of("can sale items be refunded").words == ("sale",)
    assert of("is a gift card returnable").words == ("gift", "card")
    assert of("is it refundable?").words == ()
    refund = "If you receive a refund, the cost of return shipping will be deducted from your refund."
    assert not speaks_of(refund, "are perfumes refundable")
    assert speaks_of("Additional non-returnable items: Gift cards.", "is a gift card returnable")


def test_a_generic_head_noun_leaves_the_topic_word_as_the_focus():
    assert of("which delivery company do you use").words == ("delivery",)
    assert speaks_of("Deliveries are made by Royal Mail.", "which delivery company do you use")


def test_the_thing_paid_for_is_the_focus():
    assert of("will i have to pay customs if it ships to england").words == ("customs",)
    assert of("will i be charged for the exchange").words == ("exchange",)
    assert of("do i pay anything extra for express").words == ()  # an amount, no thing named
    # the shop's own topics are said in the pages' words: no focus, as before
    assert of("who pays the postage if i send something back").words == ()
    assert of("who pays return postage").words == ()
    assert speaks_of("You will have to bear the direct cost of returning the goods.", "who pays return postage")
    who_pays_return = "You will be responsible for paying for your own shipping costs for returning your item."
    # who pays for one thing is no answer on another: customs duties are not return postage
    assert not speaks_of(who_pays_return, "will i have to pay customs if i order to ireland")
    assert speaks_of("Customs duties and import taxes are paid by the customer on delivery.",
                     "will i have to pay customs duties if i order from abroad")


def test_a_thing_made_free_of_is_said_missing():
    question = "can we get an invoice without vat, we are a company in germany"
    assert speaks_of("Businesses in other EU countries with a valid VAT number can ask for a VAT-free invoice.",
                     question)
    assert speaks_of("Orders to Jersey are exempt from VAT.", "do i pay without vat in jersey")
    assert not speaks_of("All prices include Irish VAT at 23%.", question)

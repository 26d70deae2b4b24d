"""The kind of sentence a question asks for: a time, a cost or who pays, a place, a way."""

import pytest

from bot.dialogue.grounding import answer_kinds
from bot.dialogue.grounding.answer_kinds import CARRIER, COST, MEANS, PLACE, TIME


@pytest.mark.parametrize("question, kind", [
    ("when do i get my money back after a return", TIME),
    ("if i return my order how long before i get refunded", TIME),
    ("sent my stuff back 2 weeks ago, when will i see the refund?", TIME),
    ("how soon do you dispatch?", TIME),
    ("who pays for return shipping?", COST),
    ("do i have to pay the postage to send stuff back?", COST),
    ("is the return postage refunded?", COST),
    ("are returns free?", COST),
    ("where do I post my return to?", PLACE),
    ("whats your mailing address", PLACE),
    ("how do i tell you that i want to return something", MEANS),
    ("how will the refund be paid to me", MEANS),
    ("what do i write on the packing slip?", MEANS),
    ("which courier will bring my order", CARRIER),
    ("what shipping company do u use", CARRIER),
    ("who delivers the parcels", CARRIER),
    ("when does the courier come?", TIME),
    ("what shipping options do you have", None),
    ("can i return a used item?", None),
    ("do you price match?", None),
    ("what payment methods do you accept?", None),
])
def test_the_kind_a_question_asks_for(question, kind):
    assert answer_kinds.asked(question) == kind


@pytest.mark.parametrize("sentence, kind", [
    ("We refund you without undue delay.", TIME),
    ("Refunds reach your card within 10 days.", TIME),
    ("Please allow 10 to 14 days to process your return.", TIME),
    ("Orders are handed to the carrier within one working day.", TIME),
    ("You will be responsible for paying for your own shipping costs.", COST),
    ("You will have to bear the direct cost of returning the goods.", COST),
    ("Shipping costs are non-refundable.", COST),
    ("Return shipping is free.", COST),
    ("Mail your product to: Acme Ltd, Unit 4, Harbour Business Park, Cork.", PLACE),
    ("Kestrel GmbH, Musterstraße 12, 10115 Berlin, Germany", PLACE),
    ("Write to Customer Care at 112 West 34th Street, New York.", PLACE),
    ("Tell us by e-mail or with the form.", MEANS),
    ("You must inform us of your decision by an unequivocal statement.", MEANS),
    ("Parcels travel with Deutsche Post DHL.", CARRIER),
    ("We send every order by Royal Mail.", CARRIER),
    ("Orders go out with a tracked courier.", CARRIER),
])
def test_how_any_store_states_each_kind(sentence, kind):
    assert answer_kinds.states(sentence, kind)


@pytest.mark.parametrize("sentence, kind", [
    ("We may withhold the refund until the goods are back.", TIME),
    ("Returned items must be unused.", COST),
    ("Once your return is received and inspected, we email you.", PLACE),
    ("Our refund policy lasts 30 days.", PLACE),
    ("We only ship within Canada.", CARRIER),
    ("Please post your return to our warehouse.", CARRIER),
])
def test_a_sentence_of_another_kind_does_not_count(sentence, kind):
    assert not answer_kinds.states(sentence, kind)


def test_a_question_of_no_kind_is_answered_by_no_kind():
    assert not answer_kinds.states_asked("Refunds reach your card within 10 days.", "do you refund?")
    assert answer_kinds.states_asked("Refunds reach your card within 10 days.", "when is my refund paid?")


def test_a_list_of_three_or_more_options():
    assert answer_kinds.is_list("We accept Visa, Mastercard and American Express cards, PayPal, and bank transfer.")
    assert answer_kinds.is_list("You can pay by credit card, PayPal, SEPA direct debit or bank transfer.")
    assert not answer_kinds.is_list("We accept cards and PayPal.")
    assert answer_kinds.is_list("Using Visa/Mastercard/Paypal")  # a heading's list
    assert not answer_kinds.is_list("Delivered on 12/05/2026 or and/or later.")
    assert not answer_kinds.is_list("Returns are free within 30 days.")
    assert not answer_kinds.is_list("As a registered customer, you only have to enter your shipping "
                                    "addresses and billing information once; they are stored.")


def test_what_address_asks_for_a_place_not_an_email():
    for question in ("whats the address to send my return to", "whats the adress for returns",
                     "what is your returns address"):
        assert answer_kinds.asked(question) == answer_kinds.PLACE
    assert answer_kinds.asked("whats your email address") is None


def test_a_time_belongs_to_the_refund_or_to_the_return_before_it():
    """"how long do refunds take" is answered by the refund's time, not the return's deadline."""
    assert answer_kinds.times_the_refund("Refunds reach your card within 7 working days of the return arriving.")
    assert answer_kinds.times_the_refund("We credit your account within 3 days.")
    assert not answer_kinds.times_the_refund("You may return an item within 28 days for a full refund.")
    assert not answer_kinds.times_the_refund("Our refund and returns policy lasts 60 days.")
    assert not answer_kinds.times_the_refund("Refunds go to the card you paid with.")

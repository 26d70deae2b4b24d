"""Ways to pay and payment safety, answered from the store's own pages."""

from __future__ import annotations

from models import Fact

from bot.dialogue.store_pages import payments

# PrestaShop's default "Secure payment" page (as imported: headings kept with their text)
PRESTASHOP = [Fact("policy:secure-payment#1",
                   "Our secure payment: With SSL. Using Visa/Mastercard/Paypal: About this services.")]
# a page that lists the ways to pay in a sentence, one of them with a condition
LISTED = [Fact("policy:payment#1", "We accept Visa, Mastercard and American Express cards, PayPal, and bank "
                                   "transfer. Business customers with an approved account can pay by invoice "
                                   "within 30 days.")]
RETURNS = [Fact("policy:returns#1", "Additional non-returnable items: Gift cards. A credit will be applied to "
                                    "your credit card or original method of payment.")]


def test_the_ways_to_pay_are_the_brands_the_pages_name():
    names, sentences = payments.methods_named(PRESTASHOP + RETURNS)
    assert names == ["Visa", "Mastercard", "Paypal"]  # as the page writes them
    assert [f.id for f in sentences] == ["policy:secure-payment#1"]  # not "gift cards", not "credit card"


def test_what_cards_do_you_take_lists_them():
    assert payments.asks("what cards do you take")
    found = payments.answer(PRESTASHOP + RETURNS, "what cards do you take")
    assert found.text == "We accept Visa, Mastercard and Paypal."
    assert not found.admits


def test_a_way_to_pay_the_pages_name_is_a_yes_and_one_they_do_not_is_admitted():
    assert payments.answer(PRESTASHOP, "can i checkout with paypal or only card").text == "Yes, we accept Paypal."
    found = payments.answer(PRESTASHOP, "can i pay with apple pay")
    assert found.admits and "Apple Pay" in found.text and "yes" not in found.text.lower()
    assert "Visa, Mastercard and Paypal" in found.text
    assert payments.answer(LISTED, "do u take amex").text == "Yes, we accept American Express."
    sepa = [Fact("policy:payment#1", "You can pay by credit card (Visa), PayPal or SEPA direct debit.")]
    assert payments.answer(sepa, "can i pay with sepa direct debit").text == "Yes, we accept SEPA direct debit."


def test_a_condition_on_a_way_to_pay_is_kept():
    listed = payments.answer(LISTED, "what payment methods do u take").text
    assert listed.startswith("We accept Visa, Mastercard, American Express, PayPal and bank transfer.")
    assert "Business customers with an approved account can pay by invoice" in listed


def test_payment_safety_quotes_what_the_pages_say_of_it():
    for question in ("r my card details secure when i checkout", "is my card info safe with you",
                     "is it safe to pay on your site"):
        assert payments.asks(question), question
        assert "With SSL" in payments.answer(PRESTASHOP, question).text
    assert payments.answer(LISTED, "is my card info safe with you") is None  # the pages say nothing of it


def test_questions_on_something_else_are_left_alone():
    for question in ("when is my order sent out if i pay by bank transfer", "do you sell gift cards",
                     "how much is the Card Payment Terminal", "how does the refund get paid back to me"):
        assert not payments.asks(question), question
    assert payments.answer(RETURNS, "what payment methods do you accept") is None  # no way to pay named


# a page that refuses some ways to pay in the sentences that name them
REFUSING = [Fact("faq:help#1", "We accept Visa, Mastercard and PayPal, but not American Express. "
                               "We do not offer Afterpay, cash on delivery or payment by cheque. "
                               "Bank transfer is not accepted. There is no fee for paying with Apple Pay.")]


def test_a_way_to_pay_a_page_refuses_is_no_way_to_pay():
    names, _ = payments.methods_named(REFUSING)
    assert names == ["Visa", "Mastercard", "PayPal", "Apple Pay"]  # "no fee for ... Apple Pay" refuses nothing
    refused, sentences = payments.methods_refused(REFUSING)
    assert refused == ["American Express", "Afterpay", "cheque", "cash on delivery", "Bank transfer"]
    assert payments.answer(REFUSING, "what payment methods do you accept").text == (
        "We accept Visa, Mastercard, PayPal and Apple Pay.")


def test_asked_for_a_way_to_pay_a_page_refuses_the_answer_is_its_no():
    found = payments.answer(REFUSING, "can i pay with afterpay")
    assert found.text == "No. Our pages say: We do not offer Afterpay, cash on delivery or payment by cheque."
    assert [f.id for f in found.sources] == ["faq:help#1"] and not found.admits
    assert payments.answer(REFUSING, "do u take amex").text.startswith("No. Our pages say: We accept Visa")
    assert payments.answer(REFUSING, "do you accept paypal").text == "Yes, we accept PayPal."


def test_a_refusal_that_says_cash_names_its_ways_to_pay_without_a_word_of_paying():
    # an FAQ's answer under "How do I pay?" (the heading is not in the sentence): "cash" is a
    # word of paying, so the cheques and cash on delivery it refuses are refused
    faq = [Fact("faq:questions#6", "Visa, Mastercard, Swish and Apple Pay. We don't take cash on "
                                   "delivery or cheques.")]
    refused, _ = payments.methods_refused(faq)
    assert refused == ["cheques", "cash on delivery"]  # in _METHODS order
    found = payments.answer(faq, "can i pay cash on delivery")
    assert found.text == "No. Our pages say: We don't take cash on delivery or cheques." and not found.admits


def test_a_way_to_pay_named_right_after_pay_is_asked_about():
    found = payments.answer(PRESTASHOP, "can i pay cash on delivery")
    assert found.admits and "cash on delivery" in found.text and "yes" not in found.text.lower()
    assert payments.answer(PRESTASHOP, "can i pay paypal").text == "Yes, we accept Paypal."
    assert not payments.asks("can i pay for return shipping")


def test_paying_by_check_is_a_way_to_pay_asked_not_a_check_of_the_bank_account():
    late = [Fact("policy:refund#3", "If you haven't received a refund yet, first check your bank account again. "
                                     "For large gifts the recipient will receive a check rather than a Gift Card.")]
    assert payments.asks("can i pay by check") and payments.asks("do you take checks")
    found = payments.answer(PRESTASHOP + late, "can i pay by check")
    assert found.admits and "don't mention cheque" in found.text  # the pages name no cheques
    assert [f.id for f in found.sources] == ["policy:secure-payment#1"]
    assert payments.methods_named(late)[0] == []  # "check your bank account" names no way to pay
    assert not payments.asks("can i check out as a guest")


def test_paying_over_time_is_the_financing_a_page_names():
    page = [Fact("policy:faq#2", "We accept Visa and PayPal. We offer financing on bikes over $500 through our "
                                 "partner at checkout, subject to approval.")]
    found = payments.answer(page, "can i pay for a bike in installments")
    assert found.text.startswith("Yes, on this condition:") and "financing on bikes over $500" in found.text
    # a page without it: said plainly, never a yes
    assert "yes" not in payments.answer(PRESTASHOP, "can i pay monthly installments").text.lower()


def test_a_way_to_pay_asked_after_the_list_gets_the_pages_refusal():
    pages = [Fact("faq:pay#1", "Visa, Mastercard and bank transfer. We don't take American Express or cheques.")]
    reply = payments.answer(pages, "what cards do u take, is amex ok?")
    assert reply.text.startswith("No.") and "don't take American Express" in reply.text
    assert "Visa" in payments.answer(pages, "what cards do u take").text


def test_a_page_refusing_payment_plans_refuses_paying_in_installments():
    page = [Fact("faq:questions#4", "Visa, Mastercard, American Express, Discover, PayPal and Apple Pay. We don't "
                                    "take checks or purchase orders, and we don't offer payment plans.")]
    found = payments.answer(page, "can i pay it off in installments")
    assert "we don't offer payment plans" in found.text.lower() and not found.text.lower().startswith("yes")


def test_each_way_to_pay_asked_at_once_gets_its_own_answer():
    page = [Fact("faq:help#2", "Visa, Mastercard, American Express, PayPal and gift codes. We can't take cheques, "
                               "cash, Interac e-Transfer or cryptocurrency.")]
    found = payments.answer(page, "do u accept amex or bitcoin")
    assert found.text.startswith("Yes, we accept American Express. No. Our pages say: We can't take cheques")
    assert "cryptocurrency" in found.text and not found.admits
    assert payments.answer(page, "can i pay with visa or paypal").text == "Yes, we accept Visa and PayPal."
    # a way the pages don't name is admitted next to the one they take
    both = payments.answer(page, "do you take paypal or klarna")
    assert both.text.startswith("Yes, we accept PayPal.") and "don't mention Klarna" in both.text and both.admits
    # two the pages don't name: one admission, the list said once
    none = payments.answer(page, "can i pay with apple pay or afterpay?")
    assert none.admits and "yes" not in none.text.lower() and none.text.count("Our pages name") == 1
    assert "don't mention Apple Pay or Afterpay" in none.text


def test_national_ways_to_pay_are_named_and_ideal_only_beside_paying():
    dutch = [Fact("page:help#11", "We accept iDEAL, Bancontact, Visa, Mastercard and PayPal.")]
    assert set(payments.methods_named(dutch)[0]) == {"iDEAL", "Bancontact", "Visa", "Mastercard", "PayPal"}
    assert payments.asks("do you take ideal")
    assert payments.answer(dutch, "do you take ideal").text == "Yes, we accept iDEAL."
    assert payments.answer(dutch, "do u accept bancontact").text == "Yes, we accept Bancontact."
    # "ideal" is an ordinary word where nothing is paid
    assert payments.methods_named([Fact("page:faq#1", "The tote is ideal for the beach.")])[0] == []


# a French shop's terms: paying in instalments said with "paid", a threshold said "or more"
INSTALMENTS = [Fact("policy:terms#6", "We accept Visa, Mastercard and PayPal. Orders of €100 or more can be "
                                      "paid in 3 monthly instalments without fees with Alma.")]


def test_paying_in_three_is_asked_of_the_pages_instalments_with_their_threshold():
    for asked in ("can i pay in 3 times", "can i pay in three"):
        assert payments.asks(asked)
        found = payments.answer(INSTALMENTS, asked)
        assert found.text == ("Yes, on this condition: Orders of €100 or more can be paid in 3 monthly "
                              "instalments without fees with Alma."), asked
    assert payments.answer(INSTALMENTS, "can i pay with paypal").text == "Yes, we accept PayPal."
    assert not payments._asked_methods("can i pay in 3 days")  # a time, not a way to pay

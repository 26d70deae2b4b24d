"""Conditional return policies: the store's own sentences on the condition asked about."""

from __future__ import annotations

from models import Fact

from bot.dialogue.store_pages import conditions


def _passages(kb, *ids):
    return [Fact(i, kb.passage(i).text) for i in ids]


def test_the_conditions_a_question_names():
    assert conditions.asked("can i return leggings i already wore?") == ["worn"]
    assert conditions.asked("my shirt arrived with a hole, can I still return it even tho i washed it?") == \
        ["washed", "defective"]
    assert conditions.asked("if i return a gift do i get cash back?") == ["gift"]
    assert conditions.asked("i washed my hoodie") == []  # no return asked
    assert conditions.asked("how long do i have to return stuff") == []  # no condition
    # trying it on is wearing it; a fit is no defect: what makes any item returnable
    assert conditions.asked("and if one doesnt fit can i return it after trying it on?") == ["worn", "changed_mind"]
    assert conditions.asked("can i return one if it doesn't fit?") == ["changed_mind"]
    # a gift card is goods of its own, not a gift
    assert conditions.asked("is a gift card returnable?") == []
    assert conditions.asked("can i return gift certificates") == []
    # "original method of payment", "applied to your credit card" state how a refund is paid
    refund = [Fact("policy:r#3", "If you are approved, your refund will be processed, and a credit will be applied to your "
                                 "credit card or original method of payment.")]
    assert conditions.sentences(refund, conditions.asked("will the refund go back to my card?"))


def test_worn_and_defective_items_get_the_condition_sentences(demo_kb):
    passages = _passages(demo_kb, "policy:returns-and-replacements#1", "policy:returns-and-replacements#2")
    found = conditions.sentences(passages, ["worn", "defective"])
    assert [f.id for f in found] == ["policy:returns-and-replacements#1"]
    assert "unworn, unwashed, or defective" in found[0].text
    assert "Used merchandise cannot be returned unless defective." in found[0].text
    assert "gift" not in found[0].text.lower()


def test_gift_returns_name_the_gift_card_and_the_check(demo_kb):
    passages = _passages(demo_kb, "policy:returns-and-replacements#1", "policy:returns-and-replacements#2")
    text = conditions.reply_text(conditions.sentences(passages, ["gift"]))
    assert "Gift Card" in text and "check" in text


def test_only_return_pages_state_return_conditions(demo_kb):
    # the privacy policy "uses" information: it is no return condition
    privacy = [Fact(p.id, p.text) for a in demo_kb.articles for p in a.passages if "privacy" in p.id]
    assert conditions.sentences(privacy, ["worn"]) == []


def test_another_store_s_return_page(second_kb):
    passages = [Fact(p.id, p.text) for a in second_kb.articles for p in a.passages if "return" in p.id]
    found = " ".join(f.text for f in conditions.sentences(passages, ["worn", "tags"]))
    assert "unused" in found and "original packaging" in found


def test_a_receipt_is_a_condition_only_where_the_store_asks_for_one(demo_kb, second_kb):
    assert conditions.asked("do i need a receipt to return something") == ["receipt"]
    luma = _passages(demo_kb, "policy:returns-and-replacements#1")  # "...30 days of receipt of merchandise"
    assert conditions.sentences(luma, ["receipt"]) == []
    passages = [Fact(p.id, p.text) for a in second_kb.articles for p in a.passages if "return" in p.id]
    assert "proof of purchase" in " ".join(f.text for f in conditions.sentences(passages, ["receipt"]))


def test_a_return_label_is_no_item_label_and_a_late_return_asks_the_window(demo_kb):
    assert conditions.asked("is there a return label or what, how do i send stuff back") == []
    assert conditions.asked("do i have to keep the tags on to send smth back") == ["tags"]
    late = "zipper was broken when it came but that was like 5 weeks ago, can i still return it"
    assert conditions.asked(late) == ["defective", "window"]
    passages = _passages(demo_kb, "policy:returns-and-replacements#1")
    assert "within 30 days" in conditions.reply_text(conditions.sentences(passages, ["defective", "window"]))


def test_exchanges_refund_payment_and_processing_are_conditions_too(demo_kb):
    assert conditions.asked("this is too small, can i swap it for a large?") == ["exchange"]
    assert conditions.asked("will the refund go back to my card?") == ["refund_method"]
    assert conditions.asked("how soon do i get my money after you get the return") == ["processing"]
    assert conditions.asked("how much long till it is refunded") == ["processing"]  # ABCD's words
    assert conditions.asked("i threw out the packaging, can i still send the jacket back?") == ["tags"]
    pages = _passages(demo_kb, *(f"policy:returns-and-replacements#{n}" for n in (1, 2, 3)))
    exchange = conditions.sentences(pages, ["exchange"])
    assert [f.id for f in exchange] == ["policy:returns-and-replacements#3"]
    assert "exchange the item(s)" in exchange[0].text and "30 days" not in exchange[0].text
    paid = " ".join(f.text for f in conditions.sentences(pages, ["refund_method"]))
    assert "original form of payment" in paid and "Gift Card" not in paid
    slow = " ".join(f.text for f in conditions.sentences(pages, ["processing"]))
    assert "10 to 14 days" in slow and "30 days" not in slow


def test_a_section_heading_states_its_condition_for_each_of_its_sentences():
    # under "Exchanges", "We only replace items if they are defective or damaged." is the rule
    exchanges = Fact("policy:returns#4", "We only replace items if they are defective or damaged. "
                     "Write to us to arrange it.")
    window = Fact("policy:returns#1", "If 30 days have passed since your purchase, we can't offer "
                  "you a full refund or exchange.")
    asked = conditions.asked("can I swap a lamp I bought for a different model?")
    assert asked == ["exchange"]
    plain = conditions.sentences([window, exchanges], asked)
    assert all("only replace" not in f.text for f in plain)
    found = conditions.sentences([window, exchanges], asked, headings={"policy:returns#4": "Exchanges"})
    assert "We only replace items if they are defective or damaged." in found[-1].text


def test_the_return_window_is_not_how_long_a_refund_takes():
    refund = Fact("policy:returns#2", "A credit will be applied to your card within 10 days.")
    lasts = Fact("policy:returns#1", "Our refund and returns policy lasts 30 days. If 30 days have "
                 "passed since your purchase, we can't offer you a full refund.")
    found = conditions.sentences([refund, lasts], conditions.asked(
        "can i still get a refund, i bought it 6 weeks ago"))
    assert [f.id for f in found] == ["policy:returns#1"]
    # a past return and the refund's time: how long the refund takes, not the deadline
    assert conditions.asked("sent it back 2 weeks ago and still no refund, how long does it take") \
        == ["processing", "missing_refund"]
    assert conditions.asked("the lamp doesnt switch on, can i get a replacement?") == ["defective"]


def test_how_long_a_refund_takes_in_any_store_s_words():
    credit = Fact("policy:returns#2", "If you are approved, then your refund will be processed, and a "
                  "credit will automatically be applied to your credit card, within 10 days.")
    window = Fact("policy:returns#1", "Our refund and returns policy lasts 30 days.")
    asked = conditions.asked("how long until i get my money back")
    assert asked == ["processing"]
    found = conditions.sentences([window, credit], asked)
    assert [f.id for f in found] == ["policy:returns#2"]


def test_a_refund_s_time_as_a_range_of_days_and_not_the_window_to_ask_in():
    window = Fact("policy:refunds#1", "If you haven't downloaded it yet, ask for a refund within 14 days "
                  "of purchase and we'll reverse the charge.")
    slow = Fact("policy:refunds#5", "Card refunds show up in 5 to 10 business days depending on your bank.")
    asked = conditions.asked("how long does a refund take to hit my card")
    assert "processing" in asked
    found = conditions.sentences([window, slow], ["processing"])
    assert [f.id for f in found] == ["policy:refunds#5"]


def test_what_to_do_when_a_refund_is_late_is_the_page_s_advice_not_the_deadline():
    lasts = Fact("policy:returns#1", "Our refund and returns policy lasts 30 days. If 30 days have "
                 "passed since your purchase, we can't offer you a full refund.")
    late = Fact("policy:returns#3", "If you haven't received a refund yet, first check your bank account "
                "again. Then contact your credit card company.")
    for text in ("i returned my stuff 2 weeks ago and still no refund what do i do",
                 "my refund still hasnt come, what can i do?", "never received my money back, help?"):
        asked = conditions.asked(text)
        assert asked == ["missing_refund"], text
        found = conditions.sentences([lasts, late], asked)
        assert [f.id for f in found] == ["policy:returns#3"], text
    # under its heading, each sentence of the section states it
    bank = Fact("policy:returns#4", "Next contact your bank: there is often some time before a refund is posted.")
    found = conditions.sentences([bank], ["missing_refund"], headings={"policy:returns#4": "Late or missing refunds"})
    assert [f.id for f in found] == ["policy:returns#4"]
    assert conditions.asked("can i still return it, i bought it 2 weeks ago") == ["window"]


# WooCommerce's default refund and returns page, as imported (bench/data/stores/woo_sample)
_WOO = [Fact("policy:refund-returns#1", "Our refund and returns policy lasts 30 days. To be eligible for a return, "
             "your item must be unused and in the same condition that you received it. Perishable goods such as "
             "food, flowers, newspapers or magazines cannot be returned. Additional non-returnable items:\n"
             "- Gift cards\n- Downloadable software products"),
        Fact("policy:refund-returns#2", "There are certain situations where only partial refunds are granted:\n"
             "- CD, DVD, VHS tape, software, video game, cassette tape, or vinyl record that has been opened.\n"
             "- Any item not in its original condition, is damaged or missing parts for reasons not due to our error."),
        Fact("policy:refund-returns#3", "Late or missing refunds: If you haven't received a refund yet, first "
             "check your bank account again. Sale items: Only regular priced items may be refunded. Sale items "
             "cannot be refunded."),
        Fact("policy:refund-returns#4", "We only replace items if they are defective or damaged.")]


def test_sale_changed_mind_opened_and_missing_parts_are_conditions():
    assert conditions.asked("if i return something i bought on clearance do i get my money back") == ["sale"]
    assert conditions.asked("i changed my mind about the lamp i bought, can i return it?") == ["changed_mind"]
    assert conditions.asked("i opened the vinyl record, can i get all my money back") == ["opened"]
    assert conditions.asked("the desk is missing a screw, can i return it for a full refund") == ["missing_parts"]
    assert "missing_parts" not in conditions.asked("my refund is missing, can you check it")
    assert conditions.asked("what if its broken, can i get a new one") == ["defective"]
    sale = conditions.sentences(_WOO, ["sale"])
    assert "Sale items cannot be refunded." in sale[0].text
    mind = " ".join(f.text for f in conditions.sentences(_WOO, ["changed_mind"]))
    assert "30 days" in mind and "unused" in mind
    opened = " ".join(f.text for f in conditions.sentences(_WOO, ["opened"]))
    assert "vinyl record that has been opened" in opened and "unused" in opened  # opened is used
    assert "missing parts" in conditions.sentences(_WOO, ["missing_parts"])[0].text


def test_each_condition_asked_gets_its_sentence_within_the_limit():
    both = " ".join(f.text for f in conditions.sentences(
        _WOO + [Fact("policy:refund-returns#5", "Exchanges: If you need to exchange it, email us.")],
        conditions.asked("can i swap it for another colour, i just dont like it")))
    assert "30 days" in both and "exchange" in both.lower()


def test_goods_the_pages_name_single_out_their_sentence():
    assert conditions.named("can i return a magazine i ordered", _WOO) == ["magazi"]
    found = conditions.sentences(_WOO, [], words=conditions.named("can i return a magazine i ordered", _WOO))
    assert found[0].text == "Perishable goods such as food, flowers, newspapers or magazines cannot be returned."
    assert conditions.named("can i return a downloaded software licence", _WOO)
    # goods in general, a word every sentence holds, or no return asked: nothing singled out
    assert conditions.named("if i return my order how long before i get refunded", _WOO) == []
    assert conditions.named("what happens if i return something without the receipt?", _WOO) == []
    assert conditions.named("do you sell magazines", _WOO) == []


def test_in_which_cases_a_refund_is_given_asks_what_makes_any_item_returnable(second_kb):
    for asked in ("help me see in which cases i can ask to be refunded",
                  "what are the conditions for a return", "am i eligible for a refund?"):
        assert conditions.asked(asked) == ["eligible"]
    assert conditions.asked("in which cases do you deliver") == []  # no return asked
    passages = [Fact(p.id, p.text) for a in second_kb.articles for p in a.passages if "return" in p.id]
    found = " ".join(f.text for f in conditions.sentences(passages, ["eligible"]))
    assert "30 days" in found and "eligible for a return" in found


def test_a_page_that_says_swap_states_the_rule_on_exchanges():
    """A page may write "swap" where the shopper writes "exchange" (and the reverse)."""
    page = [Fact("policy:returns#4", "Return it to us by post. We don't swap goods directly; return it and "
                                     "order the size you want."),
            Fact("policy:returns#2", "Rugs can be returned unrolled and unused.")]
    exchange = conditions.sentences(page, conditions.asked("can i exchange this rug for a larger size"))
    assert [f.id for f in exchange] == ["policy:returns#4"] and "swap goods" in exchange[0].text


def test_a_washed_item_going_back_asks_the_used_rule():
    from bot.dialogue.store_pages import conditions
    asked = conditions.asked("i washed the scrubs once, can they still go back")
    assert asked == ["washed"]
    pages = [Fact("policy:refund#1", "To be eligible for a return, your item must be unused and in the same condition "
                                     "that you received it. Gift cards cannot be returned.")]
    facts = conditions.sentences(pages, asked)
    assert [f.text for f in facts] == ["To be eligible for a return, your item must be unused and in the same "
                                       "condition that you received it."]


def test_a_gift_voucher_sentence_is_no_rule_on_returning_a_gift():
    page = [Fact("policy:returns#3", "We cannot refund books that have been written in. Gift vouchers cannot be "
                                     "returned or exchanged for cash.")]
    asked = conditions.asked("bought a book as a present for my dad, can he send it back")
    assert asked == ["gift"] and conditions.sentences(page, asked) == []
    gifts = [Fact("policy:returns#4", "Items bought as a gift are refunded as a gift card.")]
    assert conditions.sentences(gifts, asked)


def test_goods_the_buyer_wrote_in_are_a_condition_of_their_own():
    assert conditions.asked("can I return it what if its been written in") == ["marked"]
    assert conditions.asked("i highlighted a few pages, can i still send it back?") == ["marked"]
    rule = [Fact("policy:returns#3", "We cannot refund books that have been written in, highlighted or damaged "
                                     "after delivery."),
            Fact("policy:returns#1", "You can return any book within 30 days of delivery.")]
    assert [f.id for f in conditions.sentences(rule, ["marked"])] == ["policy:returns#3"]


def test_the_time_it_has_been_is_the_window_asked():
    # told as the time it has been, in numbers or words, and "bring it back" is a return
    for text in ("can i still return it?? its been like 5 weeks", "i have had it for five weeks, can i return it",
                 "got an angle grinder 5 weeks ago, never used it, can i bring it back"):
        assert "window" in conditions.asked(text), text
    # the policy asked for by name is a question
    assert conditions.asked("i need to check ur return policy, bought a sander 2 months ago") == ["window"]
    # bought by mistake, or for one who already has it: what makes any item returnable
    assert conditions.asked("can i get a refund on a song i bought by mistake") == ["changed_mind"]
    assert "changed_mind" in conditions.asked("my dad already has it, can he send it back")
    # a late refund is not the window
    assert "window" not in conditions.asked("sent it back 2 weeks ago, still no refund?")


def test_a_window_written_as_back_within_is_the_window_stated():
    page = [Fact("policy:returns#1", "Bring it back within 90 days with the receipt and we'll refund it. "
                                     "Power tools are the exception: they come back within 30 days, with the battery. "
                                     "Refunds go out within 3 business days of the parcel reaching us.")]
    found = conditions.sentences(page, ["window"])
    assert "within 90 days" in found[0].text and "within 30 days" in found[0].text
    assert "3 business days" not in found[0].text  # how long a refund takes


def test_a_sentence_stating_the_condition_comes_before_its_section_heading_s():
    # under "Returns and exchanges" every sentence states exchanges by its heading; the one
    # that says so itself is the store's rule on exchanges, not the window the section opens with
    section = [Fact("page:help#9", "You have 30 days from delivery to send something back. - Clothing can be "
                                   "returned unworn, unwashed and with their tags. - Mug sets can be returned "
                                   "only unopened. Exchanges are free once per order: we post the new size at "
                                   "our cost.")]
    asked = conditions.asked("the hoodie is too small can i swap it for a L")
    assert asked == ["exchange"]
    facts = conditions.sentences(section, asked, limit=1, headings={"page:help#9": "Returns and exchanges"})
    assert [f.text for f in facts] == ["Exchanges are free once per order: we post the new size at our cost."]


_DIY = [Fact("policy:returns#1", "Bring it back within 90 days with the receipt and we'll refund it. It has to be "
             "unused. Power tools are the exception: they come back within 30 days, with the battery and charger."),
        Fact("policy:returns#2", "- Paint we tinted for you (we mixed it to your color, so it's yours).\n"
             "- Seeds once the packet is open."),
        Fact("policy:returns#4", "If something arrives cracked, send a photo within 14 days of delivery and we'll "
             "replace it or refund it.")]


def test_a_story_s_goods_and_their_category_single_out_the_goods_rule():
    text = "i need to check ur return policy, bought a sander 2 months ago and barely used it"
    words = conditions.named(text, _DIY, ["Power Tools/Sanders"])
    assert "power" in words
    found = " ".join(f.text for f in conditions.sentences(_DIY, conditions.asked(text), words=words))
    assert "Power tools are the exception" in found


def test_a_returns_page_s_list_counts_with_its_heading_before_each_line():
    text = "got paint tinted last week n the color looks off, is it too late to bring it back"
    assert conditions.asked(text) == ["window"]  # "bring it back" is a return
    words = conditions.named(text, _DIY)
    assert "paint" in words  # the list's section names no return, its page does
    found = conditions.sentences(_DIY, [], headings={"policy:returns#2": "What we can't take back"}, words=words)
    assert found[0].text == "What we can't take back: Paint we tinted for you (we mixed it to your color, so it's yours)."


def test_the_window_said_as_back_within_days_and_downloads_as_conditions():
    found = conditions.sentences(_DIY, conditions.asked("bought a hammer 3 weeks ago, am i still able to return it"))
    assert "within 90 days" in found[0].text
    assert conditions.asked("havent downloaded it yet, can i still get a refund") == ["downloaded"]
    downloads = [Fact("policy:refunds#2", "If a file won't download, tell us within 30 days. We refund it, even if "
                      "you already downloaded it."),
                 Fact("policy:refunds#1", "Once a file has been downloaded or played, it can't be refunded.")]
    found = " ".join(f.text for f in conditions.sentences(downloads, ["downloaded"]))
    assert "can't be refunded" in found and "won't download" not in found  # a state of the goods, not a fault


def test_gear_used_outdoors_is_used():
    assert "worn" in conditions.asked("pitched my tent in the backyard for one night, can i still return it")


def test_goods_got_without_a_return_asked_are_no_story():
    assert conditions.named("got any tees", _DIY, ["Paint & Finishes/Interior Paint"]) == []

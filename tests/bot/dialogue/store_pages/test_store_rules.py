"""The store questions answered by rule (bot/dialogue/store_pages/store_rules)."""

from __future__ import annotations


def test_a_do_you_sell_question_the_pages_ask_is_theirs_to_answer():
    from datetime import date
    from types import SimpleNamespace
    from models import Fact
    from bot.dialogue.store_pages.store_rules import StoreRules
    faq = [Fact("faq:help#1", "Yes. Our shop repairs any brand of bike.\nDo you sell electric bikes?\nNo. We sell "
                              "bikes without motors.\nDo you sell used bikes or do trade-ins?\nNo. All our bikes are new.")]
    search = SimpleNamespace(articles=lambda: faq, heading=lambda pid: "Do you service bikes?")
    rules = StoreRules(None, search, date.today, None)
    # the very question of a merged short section, in a shopper's words
    assert rules._asked_by_the_pages("do you have electric bikes")
    assert rules._asked_by_the_pages("do u sell used bikes")
    # a kind alone, another kind, or no "do you sell" question: the catalog search answers
    for other in ("do you have bikes", "do you have mountain bikes", "electric bikes?", "do you service bikes"):
        assert not rules._asked_by_the_pages(other)


def _rules(store: str):
    from datetime import date
    from pathlib import Path
    from types import SimpleNamespace
    from kb import KnowledgeBase
    from models import Fact
    from bot.dialogue.store_pages.store_rules import StoreRules
    kb = KnowledgeBase.from_folder(Path(__file__).resolve().parents[4] / "bench" / "data" / "stores" / store)
    pages = [Fact(p.id, p.text) for a in kb.articles for p in a.passages]
    search = SimpleNamespace(articles=lambda: pages, passages=lambda text, limit=5: pages[:limit],
                             heading=lambda pid: "")
    return StoreRules(kb, search, date.today, None)


def test_a_phone_that_is_the_goods_is_no_question_on_reaching_the_store():
    from bot.dialogue.state import DialogueState
    rules = _rules("opencart_sample")
    state = DialogueState()
    goods = rules.decide(state, "do u charge a restocking fee if i send back a sealed phone")
    assert goods is None or goods.action != "contact"
    for asked in ("whats your phone number", "whats the best number to ring you on", "is there a phone number"):
        assert rules.decide(state, asked).action == "contact", asked


def test_how_soon_the_team_answers_comes_from_the_contact_page():
    rules = _rules("saleor_sample")  # "Email ... and we reply within one business day."
    reply = rules.act("whats quicker to reach you on, phone or email? how long do emails take", "contact")
    assert "within one business day" in reply.text and "+1 416 555 0142" in reply.text
    assert "within one business day" not in rules.act("whats your phone number", "contact").text


def test_a_question_the_faq_asks_is_answered_with_the_faqs_own_answer():
    from datetime import date
    from types import SimpleNamespace
    from models import Fact
    from bot.dialogue.state import DialogueState
    from kb.types import Passage
    from bot.dialogue.store_pages import faq_questions
    from bot.dialogue.store_pages.store_rules import StoreRules
    faq = [Fact("faq:help#1", "No. We only sell tools. For a one-off job a rental yard is your best bet.")]
    passage = Passage("faq:help#1", "faq:help", "faq", "Help", ("Good to know", "Do you rent tools?"), faq[0].text)
    kb = SimpleNamespace(passage=lambda pid: passage, contact=None, shipping=None, return_policy=None,
                         promotions=None)
    search = SimpleNamespace(articles=lambda: faq, heading=lambda pid: "Do you rent tools?",
                             passages=lambda text, limit=5: faq)
    rules = StoreRules(kb, search, date.today, None)
    decision = rules.decide(DialogueState(), "is there any way i can hire a drill off you for the weekend")
    assert decision.action == faq_questions.FAQ_ANSWER
    reply = rules.act("is there any way i can hire a drill off you for the weekend", decision.action)
    assert reply.text.startswith("No. We only sell tools.") and [c.id for c in reply.citations] == ["faq:help#1"]


def test_goods_made_for_phones_are_no_question_on_reaching_the_store():
    from bot.dialogue import cues
    from bot.dialogue.state import DialogueState
    rules = _rules("opencart_sample")
    for goods in ("got any phone cases 📱", "do you sell phone chargers", "any phone holders?"):
        found = rules.decide(DialogueState(), goods)
        assert (found is None or found.action != "contact") and not cues.asks_contact(goods), goods
    for asked in ("phone orders possible?", "can i phone you", "do you have phone support", "phone us?"):
        assert cues.asks_contact(asked), asked

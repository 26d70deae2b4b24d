"""A question the store's FAQ asks in its own heading, put in the shopper's words
(bot/dialogue/store_pages/faq_questions)."""

from __future__ import annotations

from models import Fact

from bot.dialogue.store_pages import faq_questions

_PAGES = [
    Fact("faq:help#1", "Do you rent tools?\nNo. We only sell tools. For a one-off job a tool library is your best bet."),
    Fact("faq:help#2", "All our books are new.\nDo you sell ebooks or audiobooks?\nNo. We sell printed books only."),
    Fact("faq:help#3", "Yes. Email us its title and we will order it in.\n**Do you offer gift wrapping?**\n"
                       "Yes, in the shop only, free of charge."),
    Fact("faq:help#4", "No, we are not a repair centre. Faulty products go to the maker."),
    Fact("faq:help#5", "Yes. Clubs ordering 10 or more items get a volume discount."),
    Fact("faq:help#6", "No, we do not ship to Alaska or Hawaii."),
]
_HEADINGS = {"faq:help#1": "Do you rent tools?", "faq:help#2": "Are your books new?",
             "faq:help#3": "Can you order a book you don't have?", "faq:help#4": "Do you repair devices?",
             "faq:help#5": "Do you offer team or club discounts?", "faq:help#6": "Do you ship to Alaska?"}


def _faq():
    return faq_questions.entries(_PAGES, lambda pid: _HEADINGS.get(pid, ""))


def test_the_faq_is_each_heading_or_question_line_with_the_answer_under_it():
    faq = {e.question: e.answer for e in _faq()}
    assert faq["Do you rent tools?"].startswith("No. We only sell tools.")  # the heading not repeated
    assert faq["Do you sell ebooks or audiobooks?"] == "No. We sell printed books only."  # a merged section
    assert faq["Are your books new?"] == "All our books are new."
    assert faq["Do you offer gift wrapping?"] == "Yes, in the shop only, free of charge."  # bold markdown


def test_a_service_is_asked_by_its_verb_in_the_shoppers_words():
    for text in ("can i rent a tile saw from you guys", "is there any way i can hire a drill off you for the weekend"):
        assert faq_questions.asked(text, _faq()).question == "Do you rent tools?", text
    assert faq_questions.asked("can u guys fix my laptop, the hinge snapped", _faq()).question == "Do you repair devices?"
    # the reply is the store's answer, its bare "No." kept
    entry = faq_questions.asked("can i rent a tile saw", _faq())
    assert faq_questions.reply_text(entry).startswith("No. We only sell tools.")


def test_what_is_sold_is_asked_by_the_words_of_one_alternative():
    assert faq_questions.asked("do you gift wrap", _faq()).question == "Do you offer gift wrapping?"
    assert faq_questions.asked("do you have kindle ebooks", _faq()).question == "Do you sell ebooks or audiobooks?"
    # "team or club discounts": the lone word qualifies the noun after it
    assert faq_questions.asked("is there a discount for my cycling club", _faq()).question.endswith("discounts?")
    assert faq_questions.asked("can i get a team jersey", _faq()) is None
    # the goods named (a product or a kind the catalog sells): a search, not the FAQ
    assert faq_questions.asked("do you have kindle ebooks", _faq(), lambda: True) is None
    # a service is the FAQ's all the same
    assert faq_questions.asked("can i rent the tile saw", _faq(), lambda: True) is not None


def test_other_questions_are_not_the_faqs():
    for text in ("do you sell gift cards",  # gift, but not gift wrapping
                 "can you tell me the price of the drill",  # a noun "price" is no price match
                 "can u ship to spokane",  # shipping headings are the shipping rules'
                 "do you have any books by neal stephenson",  # "Can you order a book ...": no "do you sell"
                 "what do you rent",  # no yes/no question
                 "how much is the tile saw"):
        assert faq_questions.asked(text, _faq()) is None, text

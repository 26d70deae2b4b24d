"""Fact selection: the sentences of the retrieved passages that answer the question, best first."""

from bot.dialogue.grounding import answer_kinds
from bot.dialogue.grounding.facts import FactSelector, answers_in_context, split_sentences
from models import Fact


def test_the_answering_sentence_is_chosen_and_the_near_miss_left_out(embedder, demo_kb):
    passages = [demo_kb.passage("policy:returns-and-replacements#3"),
                demo_kb.passage("policy:returns-and-replacements#1")]
    facts = FactSelector(embedder).select("How many days do I have to return an item?",
                                          [Fact(p.id, p.text) for p in passages])
    assert facts[0].id == "policy:returns-and-replacements#1"
    assert "within 30 days of receipt" in facts[0].text
    assert all("10 to 14 days" not in f.text for f in facts)


def test_sentences_stay_under_their_passage_id_in_reading_order(embedder):
    fact = Fact("policy:x#1", "Deliveries occur only on weekdays. Orders placed on Saturday ship "
                "on Monday. Our stores sell yoga gear.")
    selector = FactSelector(embedder, max_sentences=2, margin=1.0)
    (chosen,) = selector.select("do you deliver on weekends?", [fact])
    assert chosen.id == "policy:x#1"
    assert chosen.text == "Deliveries occur only on weekdays. Orders placed on Saturday ship on Monday."


def test_warm_embeds_once_and_rank_reuses_it(embedder):
    selector = FactSelector(embedder)
    facts = [Fact("a", "Returns are free within thirty days."), Fact("b", "We ship worldwide.")]
    assert selector.warm(facts) == 2
    assert selector.warm(facts) == 0
    assert selector.rank("free returns?", facts)[0][1] == "a"
    assert selector.select("anything", []) == []


def test_a_sentence_is_embedded_once_however_its_facts_are_grouped(embedder):
    """`select` hands back its sentences joined as new facts; ranking those (the search's
    relevance of a turn) reuses the sentences' vectors instead of embedding them again."""
    encoded: list[str] = []

    class Counting:
        def encode(self, texts):
            encoded.extend(texts)
            return embedder.encode(texts)

        def encode_query(self, text):
            return embedder.encode_query(text)

        def encode_queries(self, texts):
            return embedder.encode_queries(texts)

    selector = FactSelector(Counting())
    page = Fact("p#1", "Returns are free within thirty days. Refunds take a week. We ship worldwide.")
    assert selector.warm([page]) == 3
    chosen = selector.select("how long do refunds take?", [page])
    assert selector.rank("how long do refunds take?", chosen)[0][3] == "Refunds take a week."
    selector.rank("free returns?", [Fact("other#2", "We ship worldwide. Gift cards never expire.")])
    assert encoded == ["Returns are free within thirty days.", "Refunds take a week.",
                       "We ship worldwide.", "Gift cards never expire."]


def test_split_sentences_drops_fragments():
    assert split_sentences("Yes. Items can be returned.\nUp to $200: $16") == [
        "Items can be returned.", "Up to $200: $16"]


def test_each_list_item_is_read_with_the_sentence_introducing_it():
    text = ("Several goods are exempt.\nAdditional non-returnable items:\n- Gift cards\n"
            "- Downloadable software products\nTo complete your return, we require a receipt.")
    assert split_sentences(text) == [
        "Several goods are exempt.", "Additional non-returnable items: Gift cards.",
        "Additional non-returnable items: Downloadable software products.",
        "To complete your return, we require a receipt."]
    # a list with no lead-in stays as it is
    assert split_sentences("- Free shipping over $50\n- Returns within 30 days") == [
        "- Free shipping over $50", "- Returns within 30 days"]


def test_questions_are_not_facts():
    """An FAQ's heading is closest to the same question but answers nothing."""
    text = "Do you price match?\nWe do not price match other retailers."
    assert split_sentences(text) == ["We do not price match other retailers."]


def test_the_sentence_naming_what_is_asked_comes_first_among_near_equals(embedder, demo_kb):
    passage = demo_kb.passage("policy:shipping-and-delivery#1")
    question = "can u guarantee it gets here by friday? its for a wedding"
    plain = FactSelector(embedder, word_weight=0.0).rank(question, [Fact(passage.id, passage.text)])
    ranked = FactSelector(embedder).rank(question, [Fact(passage.id, passage.text)])
    assert "guarantee" not in plain[0][3]  # by meaning alone "Deliveries occur only on weekdays." leads
    assert "guarantee" in ranked[0][3]
    assert max(r[0] for r in ranked) == plain[0][0]  # the score stays the similarity


def test_an_abbreviation_ends_no_sentence():
    from bot.dialogue.grounding.facts import split_sentences

    assert split_sentences("With tons of space inside (for max. 4 persons), full head height. "
                           "This tent offers you everything you need.") == [
        "With tons of space inside (for max. 4 persons), full head height.",
        "This tent offers you everything you need."]



def test_the_sentence_stating_the_time_asked_is_kept_however_far_below(embedder):
    """An EU withdrawal page: by meaning alone "We may withhold reimbursement until ..." (0.52)
    leaves the sentence with the refund's time (0.34) below the margin."""
    page = Fact("policy:withdrawal#2", (
        "If you withdraw from this contract, we shall reimburse to you all payments received from "
        "you, including the costs of delivery (with the exception of the supplementary costs "
        "resulting from your choice of a type of delivery other than the least expensive type of "
        "standard delivery offered by us), without undue delay and in any event not later than 14 "
        "days from the day on which we are informed about your decision to withdraw from this "
        "contract. We may withhold reimbursement until we have received the goods back or you have "
        "supplied evidence of having sent back the goods, whichever is the earliest."))
    (chosen,) = FactSelector(embedder).select("when do i get my money back after a return", [page])
    assert "not later than 14 days" in chosen.text
    assert "We may withhold reimbursement" in chosen.text  # the closest one stays
    (plain,) = FactSelector(embedder).select("do you ever withhold the money?", [page])
    assert "not later than 14 days" not in plain.text  # no time asked: by meaning alone


def test_a_forms_blanks_are_not_facts():
    """An EU withdrawal page's model form: its labels with a blank to fill in state nothing."""
    text = ("Ordered on / received on: ...\nAddress of consumer(s): …\nSignature of consumer(s): ______\n"
            "We ship to every country of the EU.")
    assert split_sentences(text) == ["We ship to every country of the EU."]


def test_an_address_answers_where_to_send_though_it_never_says_address():
    """The word "address" is asked, and no address says it: "Musterstraße 12, 10115 Berlin"."""
    row = (0.4, "policy:withdrawal#1", 2, "To exercise the right of withdrawal, you must inform us (Kestrel "
           "GmbH, Musterstraße 12, 10115 Berlin, Germany) of your decision.")
    assert answers_in_context(row, "whats the address to send my return to", {}, answer_kinds.PLACE)
    # a sentence without an address does not answer, however it is worded
    other = (0.5, "policy:withdrawal#1", 3, "You will have to bear the direct cost of returning the goods.")
    assert not answers_in_context(other, "whats the address to send my return to", {}, answer_kinds.PLACE)


def test_an_faqs_bare_yes_or_no_is_read_with_the_question_it_answers():
    text = ("All our books are new.\nDo you sell ebooks or audiobooks?\nNo. We sell printed books only.\n"
            "Do you offer gift wrapping?\nYes, in the shop only, free of charge.\n"
            "Can you order a book in?\nYes. If a book is in print, we order it for you. It takes 3 days.")
    assert split_sentences(text) == [
        "All our books are new.",
        "Do you sell ebooks or audiobooks: no; we sell printed books only.",
        "Do you offer gift wrapping: yes, in the shop only, free of charge.",
        "Can you order a book in: yes; if a book is in print, we order it for you.",
        "It takes 3 days.",
    ]
    # a "no problem" answers no question, and a heading that is no question joins nothing
    assert split_sentences("Can I change my order?\nNo problem, just email us before dispatch.") == [
        "No problem, just email us before dispatch."]

"""A long section cut in pieces is read whole: its other pieces join a retrieved one."""

from kb import KnowledgeBase
from kb.passages import article_from_text

from bot.dialogue.products.search import StoreSearch

PAGE = "\n\n".join([
    "# Right of withdrawal", "## Right of withdrawal", "You may withdraw within 14 days.",
    "## Effects of withdrawal",
    "If you withdraw, we shall reimburse all payments received from you without undue delay "
    "and not later than 14 days from the day we are informed of your decision. " * 6,
    "You shall send back the goods not later than 14 days after you tell us. " * 6,
    "## Exceptions", "Live plants cannot be returned, as they deteriorate rapidly. " * 2,
])


def test_the_other_pieces_of_a_cut_section_and_nothing_else_join():
    kb = KnowledgeBase(articles=(article_from_text("withdrawal", "policy", "Withdrawal", PAGE),))
    pieces = {p.id: p for p in kb.articles[0].passages}
    effects = [i for i, p in pieces.items() if p.section == pieces["policy:withdrawal#2"].section]
    assert len(effects) >= 2, "the test page's effects section must be cut in pieces"
    search = StoreSearch(kb, retriever=None, facts=None)
    rest = search._section_rest(effects[-1], {effects[-1]})
    assert [f.id for f in rest] == effects[:-1][::-1][:2]
    assert "reimburse" in rest[0].text or "reimburse" in rest[-1].text
    assert search._section_rest("policy:withdrawal#1", {"policy:withdrawal#1"}) == []
    assert search._section_rest("policy:nope#1", set()) == []


def test_the_passages_of_the_stores_closest_sentences_join_whatever_was_retrieved(embedder):
    from bot.dialogue.grounding.facts import FactSelector

    page = "\n\n".join([
        "# Withdrawal", "## Effects of withdrawal",
        "If you withdraw, we reimburse all payments received from you, including the costs of "
        "delivery. We will carry out such reimbursement using the same means of payment as you "
        "used for the initial transaction. You will have to bear the direct cost of returning the goods.",
        "## Guarantee", "Every product comes with the two-year legal guarantee.",
        "## Delivery", "Standard Shipping costs 5 euro per order and arrives in 2 to 4 working days."])
    kb = KnowledgeBase(articles=(article_from_text("withdrawal", "policy", "Withdrawal", page),))
    ids = {p.section[-1]: p.id for p in kb.articles[0].passages}
    search = StoreSearch(kb, retriever=None, facts=FactSelector(embedder))
    found = search.closest("how will the refund be paid to me", set(), limit=1)
    assert [f.id for f in found] == [ids["Effects of withdrawal"]]
    # what is already among the candidates is not added twice
    assert search.closest("how will the refund be paid to me", {ids["Effects of withdrawal"]}, limit=1) == []


def test_a_sections_bare_yes_or_no_is_read_with_its_question_heading():
    faq = "\n\n".join(["# FAQ", "## Do your prices include VAT?",
                       "Yes. Printed books are zero-rated for VAT in the UK, so the price you see is "
                       "the price you pay, before any delivery charge. " * 2,
                       "## Which cards do you take?", "We accept Visa and Mastercard for every order. " * 4])
    kb = KnowledgeBase(articles=(article_from_text("help", "faq", "FAQ", faq),))
    search = StoreSearch(kb, retriever=None, facts=None)
    first, second = (p for p in kb.articles[0].passages)
    assert search.answered(first.id, first.text).startswith("Do your prices include VAT?\nYes.")
    assert search.answered(second.id, second.text) == second.text  # no question answered yes/no
    assert [f.text for f in search.articles()][0].startswith("Do your prices include VAT?")

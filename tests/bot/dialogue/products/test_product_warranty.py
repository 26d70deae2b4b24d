"""A product's warranty absent from its record comes from the pages' rule for its kind."""

from kb import KnowledgeBase, Product
from kb.passages import article_from_text

from bot.dialogue.grounding.facts import FactSelector
from bot.dialogue.products.product_warranty import page_warranty
from bot.dialogue.products.search import StoreSearch

PAGE = "\n\n".join([
    "# Returns", "## Changed your mind",
    "Bring it back within 90 days with the receipt and we'll refund it to the card you paid with.",
    "## Tool warranty",
    "Our hand tools are guaranteed for life against breakage in normal use. Power tools are covered "
    "for 3 years against defects in materials and workmanship.",
    "## Delivery", "Parcels cost $8.50 and arrive in 2 to 6 business days."])
DRIVER = Product("PT1", "Impact Driver 18V", "A compact driver with 1,500 in-lbs of torque.", 129.0,
                 categories=("Power Tools/Impact Drivers",))


class _PagesOnly(StoreSearch):
    """The store search without a retriever: the pages' closest sentences alone."""

    def passages(self, question):
        return []


def test_a_products_missing_warranty_is_the_pages_rule_for_its_kind(embedder):
    kb = KnowledgeBase(products=(DRIVER,), articles=(article_from_text("returns", "policy", "Returns", PAGE),))
    search = _PagesOnly(kb, retriever=None, facts=FactSelector(embedder))
    reply = page_warranty(search, kb, DRIVER, "whats the warranty on the impact driver")
    assert reply is not None and "3 years" in reply.text
    assert any(c.id.startswith("policy:returns#") for c in reply.citations)
    # not a warranty question: the product's own answer stands
    assert page_warranty(search, kb, DRIVER, "how much torque does the impact driver have") is None

"""The conversation's product acts: products compared side by side, what goes with a product,
a reference to products in view ("the cheaper one", "both"), and a product question answered from
the whole record. Each picks its products from those the message names, those in view or the one in
focus, and moves the focus to the product answered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from kb import KnowledgeBase, Product

from bot.dialogue import context, cues, policy, written_replies
from bot.dialogue.products import (accessories, carried_questions, cheaper_alternatives, name_choices,
                                   product_answers, product_compare, product_prices, product_promotions,
                                   product_specs, product_thresholds, product_variants, references,
                                   several_products, size_siblings, spec_ranking)
from bot.dialogue.products.product_warranty import page_warranty
from bot.dialogue.products.search import StoreSearch
from bot.dialogue.state import DialogueState
from bot.dialogue.turn import Turn
from bot.types import ProductCard, Reply

# "how many copies do u have left", "any left?": the stock asked as a count, which the record
# answers as in or out of stock
_STOCK_COUNT = re.compile(r"\bhow many\b[^?.!]{0,40}\b(?:left|have|got)\b|\bany (?:left|more)\b", re.I)


class ProductActs:
    """Product acts with the conversation's state in view, over one store.

    Args:
        kb: The store.
        search: The store's product and knowledge search.
        today: Today's date (a callable, for tests): which promotions run.
    """

    def __init__(self, kb: KnowledgeBase, search: StoreSearch, today: Callable[[], date]) -> None:
        self.kb = kb
        self.search = search
        self.today = today

    def compare(self, turn: Turn, state: DialogueState) -> Reply | None:
        """The products named, or those a reference points at, side by side (None: fewer than two)."""
        text, named = turn.text, state.named
        products = product_answers.products_of(self.kb, list(dict.fromkeys(named)))
        if products:  # "the sprite yoga strap 6 foot, 8 foot and 10 foot": every name spelled out
            # ... by a word outside the names found ("8"), not by theirs regrouped ("8gb laptop
            # and the 15 inch" in "the 13 inch 8gb laptop and the 15 inch 16gb laptop")
            said = {w for m in turn.nlu.entities.products for w in re.findall(r"[a-z0-9]+", m.text.lower())}
            products += [p for p in product_compare.spelled_out(self.kb.products, text) if p not in products
                         and set(re.findall(r"[a-z0-9]+", p.name.lower())) - said]
        products = products or \
            references.referenced(text, product_answers.products_of(self.kb, state.in_view), state.focus)
        return product_compare.compare(products, self.kb.currency, text) if len(products) >= 2 else None

    def recommend(self, text: str, state: DialogueState) -> Reply | None:
        """What goes with the product named, the one a reference points at ("the first one"),
        or the one in focus."""
        products = product_answers.products_of(self.kb, state.named[:1])
        in_view = product_answers.products_of(self.kb, state.in_view)
        if not products and in_view and context.REFERENCE.search(text):
            products = references.referenced(text, in_view, state.focus)[:1]
        products = products or product_answers.products_of(self.kb, [state.focus] if state.focus else [])
        if not products:
            return None
        state.focus = products[0].sku
        return accessories.recommend(self.kb, products[0], self.search.terms, text)

    def reference(self, turn: Turn, state: DialogueState) -> Reply | None:
        """The products in view a reference points at ("the cheaper one", "both"), answered."""
        text = turn.text
        focus = product_answers.products_of(self.kb, [state.focus] if state.focus else [])
        if focus and cheaper_alternatives.asks(text) and state.last_act in (policy.PRODUCT_QUESTION,
                                                                            context.PRODUCT_REFERENCE):
            # "is there a cheaper one" after one product's answer: others of its kind, not those in view
            found = cheaper_alternatives.reply(focus[0], self.kb.products, self.kb.currency)
            state.show([p.sku for p in found.products] or state.in_view)
            cited = product_answers.products_of(self.kb, [p.sku for p in found.products]) or focus
            return replace(found, citations=tuple(product_answers.product_citation(p) for p in cited),
                           action=context.PRODUCT_REFERENCE)
        in_view = product_answers.products_of(self.kb, state.in_view)
        chosen = references.referenced(text, in_view, state.focus)
        if not chosen:
            return None
        if len(chosen) == 1:
            state.focus = chosen[0].sku
            if state.asked and carried_questions.points_only(text):  # "ok and the other one?": the last question
                text = carried_questions.asked_of(state.asked, focus[0] if focus else None)
            state.asked = text
            if chosen[0] is spec_ranking.most_of(in_view, text):  # picked by "the biggest": asks no "biggest"
                text = spec_ranking.without_superlative(text, chosen[0])
        elif spec_ranking.asks_more_or_less(text):  # "which of them is the brightest"
            return replace(product_compare.compare(chosen, self.kb.currency, text), action=context.PRODUCT_REFERENCE)
        answers = [product_answers.answer(p, text, self.kb.currency, self.search.terms) for p in chosen]
        return Reply(" ".join(a.text for a in answers),
                     tuple(product_answers.product_citation(p) for p in chosen),
                     products=tuple(ProductCard.of(p, self.kb.currency) for p in chosen),
                     quick_replies=product_answers.ADMIT_HUMAN if any(a.admits for a in answers) else (),
                     action=context.PRODUCT_REFERENCE)

    def _choice(self, turn: Turn, state: DialogueState, products: Sequence[Product]) -> Reply:
        """The question answered of each product its words fit, all of them in view."""
        answers = [product_answers.answer(p, turn.text, self.kb.currency, self.search.terms) for p in products]
        state.show([p.sku for p in products])
        return Reply(f"{len(products)} of our products fit that: " + " ".join(a.text for a in answers),
                     tuple(product_answers.product_citation(p) for p in products),
                     products=tuple(ProductCard.of(p, self.kb.currency) for p in products),
                     action=policy.PRODUCT_QUESTION)

    def answer(self, turn: Turn, state: DialogueState) -> Reply | None:
        """A product question answered from the whole record when the record has the asked
        feature (else None: the generator answers from the product's facts)."""
        named = state.named
        several = product_answers.products_of(self.kb, list(dict.fromkeys(named)))
        if several_products.asks_each(turn.text, several):  # "how much are the X and the Y"
            return several_products.answer(several, turn.text, self.kb.currency, self.search.terms, state)
        products = product_answers.products_of(self.kb, named[:1] or ([state.focus] if state.focus else []))
        if len(named) > 1 and (twin := _twin_in_colour(
                product_answers.products_of(self.kb, named), turn.text)) is not None:
            products = [twin]  # "the blue pricing labeler": of two of that name, the blue one
        elif (fits := name_choices.fitting(self.kb.products, turn.text)) and set(named) <= {p.sku for p in fits} \
                and state.focus not in {p.sku for p in fits}:
            return self._choice(turn, state, fits)
        if not products:
            return None
        product = products[0]
        before = product_answers.products_of(self.kb, [state.focus] if state.focus else [])
        state.focus = product.sku
        question = turn.text
        again = state.asked and (cues.CORRECTION.search(question) or context.asks_again(question))
        if again and named and not asks_its_own(question, product):
            # "i meant the other one", "and the halo 100?": the same question of it, without the
            # name of the product it was asked of ("how much is the ultraboost" asks no "ultraboost")
            question = state.asked
            if before and before[0].sku != product.sku:
                question = product_specs.without_name(question, before[0])
        elif again and not named and before and before[0].sku == product.sku:
            # "sorry i meant blue" after "how much is it in red": the same question, new option
            question = _with_options(state.asked, question, product, turn.nlu.entities) or question
        state.asked = question
        if (sibling := size_siblings.next_size(product, self.kb.products, question)) is not None:
            state.focus = sibling.sku  # "does it come in a bigger size": the next one the catalog sells
            return size_siblings.reply(product, sibling, self.kb.currency)
        sizes, colors = product_answers.asked_variants(product, turn.nlu.entities, question)
        if sizes or colors:  # "what about in xl": the record says, with the price of one priced apart
            priced = product_prices.option_prices(product, question, sizes, self.kb.currency)
            return Reply(" ".join([product_variants.variant_answer(product, sizes, colors), *priced]),
                         (product_answers.product_citation(product),),
                         products=(ProductCard.of(product, self.kb.currency),), action=policy.PRODUCT_QUESTION)
        terms = self.search.terms
        if not product_answers.feature_lines(product, question) and not terms.features_in(question) \
                and not product_specs.asked_specs(product, question) \
                and not product_specs.asked_measures(question, product) \
                and not product_answers.asks_sale_or_restock(question) \
                and not product_prices.asks_price_terms(product, question) \
                and product_thresholds.answer(product, question) is None \
                and not terms.sizes_in(question) and not re.search(
                r"\b(pric(?:e|es|ed|ing)|cost|how much|in stock|available|sizes?|colou?rs?|true to size)\b", question,
                re.I) and not cues.PRICE_IDIOM.search(question) and not _STOCK_COUNT.search(question) \
                and not product_answers.asks_fit(question):
            if not named:
                # the generator answers of the product in focus ("what does it smell like"), which
                # its reading of "it" finds among the products shown, not by a search of the words
                turn.show([product])
            return None
        if (paged := page_warranty(self.search, self.kb, product, question)) is not None:
            return paged
        found = product_answers.answer(product, question, self.kb.currency, terms)
        promotions = product_promotions.promotions_for(self.kb, product, question, self.today())
        # a promotion's code is what the shopper needs to get it ("any promo code for it?")
        text = found.text + "".join(f" Current promotion for its kind: \"{p.name}\""
                                    + (f" (use code {p.coupon_code} at checkout)." if p.coupon_code else ".")
                                    for p in promotions)
        # products of the very same name (two "Pricing Labeler"s): the shopper may mean either
        twins = [p for p in self.kb.products if p.name.lower() == product.name.lower() and p.sku != product.sku]
        text += "".join(f" The store also lists another {p.name} ({p.sku}): "
                        f"{written_replies.price_text(p, self.kb.currency)}." for p in twins[:2])
        return Reply(text, (product_answers.product_citation(product),) + tuple(
                         written_replies.citation(self.kb.passage(p.passage_id)) for p in promotions),
                     products=tuple(ProductCard.of(p, self.kb.currency) for p in [product, *twins[:2]]),
                     quick_replies=product_answers.ADMIT_HUMAN if found.admits else (),
                     action=policy.PRODUCT_QUESTION)


def _with_options(asked: str, correction: str, product: Product, entities) -> str | None:
    """The last question with the sizes and colours of ``correction`` in place of those it
    named ("how much is the tee in red" + "sorry i meant blue" -> "... in blue"); None when the
    correction names no size or colour of the product or asks a question of its own."""
    sizes, colors = product_answers.asked_variants(product, entities, correction)
    if not (sizes or colors) or _OWN_ASK.search(cues.CORRECTION.sub(" ", correction)):
        return None
    options = [*product.sizes, *product_variants.colour_options(product)]
    old = [o for o in options if re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", asked, re.I)]
    for option in sorted(old, key=len, reverse=True):
        asked = re.sub(rf"(?<![\w-]){re.escape(option)}(?![\w-])", " ", asked, flags=re.I)
    asked = re.sub(r"\s+(?:in|the|size|colou?r)\s*([?.!]*)\s*$", r"\1", asked.strip(), flags=re.I)
    return f"{asked.rstrip(' ?.!')} in {' '.join([*sizes, *colors])}"


#: A question of its own after a correction: "oops i meant the power juice, what flavour is it"
_OWN_ASK = re.compile(r"\b(what|whats|what's|how|which|where|when|why|is|are|does|do|can|has|have)\b(?!\s+about\b)\s+\w+",
                      re.I)  # "what about the round table" asks the last question again


def asks_its_own(text: str, product: Product) -> bool:
    """A correction that asks a new question of the product it names (the question after the
    name), rather than the last question again ("sorry i meant the white wine")."""
    lowered, name = text.lower(), product.name.lower()
    after = lowered[lowered.rindex(name) + len(name):] if name in lowered else \
        product_specs.without_name(text, product)
    return bool(_OWN_ASK.search(cues.CORRECTION.sub(" ", after)))


def _twin_in_colour(products: Sequence[Product], question: str) -> Product | None:
    """Of products of the very same name, the one alone in a colour the question names ("the
    yellow credit card pin pad reader"); None when the name, or the colour, tells none apart."""
    if len(products) < 2 or len({p.name.lower() for p in products}) > 1:
        return None
    asked = {c.lower() for c in cues.COLOUR.findall(question)}
    found = [p for p in products if asked & {c.lower() for c in product_variants.colour_options(p)}]
    return found[0] if len(found) == 1 else None

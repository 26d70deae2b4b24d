"""The one product search and the one knowledge search, for turns and for every edge.

`StoreSearch` holds the rules both kinds of caller share: a product search honours the price
range, narrows to a department named in the text ("for women") when the store has it, keeps
the sizes and materials asked for, prefers the colours asked for, and knows when the store
sells nothing of the kind asked for (`unsold`); a knowledge search reads the store's shopper articles (never the
rate table, which code quotes) and keeps the few sentences that answer.
"""

from __future__ import annotations

import re
import time
from itertools import zip_longest
from collections.abc import Sequence
from dataclasses import dataclass

from kb import KnowledgeBase, Product
from models import Fact
from retrieval import Retriever

import numpy as np

from bot.dialogue import written_replies
from bot.dialogue.grounding import relevance
from bot.dialogue.grounding.facts import FactSelector, opens_with_yes_or_no, split_sentences
from bot.dialogue.products.catalog_terms import AskedKind, CatalogTerms, has_size, made_of
from bot.dialogue.products.goods_kinds import GoodsKinds
from bot.types import Citation

#: Passages never given to the generator: the 0.5B model misreads the rate table, so shipping
#: prices come from code (kb.shipping) instead.
NOT_FOR_GENERATION = frozenset({"policy:shipping-and-delivery#2"})
ARTICLE_TYPES = ("policy", "faq", "page", "promotion")
#: The store's sentences closest to a question whose passages join the retrieved ones.
CLOSEST_SENTENCES = 3
#: A word of a question that this many sentences of the store's pages hold, or fewer (and at
#: least one), singles those sentences out: "fragile" in "are things packed well, its fragile"
#: meets "special care is taken to protect fragile objects" alone.
RARE_SENTENCES = 2
_ORDINALS = ("first", "second", "third", "fourth")
_ORDINAL = re.compile(r"\bthe (first|second|third|fourth) (?:one|product|item)\b", re.I)
_PRONOUN = re.compile(r"\b(it|its|it's|this|that|these|those|them|one)\b", re.I)


def named_first(products: Sequence[Product], text: str) -> list[Product]:
    """The products reordered (stably) so that one whose whole name the text says comes first,
    the longest such name first: "do you have the large desk" shows the Large Desk before the
    Customizable Desk, and a later "how heavy is it" is about the one the shopper named."""
    return sorted(products, key=lambda p: len(p.name) if says_name(p, text) else 0, reverse=True)


def says_name(product: Product, text: str) -> bool:
    """True when the text says the product's whole name, as words ("the large-desk?" says "Large Desk")."""
    name = " ".join(re.findall(r"\w+", product.name.lower()))
    return bool(name) and re.search(rf"\b{re.escape(name)}\b", " ".join(re.findall(r"\w+", text.lower()))) is not None


def in_colors(product: Product, colors: Sequence[str]) -> bool:
    """True when the product comes in one of the colours."""
    return bool({c.lower() for c in colors} & {c.lower() for c in product.colors})


@dataclass(frozen=True, slots=True)
class ProductQuery:
    """What a product search honours besides the words."""

    text: str
    min_price: float | None = None
    max_price: float | None = None
    colors: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    limit: int = 4


class StoreSearch:
    """Product and knowledge search over one store.

    Args:
        kb: The store.
        retriever: Hybrid search over the store's shopper documents.
        facts: Picks the sentences of the retrieved passages that answer a question.
    """

    def __init__(self, kb: KnowledgeBase, retriever: Retriever, facts: FactSelector) -> None:
        self.kb = kb
        self.retriever = retriever
        self.facts = facts
        self.terms = CatalogTerms(kb.products)
        self.goods_kinds = GoodsKinds(kb.products)
        self._kind_vectors: tuple[list[str], np.ndarray] | None = None
        self._articles: list[Fact] | None = None  # the shopper articles' passages, on first use
        self._sentences: list[str] | None = None  # ... and their sentences
        self.seconds = 0.0  # time spent in the latest search (a turn's retrieval timing)

    def products(self, query: ProductQuery) -> list[Product]:
        """Products matching the query, best first, at most ``query.limit``."""
        started = time.perf_counter()
        filters: dict = {"types": ["product"]}
        if query.min_price is not None:
            filters["min_price"] = query.min_price
        if query.max_price is not None:
            filters["max_price"] = query.max_price
        department = written_replies.department(query.text)
        if department:
            filters["category"] = department
        # Sizes, materials and features are not index filters: search deeper, then keep (sizes,
        # materials) or put first (features, and the kind asked for) the products that have them.
        k = 40 if query.sizes or query.materials or self.terms.features_in(query.text) else 12
        hits = self.retriever.search(query.text, k=k, filters=filters)
        if department and not self._has_kind(hits, query.text):
            # a store without such a department, or a kind sold outside it ("watches for
            # women" in Gear): search them all; the department's word still counts (`prefer`)
            del filters["category"]
            hits = self.retriever.search(query.text, k=k, filters=filters)
        products = [self.kb.product(h.metadata["sku"]) for h in hits]
        if query.max_price is not None:
            # a price on request (no listed price, 0) is not "under 50": it is quoted, not cheap
            products = [p for p in products if p.final_price > 0]
        if query.sizes:
            products = [p for p in products if has_size(p, query.sizes)]
        if query.materials:
            products = [p for p in products if made_of(p, query.materials)]
        products = named_first(self.terms.prefer(products, query.text), query.text)
        if query.colors:
            matching = [p for p in products if in_colors(p, query.colors)]
            kind = self.terms.asked_kind(query.text)
            if kind and not any(self.terms.is_kind(p, kind) for p in matching):
                # nothing of the kind in that colour: show the kind (the reply says none is in
                # that colour), never other kinds that happen to be pink
                matching = [p for p in products if self.terms.is_kind(p, kind)]
            products = matching or products
        self.seconds = time.perf_counter() - started
        return products[:query.limit]

    def _has_kind(self, hits, text: str) -> bool:
        """True when some hit is of the kind the text asks for (or it names no kind)."""
        kind = self.terms.asked_kind(text)
        if not hits or kind is None:
            return bool(hits)
        return any(self.terms.is_kind(self.kb.product(h.metadata["sku"]), kind) for h in hits)

    def query(self, text: str, min_price: float | None, max_price: float | None,
              colors: Sequence[str]) -> ProductQuery:
        """A product search for a message: the entities' price range and colours, plus the
        catalog's sizes and materials it names."""
        return ProductQuery(text, min_price, max_price, tuple(colors), self.terms.sizes_in(text),
                            self.terms.materials_in(text))

    def unsold(self, text: str) -> AskedKind | None:
        """The kind of product a search asks for when the store sells nothing of it (None:
        it does, or the message names no kind)."""
        audience = self.terms.unserved_audience(text)
        if audience is not None:
            return audience  # "kids clothes" in a store with nothing for kids
        kind = self.terms.asked_kind(text)
        if kind is None or self.terms.named_so(kind) or self.terms.sells(kind, self._similarity):
            return None
        return kind

    def _similarity(self, word: str, kinds: list[str]) -> float:
        """The best cosine between a word and the store's kinds (their vectors computed once)."""
        if self._kind_vectors is None or self._kind_vectors[0] != kinds:
            self._kind_vectors = (kinds, self.retriever.embedder.encode(kinds))
        return float(np.max(self._kind_vectors[1] @ self.retriever.embedder.encode_query(word)))

    def passages(self, question: str, limit: int = 3) -> list[Fact]:
        """The store's shopper passages that best match the question, whole, best first. A
        question in shoppers' phrases is also searched in the shop's words (`relevance.shop_words`):
        "pay the postage to send stuff back" finds the page on returns too."""
        plain = relevance.shop_words(question)
        reworded = plain.lower() != question.lower()
        if reworded:  # both searched, and ranked by the fact selector: one encoder pass for the two
            self.retriever.embed_queries([question, plain])
        hits = self._article_hits(question)
        if reworded:
            extra = self._article_hits(plain)
            merged = [h for pair in zip_longest(hits, extra) for h in pair if h is not None]
            hits = [h for i, h in enumerate(merged) if h.id not in {m.id for m in merged[:i]}]
        hits = hits[:limit]
        facts = [Fact(h.id, self.answered(h.id, h.text)) for h in hits]
        have = {f.id for f in facts}
        for hit in hits:
            rest = self._section_rest(hit.id, have)
            facts += rest
            have |= {f.id for f in rest}
        return facts

    def _article_hits(self, text: str) -> list:
        return [h for h in self.retriever.search(text, k=5, filters={"types": list(ARTICLE_TYPES)})
                if h.id not in NOT_FOR_GENERATION]

    def heading(self, passage_id: str) -> str:
        """The heading of a passage's own section ("Exchanges"), or "" (none, or no such passage)."""
        try:
            section = self.kb.passage(passage_id).section
        except KeyError:
            return ""
        return section[-1] if section else ""

    def answered(self, passage_id: str, text: str) -> str:
        """A passage's text with its section's heading first when the heading is a question the
        text answers with a bare yes or no ("Do your prices include VAT?" / "Yes. Printed books
        are zero-rated ..."): the answer alone says yes to nothing."""
        heading = self.heading(passage_id)
        if heading.endswith("?") and opens_with_yes_or_no(text) and not text.startswith(heading):
            return f"{heading}\n{text}"
        return text

    def _section_rest(self, passage_id: str, have: set[str]) -> list[Fact]:
        """The other pieces of a passage's section when a long section was cut in
        pieces: "we shall reimburse ... within 14 days" and "you shall send back the goods
        within 14 days" stand in one section of a withdrawal page, cut in two, and a question
        for the refund's time may retrieve the wrong half."""
        try:
            best = self.kb.passage(passage_id)
        except KeyError:
            return []
        stem, _, number = passage_id.rpartition("#")
        rest = []
        for step in (-1, 1, -2, 2):  # a section's pieces are numbered one after another
            other_id = f"{stem}#{int(number) + step}" if number.isdigit() else ""
            try:
                other = self.kb.passage(other_id)
            except KeyError:
                continue
            if (other.section == best.section and other_id not in have
                    and other_id not in NOT_FOR_GENERATION and other.audience == "shopper"):
                rest.append(Fact(other_id, other.text))
        return rest

    def knowledge(self, question: str) -> list[Fact]:
        """The 1-3 sentences of the store's articles closest to the question (maybe none): among
        the retrieved passages and the passages of the store's closest sentences (`closest`).
        A question naming goods is read with their kind (`GoodsKinds`): a rule for power tools
        answers "can i return an angle grinder" before the rule for everything else."""
        started = time.perf_counter()
        question = self.goods_kinds.read_with_kind(question)
        candidates = self.passages(question)
        candidates += self.closest(question, {f.id for f in candidates})
        facts = self.facts.select(question, candidates)
        self.seconds = time.perf_counter() - started
        return facts

    def closest(self, question: str, have: set[str], limit: int = CLOSEST_SENTENCES) -> list[Fact]:
        """The passages, beyond ``have``, holding the store's ``limit`` sentences closest to the
        question, across every shopper article. A passage is retrieved by all its words, and one
        answering sentence among others on another topic loses to look-alike passages: "We will
        carry out such reimbursement using the same means of payment ..." sits in a passage on
        the withdrawal's effects, never retrieved for "how will the refund be paid to me". A
        store has few pages, and their sentences are embedded once at start-up."""
        articles = self.articles()
        found: list[Fact] = []
        for _, fact_id, _, _ in self.facts.rank(question, articles)[:limit]:
            if fact_id not in have and all(f.id != fact_id for f in found):
                found.append(next(f for f in articles if f.id == fact_id))
        return found

    def rare_words(self, question: str) -> set[str]:
        """The question's content words (`relevance.question_words`) that one or two sentences of the
        store's pages hold (`RARE_SENTENCES`): what singles a sentence out, where words every page
        uses (return, order, shipping) do not."""
        if self._sentences is None:
            self._sentences = [s for f in self.articles() for s in split_sentences(f.text)]
        found = set()
        for word in relevance.question_words(question):
            held = sum(1 for s in self._sentences if relevance.shared_words(s, word))
            if 1 <= held <= RARE_SENTENCES:
                found.add(word)
        return found

    def articles(self) -> list[Fact]:
        """Every passage of the store's shopper articles (its pages), in the store's order."""
        if self._articles is None:
            self._articles = [Fact(p.id, self.answered(p.id, p.text)) for a in self.kb.articles
                              if a.audience == "shopper" and a.type in ARTICLE_TYPES
                              for p in a.passages if p.id not in NOT_FOR_GENERATION]
        return self._articles

    def relevance(self, question: str) -> float:
        """How close the store's closest article sentence is to the question (0 when none)."""
        ranked = self.facts.rank(question, self.knowledge(question))
        return ranked[0][0] if ranked else 0.0

    def answering_knowledge(self, question: str) -> list[Fact]:
        """Like `knowledge`, but empty unless a sentence is close enough to answer on its own."""
        facts = self.knowledge(question)
        ranked = self.facts.rank(question, facts)
        if not ranked or ranked[0][0] < self.facts.min_similarity:
            return []
        return facts

    def catalog_lookup(self, text: str, limit: int) -> list[Product]:
        """Products by exact sku, then by name containing the text, else by search (staff tools)."""
        wanted = text.strip().lower()
        found = [p for p in self.kb.products if p.sku.lower() == wanted]
        found += [p for p in self.kb.products if wanted in p.name.lower() and p.sku.lower() != wanted]
        if not found:
            hits = self.retriever.search(text, k=limit, filters={"types": ["product"]})
            found = [self.kb.product(h.metadata["sku"]) for h in hits]
        return found[:limit]

    def resolve_product(self, text: str, named: Sequence[str], colors: Sequence[str],
                        shown_skus: Sequence[str]) -> Product | None:
        """The product a question is about: named in it, or one shown earlier ("the blue one").

        Args:
            text: The question.
            named: Skus of the catalog products the entity extractor found in it.
            colors: Colours it mentions.
            shown_skus: Products shown in the conversation, oldest first.
        """
        if named:
            return self.kb.product(named[0])
        shown = [self.kb.product(s) for s in reversed(shown_skus)]
        ordinal = _ORDINAL.search(text)
        if shown and ordinal:
            # `shown` is most recent first, and the latest cards in the order they were shown.
            return shown[min(_ORDINALS.index(ordinal.group(1).lower()), len(shown) - 1)]
        if shown and colors:
            for product in shown:
                if in_colors(product, colors):
                    return product
        if shown and _PRONOUN.search(text):
            return shown[0]
        hits = self.retriever.search(text, k=1, filters={"types": ["product"]})
        return self.kb.product(hits[0].metadata["sku"]) if hits else None

    def citations(self, ids: Sequence[str], facts: Sequence[Fact]) -> tuple[Citation, ...]:
        """A source to show for each cited fact id (a passage, or a product's page)."""
        by_id = {f.id: f for f in facts}
        citations = []
        for fact_id in ids:
            if fact_id.startswith("product:"):
                product = self.kb.product(fact_id.split(":", 1)[1].split("#")[0])
                citations.append(Citation(fact_id, product.name, f"/{product.url_key}.html",
                                          by_id[fact_id].text))
                continue
            passage = self.kb.passage(fact_id)
            citations.append(written_replies.citation(passage, by_id[fact_id].text))
        return tuple(citations)

"""Drafts of product copy for store staff: a description and a marketing line from a product's facts.

The generator writes from the product's facts only; the guard then checks each sentence on its
own (numbers, sizes, colours and wording must come from the facts; see `bot.dialogue.grounding.guard`). Sentences
that fail are removed and listed, the rest are cited with the fact they draw on most, and when
nothing survives the draft falls back to the product's own description sentences. Staff edit
the draft before using it anywhere.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from kb import Product
from models import ChatMessage, Fact, Generator
from models.generation.prompts import COPYWRITING_NOTES, PRODUCT_DESCRIPTION_REQUEST, PRODUCT_TAGLINE_REQUEST

from bot.dialogue.grounding import guard
from bot.dialogue.grounding.facts import split_sentences
from bot.dialogue.written_replies import product_facts

#: Fact kinds a draft may use. Price and stock change daily, so page copy leaves them out.
COPY_FACTS = ("sizes", "colors", "details", "description")
_WORDS = re.compile(r"[a-z0-9]+")
_QUOTES = "\"'“”‘’ "
#: Repeats are common at this model size; a mild penalty keeps a draft from looping.
_REPETITION_PENALTY = 1.15


@dataclass(frozen=True, slots=True)
class Draft:
    """One piece of product copy.

    Attributes:
        text: The draft, without citation markers.
        cited: Ids of the facts its sentences draw on.
        guard: "passed", "trimmed" (some sentences removed) or "fallback" (the product's own
            description sentences).
        removed: Generated sentences the guard refused, each with its reason.
    """

    text: str
    cited: tuple[str, ...]
    guard: str
    removed: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"text": self.text, "cited": list(self.cited), "guard": self.guard,
                "removed": list(self.removed)}


@dataclass(frozen=True, slots=True)
class ProductCopy:
    """Drafts for one product, and the facts they were written from."""

    sku: str
    name: str
    description: Draft
    tagline: Draft
    facts: tuple[Fact, ...]

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "description": self.description.to_dict(),
                "tagline": self.tagline.to_dict(),
                "facts": [{"id": f.id, "text": f.text} for f in self.facts]}


def draft_product_copy(generator: Generator, product: Product) -> ProductCopy:
    """A description (2-3 sentences) and a marketing line for `product`, grounded on its facts.

    Args:
        generator: The loaded reply generator (a throwaway generator session is used).
        product: The catalog product.

    Raises:
        GeneratorNotLoaded, PromptTooLong: from the generator.
    """
    facts = [f for f in product_facts(product) if f.id.rsplit("#", 1)[-1] in COPY_FACTS]
    if not facts:  # nothing to write from: empty drafts, not invented ones
        empty = Draft("", (), "fallback", ("the product has no description or details",))
        return ProductCopy(product.sku, product.name, empty, empty, ())
    description = _draft(generator, product, facts, PRODUCT_DESCRIPTION_REQUEST, 120, 3)
    tagline = _draft(generator, product, facts, PRODUCT_TAGLINE_REQUEST, 48, 1)
    return ProductCopy(product.sku, product.name, description, tagline, tuple(facts))


def _draft(generator: Generator, product: Product, facts: Sequence[Fact], request: str,
           max_new_tokens: int, max_sentences: int) -> Draft:
    question = request.format(name=product.name)
    session_id = f"copy:{product.sku}:{secrets.token_hex(4)}"  # two staff may draft one product
    messages = [ChatMessage("system", COPYWRITING_NOTES), ChatMessage("user", question)]
    try:
        result = generator.generate(session_id, messages, facts, max_new_tokens=max_new_tokens,
                                    repetition_penalty=_REPETITION_PENALTY)
    finally:
        generator.release(session_id)
    kept, removed = _checked(result.text, facts, question)
    if not kept:
        return _fallback(facts, max_sentences, removed)
    kept = kept[:max_sentences]
    return Draft(" ".join(s for s, _ in kept), tuple(dict.fromkeys(i for _, i in kept)),
                 "trimmed" if removed else "passed", tuple(removed))


def _checked(text: str, facts: Sequence[Fact], question: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(sentence, fact id) of each generated sentence the guard accepts, and the refused ones."""
    kept: list[tuple[str, str]] = []
    removed: list[str] = []
    seen: set[str] = set()
    for sentence in split_sentences(guard.strip_citations(text)):
        sentence = sentence.strip(_QUOTES).lstrip("-•* ").strip(_QUOTES)
        if not sentence or sentence.lower() in seen:
            continue
        seen.add(sentence.lower())
        if sentence[-1] not in ".!?":
            removed.append(f"{sentence} (unfinished)")
            continue
        source = _closest(sentence, facts)
        verdict = guard.check(f"{sentence} [{source.id}]", facts, question)
        if verdict.ok and not verdict.dont_know:
            kept.append((sentence, source.id))
        else:
            removed.append(f"{sentence} ({verdict.reason or 'says it does not know'})")
    return kept, removed


def _closest(sentence: str, facts: Sequence[Fact]) -> Fact:
    """The fact sharing the most words with a sentence (the one it draws on)."""
    words = set(_WORDS.findall(sentence.lower()))
    return max(facts, key=lambda f: len(words & set(_WORDS.findall(f.text.lower()))))


def _fallback(facts: Sequence[Fact], max_sentences: int, removed: list[str]) -> Draft:
    """The product's own description sentences, when no generated sentence holds up."""
    source = next((f for f in facts if f.id.endswith("#description")), facts[-1])
    sentences = [s for s in split_sentences(source.text) if not s.startswith("-")]
    text = " ".join(sentences[:max_sentences]) or source.text
    return Draft(text, (source.id,), "fallback", tuple(removed))

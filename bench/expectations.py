"""What a reply gets wrong against a turn's written expectations: the one checker of the
conversation suites (bench/data/conversations.json, shoppers.json, shoppers_heldout.json).

Keys (each optional): action (one of), text_has (all), text_any (one of), text_not (none of),
cites (citation id prefixes), products (at least N cards), min_price / max_price (every card),
handoff, offers_human (a person is offered: in the text or a quick reply), language (the reply is
in that language as the service's detector reads it, or is the store's English facts framed in
it); and, given the
store and the previous reply's cards: names_cheapest_shown, names_shown_index (the reply names
that card), cards_in_category, card_colors, card_sizes, card_materials (every card has one of
them), card_linked_to (every card is a related/up-sell/cross-sell link of that sku),
cards_linked_to_shown_index (... of that card shown before).
"""

from __future__ import annotations

_HUMAN_WORDS = ("human", "person", "our team", "support team", "agent")


def problems(reply, expect: dict, kb=None, previous: tuple = ()) -> list[str]:
    """What a reply gets wrong against its expectations (empty when it passes).

    Args:
        reply: The `Reply`.
        expect: The turn's expectations (see the module docstring).
        kb: The store, to read the cards' products (the card checks need it).
        previous: The product cards of the bot's previous reply (what "those" refers to).
    """
    text = reply.text.lower()
    cited = [c.id for c in reply.citations]
    found = []
    if "action" in expect and reply.action not in expect["action"]:
        found.append(f"action {reply.action}, expected one of {expect['action']}")
    found += [f"text lacks {s!r}" for s in expect.get("text_has", ()) if s.lower() not in text]
    if expect.get("text_any") and not any(s.lower() in text for s in expect["text_any"]):
        found.append(f"text has none of {expect['text_any']}")
    found += [f"text has {s!r}" for s in expect.get("text_not", ()) if s.lower() in text]
    found += [f"no citation of {p}" for p in expect.get("cites", ())
              if not any(c.startswith(p) for c in cited)]
    if len(reply.products) < expect.get("products", 0):
        found.append(f"{len(reply.products)} product cards, expected >= {expect['products']}")
    if "max_price" in expect:
        found += [f"{p.name} costs more than {expect['max_price']}" for p in reply.products
                  if _price(p) > expect["max_price"]]
    if "min_price" in expect:
        found += [f"{p.name} costs less than {expect['min_price']}" for p in reply.products
                  if _price(p) < expect["min_price"]]
    if "handoff" in expect and reply.handoff != expect["handoff"]:
        found.append(f"handoff {reply.handoff}, expected {expect['handoff']}")
    if expect.get("offers_human") and not (
            any(w in text for w in _HUMAN_WORDS)
            or any("human" in q.lower() or "person" in q.lower() for q in reply.quick_replies)):
        found.append("no person offered")
    if "language" in expect:
        found += _language_problems(reply.text, expect["language"])
    if kb is not None:
        found += _card_problems(reply, expect, kb, previous)
    return found


def _language_problems(text: str, language: str) -> list[str]:
    from bot.dialogue.language import languages, translations

    if language != "en" and translations.framed(text, language):
        return []  # the store's English facts, introduced in the shopper's language
    said = languages.detect(text, "?")
    return [] if said == language else [f"reply in {said}, expected {language}"]


def _price(card) -> float:
    return card.special_price if card.special_price is not None else card.price


def _card_problems(reply, expect: dict, kb, previous: tuple) -> list[str]:
    found = []
    text = reply.text.lower()
    named = lambda card: card.name.lower() in text or (reply.products and reply.products[0].sku == card.sku)
    if expect.get("names_cheapest_shown"):
        if not previous:
            found.append("no cards were shown before")
        else:
            cheapest = min(previous, key=_price)
            if not named(cheapest):
                found.append(f"does not name the cheapest shown ({cheapest.name})")
    if "names_shown_index" in expect:
        index = expect["names_shown_index"]
        if len(previous) <= index:
            found.append(f"only {len(previous)} cards were shown before")
        elif not named(previous[index]):
            found.append(f"does not name card {index + 1} shown ({previous[index].name})")
    if "cards_in_category" in expect:
        wanted = expect["cards_in_category"]
        found += [f"{c.name} is not in {wanted}" for c in reply.products
                  if not any(wanted in path for path in kb.product(c.sku).categories)]
    for key, field in (("card_colors", "colors"), ("card_sizes", "sizes")):
        if key in expect:
            wanted = {v.lower() for v in expect[key]}
            found += [f"{c.name} has no {key[5:]} {expect[key]}" for c in reply.products
                      if not wanted & {v.lower() for v in getattr(c, field)}]
    if "card_materials" in expect:
        wanted = [v.lower() for v in expect["card_materials"]]
        found += [f"{c.name} is not made of {expect['card_materials']}" for c in reply.products
                  if not any(w in m.lower() for w in wanted
                             for m in kb.product(c.sku).attributes.get("material", ()))]
    source = None
    if "card_linked_to" in expect:
        source = kb.product(expect["card_linked_to"])
    elif "cards_linked_to_shown_index" in expect:
        index = expect["cards_linked_to_shown_index"]
        if len(previous) <= index:
            found.append(f"only {len(previous)} cards were shown before")
        else:
            source = kb.product(previous[index].sku)
    if source is not None:
        links = set(source.related) | set(source.upsell) | set(source.crosssell)
        # A link may name a variant ("24-WG083-blue") of the card's product ("24-WG083").
        found += [f"{c.name} is not linked to {source.name}" for c in reply.products
                  if not any(link == c.sku or link.startswith(c.sku + "-") for link in links)]
    return found

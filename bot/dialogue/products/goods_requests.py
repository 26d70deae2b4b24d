"""A request for goods ("do you sell kayaks", "do u have lipstick") that the intent model reads
as a question about a product or about the store: answered by the product search, which shows
the goods or says plainly that the store has none, where a question naming no product and no
page would end in "I don't know".
"""

from __future__ import annotations

import re

from bot.dialogue import cues, policy, shopping_asks
from bot.dialogue.products.catalog_terms import stem
from bot.dialogue.products.search import StoreSearch
from bot.dialogue.state import DialogueState
from bot.dialogue.understanding import Understanding

#: "do you sell ...", "do u guys carry ...", "do ya have any ...", "got any ...": asks whether the
#: store has goods, by the opening alone.
REQUEST = re.compile(r"^\W*(?:(?:hi|hey|hello|so|ok|okay)\W+)?(?:(?:do|does) (?:you|u|ya|y'?all)(?: guys| all)? "
                     r"(?:sell|carry|stock|have|offer)|(?:(?:have |did )?(?:you|u|ya) )?got (?:any|some))\b", re.I)
#: What a store offers that no product search finds: its services, rules and ways of doing things
#: ("do you have a store in town", "do you offer gift wrapping", "do you sell my email").
_NOT_GOODS = re.compile(r"\b(?:my|our|mine|discounts?|coupons?|promo\w*|codes?|sales?|warrant\w*|guarantee\w*|"
                        r"gift (?:cards?|vouchers?|certificates?|wrap\w*)|vouchers?|accounts?|stores?|shops?|"
                        r"locations?|branch\w*|app|newsletter|size (?:chart|guide)|help|options?|ways?|plans?|"
                        r"financ\w*|installments?|layaway|afterpay|klarna|pay\w*|pick ?up|click and collect|"
                        r"service\w*|repairs?|install\w*|assembl\w*|price match\w*|samples?|second ?hand|"
                        r"refurbish\w*|used|sizes?|internationally|overseas|abroad|wholesale|bulk|trade|"
                        # a scheme of the store's: "do you have a loyalty points program"
                        r"loyalty|rewards?|points|programs?|programmes?|memberships?|subscriptions?|referrals?|"
                        r"schemes?)\b", re.I)
#: The store's pages this close (MiniLM cosine, `StoreSearch.relevance`) to a request for goods
#: the store does not sell speak of it ("do you sell wine": a page says no wine is sold); requests
#: for goods no page mentions measured 0.28-0.42 on four stores.
PAGES_SPEAK = 0.5


def as_search(decision: policy.Decision, text: str, nlu: Understanding, state: DialogueState,
              search: StoreSearch) -> policy.Decision:
    """The decision, or a product search where it is a product or store question that asks only
    whether the store has goods of a kind: naming none of its products, or one only as the use
    of a kind it does not sell ("do you sell bike helmets" with a road bike)."""
    if decision.action not in (policy.PRODUCT_QUESTION, policy.ANSWER) or nlu.entities.order_ids \
            or shopping_asks.asks_of_one(text, nlu.entities):
        return decision
    if not REQUEST.search(text) or _NOT_GOODS.search(text) or cues.asks_contact(text) or any(
            c.search(text) for c in (cues.ORDER_WORD, cues.RETURN_WORD, cues.SHIPPING_WORD, cues.CANCEL_WORD)):
        return decision
    kind = search.terms.asked_kind(text)
    if kind is None:
        return decision
    unsold = search.unsold(text)
    mentions = nlu.entities.products
    if any(_named_whole(m.text, search.kb.product(m.sku).name) for m in mentions):
        return decision  # "do u sell the driven backpack": that product's own question, not its kind's
    # "do u have lipstick" names the one Red Lipstick by its kind: still a request for the kind
    by_kind = all({stem(w) for w in m.text.lower().split()} <= {stem(w) for w in kind.phrase.split()}
                  for m in mentions)
    if unsold is None and ((state.named and not mentions) or not by_kind):
        return decision  # a question on one of the store's products
    if (unsold is not None or decision.action == policy.ANSWER) and search.relevance(text) >= PAGES_SPEAK:
        return decision  # a page speaks of it ("we don't hold a liquor licence")
    return policy.Decision(policy.PRODUCT_SEARCH, f"asks for goods by kind ({decision.reason})")


def _named_whole(said: str, name: str) -> bool:
    """Whether a mention holds every word of its product's name of two words or more ("the chaz
    kangeroo hoodie"), not part of it ("running shorts" of the Apollo Running Short)."""
    words = {stem(w) for w in re.findall(r"[a-z0-9']+", name.lower())}
    return len(words) > 1 and words <= {stem(w) for w in re.findall(r"[a-z0-9']+", said.lower())}

"""The dialogue policy: which action answers a message, given what NLU found and the session.

Pure: no I/O, no models. The order of the rules is the policy:
1. a human owns the session -> the bot stays quiet;
2. attempts to override the rules -> a fixed refusal (never reaches the generator);
3. the words "human", "agent", "real person" -> handoff;
4. a multi-turn flow in progress keeps the turn unless the message clearly starts something else;
5. a human-agent intent, or strongly negative sentiment on a request the bot can't act on ->
   handoff;
6. the intent's action (with a few keyword corrections); out-of-scope -> a short refusal with
   what the bot can do, and a handoff after repeated failures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models import Entities

from bot.dialogue import acknowledgements, cues, frustration, purchase_stories, shopping_asks
from bot.dialogue.store_pages import purchase_terms, service_prices, size_advice
from bot.dialogue.understanding import Understanding
from bot.types import Session

# Actions (what bot.dialogue.service runs).
QUIET = "quiet"
REFUSE_INJECTION = "refuse_injection"
HANDOFF = "handoff"
GREETING = "greeting"
THANKS = "thanks"
GOODBYE = "goodbye"
OUT_OF_SCOPE = "out_of_scope"
ORDER_STATUS = "order_status"
CANCEL_ORDER = "cancel_order"
CHANGE_ADDRESS = "change_address"
RETURN = "return"
SHIPPING_QUOTE = "shipping_quote"
PROMOTIONS = "promotions"
PRODUCT_SEARCH = "product_search"
PRODUCT_QUESTION = "product_question"
ANSWER = "answer"
#: Actions answered by the generator (grounded in retrieved facts).
GENERATIVE = frozenset({"answer", "product_question"})

#: Flows that span turns (slot filling); the session's `flow` holds one of these.
FLOWS = (ORDER_STATUS, CANCEL_ORDER, CHANGE_ADDRESS, RETURN)

_INTENT_ACTIONS = {
    "greeting": GREETING, "thanks": THANKS, "goodbye": GOODBYE,
    "contact_human_agent": HANDOFF, "contact_customer_service": HANDOFF,
    "track_order": ORDER_STATUS, "track_refund": ORDER_STATUS,
    "cancel_order": CANCEL_ORDER,
    "change_order": CHANGE_ADDRESS, "change_shipping_address": CHANGE_ADDRESS,
    "get_refund": RETURN,
    "product_search": PRODUCT_SEARCH, "product_question": PRODUCT_QUESTION,
}
_SELF_SERVICE = frozenset({ORDER_STATUS, CANCEL_ORDER, CHANGE_ADDRESS, RETURN, PRODUCT_SEARCH,
                           PRODUCT_QUESTION})
# Intents that interrupt a flow in progress (others are read as answers to its question).
_INTERRUPTS = frozenset({"contact_human_agent", "goodbye", "product_search"})
_INTERRUPT_CONFIDENCE = 0.8
# Below this confidence an in-scope intent counts as a failed understanding (for handoff).
LOW_CONFIDENCE = 0.6
#: Consecutive failed turns after which a human takes over.
MAX_FAILURES = 2

_HUMAN = re.compile(r"\b(human|real person|agent|representative|someone real|talk to (?:a )?person)\b", re.I)
# "hows shipping priced", "what do you charge for delivery"
_SHIPPING_COST = re.compile(r"\b(ship|shipping|delivery|deliver|postage)\w*\b.*\b(cost|price|how much|charge|fee|rate|quote)[sd]?\b"
                            r"|\b(cost|price|how much|charge|fee|rates?|quote)\b.*\b(ship|shipping|delivery|deliver|postage)\w*\b",
                            re.I)
# Which way to send an order: "the fastest shipping", "cheapest way to get it delivered", "what
# delivery options do you have" (Bitext's delivery_options); the table's methods answer it.
_SHIPPING_CHOICE = re.compile(r"\b(?:cheapest|least expensive|fastest|quickest|slowest)\s+(?:\w+\s+)?(?:shipping|delivery|"
                              r"postage|way to (?:ship|send|get))\b|\b(?:shipping|delivery|postage)\s+(?:options?|"
                              r"methods?|choices?)\b", re.I)
# "is shipping free over a certain amount", "do you ship for free", "free delivery?": the table's
# free-shipping rule answers it, not a page's sentence on return postage.
_FREE_SHIPPING = re.compile(r"\bfree\s+(?:shipping|delivery|postage)\b|\b(?:shipping|delivery|postage)\s+(?:is\s+|be\s+)?"
                            r"(?:\w+\s+)?free\b|\b(?:ship|deliver)\w*\s+(?:\w+\s+){0,3}?for\s+free\b", re.I)
# "sales tax" (and "sales team") is no sale: "is sales tax included in your prices" asks about tax
_PROMOTION = re.compile(r"\b(promo|promotion|coupon|discount|voucher|deal)s?\b|\bsales?\b(?! tax| team| rep)|\bcode\b",
                        re.I)
_RETURN = re.compile(r"\b(return|send (?:it|them) back|exchange)\b", re.I)
# "how do i stop getting your promo emails": the store's email list (a privacy question), not its deals.
_MAILING_LIST = re.compile(r"\b(?:unsubscribe|opt[ -]?out|stop (?:getting|receiving)|newsletters?|"
                           r"mailing list|(?:promo|promotional|marketing) e-?mails?)\b", re.I)
_RETURN_POLICY = re.compile(r"\b(how (?:long|many days|soon|will|does|much)|policy|can i (?:return|send (?:\w+ ){0,2}back)|"
                            # "can i get a full refund on an opened dvd": what a refund covers
                            r"can i (?:still )?(?:get|have|receive) (?:a |an )?(?:full |partial |complete )refund|"
                            r"window|days)\b"
                            # "when do i get my money back after a return?", "who pays return
                            # postage", "do i have to pay to send it back?", "is return postage
                            # refunded?", "if i return it ...": asks how returns work, not to start one
                            r"|^\W*(?:when|who|what|which|do|does|is|are|if)\b|\b(?:do|will) i (?:have to|need to|get)\b",
                            re.I)
# "how do i tell you that i want to return something": how to ask, though it says the wish.
_HOW_TO_ASK = (r"^\W*how\s+(?:do|can|should|would|will)\s+(?:i|we)\s+(?:tell|inform|notify|let|contact|reach|"
               r"ask|request|start|claim)\b")
# A question on how returns and refunds work, put as a case rather than a wish: a clause of
# time or condition ("after a return", "if i send it back", "before you get the item back",
# "once you receive it"; "when" not opening the question: "when do i get my refund" is the
# shopper's own), "can i still/just send it back", how to ask, "what should i do". The page
# answers it; "i want to return my order" or an order number starts the flow.
_POLICY_CASE = re.compile(
    r"(?:\b(?:after|if|once|before|until|whether)|(?<=\w )when)\s+(?:(?:a|an|the|my|i|we|you|u|it|they|someone)\s+)?"
    r"(?:\w+\s+){0,3}?(?:return|send|sent|ship|post|mail|get|got|receive|withdraw|cancel|refund|chang)\w*"
    r"|\bcan\s+(?:i|we)\s+(?:still|just|even|also|then)\s+(?:return|send|exchange|swap|get)\b"
    rf"|{_HOW_TO_ASK}|\bwhat\s+(?:should|can|do|must)\s+(?:i|we)\s+do\b|\bwhat\s+(?:now|next)\b", re.I)
# Words of refunds and returns (the `_POLICY_CASE` rule asks about these alone).
_REFUND_TOPIC = re.compile(r"\b(?:refund|reimburs|money back|return|send\s+(?:\w+\s+){0,2}back|sent\s+(?:\w+\s+){0,2}back|"
                           r"withdraw|exchange|swap)\w*", re.I)
# "do i get the shipping cost refunded if i withdraw": a question on what a refund covers, not a quote.
_REFUNDED = re.compile(r"\b(?:refund|reimburs|withdraw|money back)\w*|\b(?:get|paid)\s+(?:\w+\s+){0,3}back\b", re.I)
# The shopper saying they want to send something back, in the first person.
_WANTS_RETURN = re.compile(r"\b(?:i|we)\s*(?:'d|d|would|want|need|wanna|have|gotta|am going|'m going)\s*(?:like\s+|love\s+|)"
                           r"(?:to\s+)?(?:return|send (?:\w+ ){0,2}back|exchange)\b", re.I)
# The shopper's own order or refund ("where is my refund?"), not how refunds work.
_OWN = re.compile(r"\b(?:my|our)\b", re.I)
# The shopper in the message: a return is started by someone speaking of their own goods.
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|me|my|mine|we|we're|our|us)\b", re.I)
# A question put to the assistant ("can you start a return?"): a request, not a question on the policy.
_ASKS_YOU = re.compile(r"^\W*(?:(?:hi|hey|hello|ok|so)\W+)?(?:can|could|will|would|pls|please)\s+(?:you|u|ya)\b", re.I)
# "is the first one in stock?", "does it come in blue?" after product cards were shown.
_REFERS_TO_SHOWN = re.compile(r"\b(it|its|this one|that one|the (?:first|second|third|fourth|last|\w+) one)\b", re.I)
# Words of the store's policies: an out-of-scope verdict on them is the classifier not knowing
# this store's wording, so the pages are asked.
_POLICY_TOPIC = re.compile(r"\b(?:refund|exchange|warrant|guarantee|ship|deliver|dispatch|payment|"
                           r"pay|invoice|install|assembl|price match|quote|bulk|wholesale|covered|"
                           r"trade price|replac|repair|faulty|defect|broke|stopped working|"
                           # an item that fails: the guarantee or the returns policy answers
                           r"(?:doesn'?t|does not|won'?t|not) (?:work|switch on|turn on|charge|start))\w*", re.I)
# A quote for a quantity is a sales question for the pages, not one product's facts.
_BULK = re.compile(r"\b(?:quote|bulk|wholesale|large order|trade price|volume discount)s?\b", re.I)
# "can i exchange a jacket for a different size?": a question about the returns policy, even
# when it names goods.
_POLICY_ASK = re.compile(r"^\W*(?:can|could|may|how (?:do|can|would)) (?:i|we|you) (?:return|exchange|swap|"
                         r"refund|send back)\b", re.I)
# The shopper's own data and account ("what do you do with my personal info", "delete my
# account"): a question on the store's rules; where the pages are silent the bot says so and
# offers a person, never "I can't help with that".
_OWN_DATA = re.compile(r"\b(?:privacy|gdpr|personal (?:data|info\w*|details)|my (?:data|details|info\w*)|"
                       r"(?:delete|close|remove|erase) (?:my |an? |the )?account|loyalty|reward points?|"
                       r"rewards? (?:program\w*|scheme|card)|(?:see|share|sell|keep|store|save|use|pass)\w* (?:on )?my (?:\w+ ){0,2}"
                       r"(?:address|e-?mail|phone|number|card|details))\b", re.I)
# A question about goods ("what is the filing cabinet made of", "how heavy is the desk", "is
# the lamp dimmable?"): with a kind of goods the catalog has, a product question.
_PRODUCT_ASK = re.compile(r"^\W*(?:what|which|how|is|are|does|do|can|will|has|have)\b|\?\s*$", re.I)
# Words of changing something: "change my address", "i moved", "wrong address"
_CHANGE_WORD = re.compile(r"\b(?:change|chang\w+|update|updat\w+|edit|correct|wrong|new|different|moved?|"
                          r"typo|mistake|instead)\b", re.I)
_POLICY_WORD = re.compile(r"\b(polic(y|ies)|returns?|refunds?|exchanges?|warrant(y|ies))\b", re.I)
_STATUS_WORD = re.compile(r"\b(where|status|track|arriv|when will|shipped|deliver)\w*\b", re.I)
# "can i track my parcel", "how do i track it", "will i get tracking", "do you send a tracking
# link": a question on how tracking works, which the delivery page answers; "track my order
# pls", "can you track my package", "where is my parcel" ask to look one up (the order flow).
_ABOUT_TRACKING = re.compile(r"^\W*(?:(?:hi|hey|hello|ok|so|and|also|btw)\W+)?(?:how\s+(?:do|can|could|will|would)\s+"
                             r"(?:i|we)|(?:can|could|will|do|would)\s+(?:i|we)|is\s+(?:it|there)|are\s+(?:orders|parcels|"
                             r"packages)|does\s+(?:it|every|each|my)|do\s+(?:all|your)|do\s+(?:you|u)\s+(?:provide|give|send|"
                             r"offer|use))\b[^?.!]*?\btrack(?:ing|ed|able)?\b", re.I)
# "is the free delivery tracked": what a method's parcels get, which its rate does not say
_TRACKED = re.compile(r"\btrack(?:ed|ing|able)\b", re.I)
# "can orders be cancelled after you've posted them", "until when can an order be cancelled": how
# cancelling works, asked of no one's order (the shopper's own "cancel my order" starts the flow)
_CANCEL_IN_GENERAL = re.compile(r"\b(?:can|could|may)\s+(?:orders?|an order|they|it)\s+(?:still\s+|)be\s+cancel"
                                r"|\buntil when\b|\bhow long\b[^?.!]*\bcancel", re.I)
# "how much extra is signed for delivery", "what do you charge for a signature": a service the
# delivery page speaks of, not a rate of the shipping table (a quote would price another method)
_SIGNED_FOR = re.compile(r"\bsign(?:ed|ing)?\s+for\b|\bsignature\b|\bspecial\s+delivery\b", re.I)


@dataclass(frozen=True, slots=True)
class Decision:
    """The action for a message and why (logged and shown in the agent panel)."""

    action: str
    reason: str


def decide(session: Session, text: str, nlu: Understanding, *, injection: bool) -> Decision:
    """Pick the action for the newest message."""
    intent = nlu.intent
    if session.handoff_owner and session.handoff_owner != "queue":
        return Decision(QUIET, f"agent {session.handoff_owner} owns the session")
    if injection:
        return Decision(REFUSE_INJECTION, "message tries to change the assistant's rules")
    if _HUMAN.search(text):
        return Decision(HANDOFF, "shopper asked for a human")
    if session.flow in FLOWS and not _interrupts(session, text, nlu):
        # Before the intent rules: an email address or "yes" answers the flow's question,
        # whatever the classifier makes of it.
        return Decision(session.flow, "continuing the flow in progress")
    if acknowledgements.acknowledges(text):  # "lol ok", "hmm ok": read as a greeting or goodbye by models
        return Decision(THANKS, "acknowledges the answer; the conversation goes on")
    if intent.intent in ("contact_human_agent", "contact_customer_service"):
        return Decision(HANDOFF, "shopper asked for a human")
    # an unsure intent is read as `_when_unsure` reads it: "clogs for men" is a search the bot
    # can serve, whatever a sentiment model makes of a word it never saw
    acts = _when_unsure(text, nlu.entities) if intent.out_of_scope else _INTENT_ACTIONS.get(intent.intent)
    if acts not in _SELF_SERVICE and frustration.frustrated(text, nlu.sentiment):
        return Decision(HANDOFF, f"strongly negative message ({nlu.sentiment.score:.2f})")
    if (session.shown_products and _REFERS_TO_SHOWN.search(text) and not nlu.entities.order_ids
            and not cues.ORDER_WORD.search(text) and not _SHIPPING_COST.search(text)):
        return Decision(PRODUCT_QUESTION, "asks about a product shown earlier")
    action = _action_for(text, nlu)
    if action == RETURN and not nlu.entities.order_ids and purchase_stories.asks_if_allowed(text):
        return Decision(ANSWER, "asks whether a return or refund is still allowed (the pages' rule)")
    if action == OUT_OF_SCOPE and session.failures >= MAX_FAILURES:
        return Decision(HANDOFF, "repeated messages the bot could not handle")
    return Decision(action, f"intent {intent.intent} ({intent.confidence:.2f})")


def _interrupts(session: Session, text: str, nlu: Understanding) -> bool:
    if nlu.entities.order_ids or nlu.entities.emails:
        return False  # answering the flow's question
    intent = nlu.intent
    if intent.intent in _INTERRUPTS and intent.confidence >= _INTERRUPT_CONFIDENCE:
        return True
    # Starting another order flow ("actually, cancel it") switches flows, keeping the slots.
    other = _INTENT_ACTIONS.get(intent.intent)
    return other in FLOWS and other != session.flow and intent.confidence >= _INTERRUPT_CONFIDENCE


def _action_for(text: str, nlu: Understanding) -> str:
    intent = nlu.intent
    if _SHIPPING_COST.search(text) and not _REFUNDED.search(text) and not _SIGNED_FOR.search(text):
        return SHIPPING_QUOTE
    if _SHIPPING_CHOICE.search(text) and not _RETURN.search(text) and not _SIGNED_FOR.search(text):
        return SHIPPING_QUOTE
    if _FREE_SHIPPING.search(text) and not _RETURN.search(text) and not _REFUNDED.search(text) \
            and not cues.ORDER_WORD.search(text) and not _TRACKED.search(text):
        return SHIPPING_QUOTE
    if intent.out_of_scope:
        # The classifier is unsure; words that only a shopper uses still get an answer, and
        # the keyword corrections below still apply ("return an item from order 101").
        action = _when_unsure(text, nlu.entities)
        if action != ANSWER:
            return action
    else:
        action = _corrected(text, nlu.entities, _INTENT_ACTIONS.get(intent.intent, ANSWER))
    if action == RETURN and _RETURN_POLICY.search(text) and not nlu.entities.order_ids:
        return ANSWER  # "how long do I have to return" is a policy question, not a return
    if action == RETURN and not nlu.entities.order_ids and _about_goods_in_general(text):
        return ANSWER  # "can sale items be refunded?", "are swimsuits returnable": the policy, no one's order
    if action in (RETURN, ORDER_STATUS) and not nlu.entities.order_ids and asks_how_returns_work(text):
        return ANSWER  # "when do i get my money back after a return" asks how refunds work
    if action == ORDER_STATUS and not nlu.entities.order_ids and asks_about_tracking(text):
        return ANSWER  # "can i track my parcel": how tracking works, not a look-up
    if action == ORDER_STATUS and intent.intent == "track_refund" and not nlu.entities.order_ids \
            and not _OWN.search(text) and not _STATUS_WORD.search(text):
        return ANSWER  # "is the return postage refunded?" asks how refunds work
    if action in (CHANGE_ADDRESS, ANSWER) and _RETURN.search(text) and (
            nlu.entities.order_ids or cues.ORDER_WORD.search(text)) and not _RETURN_POLICY.search(text):
        return RETURN  # "return an item from order 101" reads like change_order to the model
    if action == ANSWER and _WANTS_RETURN.search(text) and not _RETURN_POLICY.search(text) \
            and not asks_how_returns_work(text):
        return RETURN  # "i want to return an item": the shopper's own wish, not a question on the policy
    if action in (CANCEL_ORDER, ANSWER) and not nlu.entities.order_ids and cues.CANCEL_WORD.search(text) and (
            cues.ALREADY_SENT.search(text) or not _FIRST_PERSON.search(text) and (
            _CANCEL_IN_GENERAL.search(text) or _POLICY_CASE.search(text))):
        return ANSWER  # "can orders be cancelled after you've posted them", "...if it already left": the rule
    if action == CANCEL_ORDER and not cues.CANCEL_WORD.search(text) and _STATUS_WORD.search(text):
        return ORDER_STATUS  # "my order never arrived": a write action needs the shopper's own word for it
    if action == ANSWER and cues.CANCEL_WORD.search(text) and cues.ORDER_WORD.search(text):
        return CANCEL_ORDER
    if action == ANSWER and nlu.entities.order_ids and _STATUS_WORD.search(text):
        return ORDER_STATUS
    # "the return policy on sale items" asks about returns, "stop your promo emails" about the
    # email list: neither about the promotions
    if action in (ANSWER, PRODUCT_QUESTION) and _PROMOTION.search(text) and not nlu.entities.products \
            and not _RETURN.search(text) and not _POLICY_WORD.search(text) and not _MAILING_LIST.search(text):
        return PROMOTIONS
    return action


def asks_for_human(text: str) -> bool:
    """The shopper asks for a human ("talk to a human", "an agent please", "real person")."""
    return bool(_HUMAN.search(text))


def names_a_policy(text: str) -> bool:
    """The text names something the store's pages rule on (delivery, returns, refunds, payment,
    assembly, the guarantee): "who delivers the sofa, will they bring it inside?"."""
    return bool(_POLICY_TOPIC.search(text) or _RETURN.search(text))


def asks_to_return_goods(text: str) -> bool:
    """"can i swap the hoodie for a different size", "can i return the lamp": the returns policy
    asked of goods, though the size or the product it names reads like a product question."""
    return bool(_POLICY_ASK.search(text))


def asks_about_tracking(text: str) -> bool:
    """A question on how parcels are tracked ("can i track my parcel", "will i get tracking"),
    not a request to look one up ("track my order pls", "can you track my package")."""
    return bool(_ABOUT_TRACKING.search(text))


def asks_how_returns_work(text: str) -> bool:
    """A question on how returns and refunds work put as a case (`_POLICY_CASE`), not the
    shopper's wish to return: "when do i get my money back after a return", "how do i tell you
    that i want to return something"; "i want to return my order" is not."""
    return bool(_REFUND_TOPIC.search(text) and _POLICY_CASE.search(text)) and (
        not _WANTS_RETURN.search(text) or re.search(_HOW_TO_ASK, text, re.I) is not None)


def _about_goods_in_general(text: str) -> bool:
    """A question on returns that speaks of no one's goods: no "I", "my", "we" in it, and not
    put to the assistant as a request ("can you start a return?")."""
    return bool(_PRODUCT_ASK.search(text)) and not _FIRST_PERSON.search(text) and not _ASKS_YOU.search(text)


def _when_unsure(text: str, entities: Entities) -> str:
    """The action for a message the classifier calls out of scope."""
    # "can i swap the hoodie for a different size": the returns policy, though it names goods
    returns = (_RETURN.search(text) or _BULK.search(text) or cues.ARRIVED_HARMED.search(text) or _POLICY_ASK.search(text)
               or asks_how_returns_work(text)  # "the money back after i send the jersey back"
               or (purchase_terms.asks(text) and not entities.products)  # "can i buy from u if im in germany"
               or service_prices.asks(text))  # "how much do you charge to cut a sheet of plywood"
    if entities.products and not returns and not shopping_asks.SHOPPING.search(text) and not shopping_asks.GOT_ANY.search(text) \
            and not shopping_asks.BARE_ANY.search(text):
        return PRODUCT_QUESTION  # it names one of the store's products ("do you have any X": a search)
    # "floodlights?", "LED panels please": a few words naming goods the store has
    brief = entities.kinds and len(text.split()) <= 3 and not cues.ORDER_WORD.search(text)
    for_a_use = shopping_asks.FOR_A_USE.search(text) and not _POLICY_TOPIC.search(text) and not cues.ORDER_WORD.search(text)
    if shopping_asks.SHOPPING.search(text) or ((brief or shopping_asks.asks_for_kind(text, entities.kinds) or for_a_use)
                                  and not returns and not shopping_asks.SERVICE_QUESTION.search(text)):
        return PRODUCT_SEARCH  # goods the store has, asked for in words the model lacks
    policy_words = (_PROMOTION.search(text) or cues.ORDER_WORD.search(text) or cues.asks_contact(text)
                    or returns or _POLICY_TOPIC.search(text) or _OWN_DATA.search(text))
    if (shopping_asks.GOT_ANY.search(text) or (entities.products and shopping_asks.BARE_ANY.search(text))) and not policy_words:
        return PRODUCT_SEARCH  # goods asked for, sold or not: the search answers either way
    if not policy_words and _PRODUCT_ASK.search(text) and any(
            re.search(rf"\b(?:the|this|that|these|those|your|a|an)\s+(?:\w+\s+){{0,2}}{re.escape(kind)}", text, re.I)
            for kind in entities.kinds):  # the goods as a thing ("the filing cabinet"), not "to watch"
        return PRODUCT_QUESTION  # "what is the filing cabinet made of": a question on goods the store has
    return ANSWER if policy_words else OUT_OF_SCOPE


def _corrected(text: str, entities: Entities, action: str) -> str:
    """The intent's action, corrected where the classifier misreads another store's words."""
    if action in (PRODUCT_SEARCH, PRODUCT_QUESTION) and (
            _BULK.search(text) or (action == PRODUCT_SEARCH and shopping_asks.SERVICE_QUESTION.search(text))
            or _POLICY_ASK.search(text) or (action == PRODUCT_SEARCH and asks_how_returns_work(text))
            or (not entities.products and (purchase_terms.asks(text) or size_advice.asks(text)))
            or service_prices.asks(text)):
        return ANSWER  # "do you install the lights?", "a quote for 40 chairs", "money back after i send X back"
    if action == PRODUCT_SEARCH and (shopping_asks.asks_of_one(text, entities)
                                     or (entities.products and cues.ONE_OF_A_PACK.search(text))):
        # "do you have the hoodie in red xl", "is the hoodie unisex or a mens fit": that product's
        # question; "can i buy just one bottle of the ale": its unit of sale, not a search
        return PRODUCT_QUESTION
    if action in (PRODUCT_SEARCH, PRODUCT_QUESTION, CHANGE_ADDRESS) and not entities.order_ids \
            and cues.ARRIVED_HARMED.search(text):
        return ANSWER  # "the table arrived with a cracked leg": the pages' damaged-goods rule
    if action == CHANGE_ADDRESS and not entities.order_ids and _OWN_DATA.search(text) \
            and not _CHANGE_WORD.search(text):
        return ANSWER  # "who gets to see my home address": the store's privacy rule, no address to change
    if action == ANSWER and shopping_asks.asks_for_kind(text, entities.kinds) and not any(
            p.search(text) for p in (shopping_asks.SERVICE_QUESTION, _POLICY_TOPIC, cues.ORDER_WORD, _PROMOTION,
                                     _RETURN)):
        return PRODUCT_SEARCH  # "do you have emergency exit lights" read as a policy question
    return action

"""Multi-turn order actions: status, cancellation, address change and returns.

Each flow fills its slots over several turns (order id, then the email on the order, then what the
action needs) and says nothing about an order until both id and email match the same order. The
replies are written by code from the order record and the store's return policy: the language
model never states an order's status, a date or an amount.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import date

from kb import KnowledgeBase
from kb.orders import OrderBackend
from kb.types import Order
from models import Fact

from bot.dialogue import policy, written_replies
from bot.dialogue.orders import order_changes, order_trouble, order_verification
from bot.dialogue.orders.verification_attempts import VerificationAttempts
from bot.dialogue.understanding import Understanding
from bot.types import Reply, Session

RETURN_REASONS = ("Wrong size", "Defective or damaged", "Not as described", "Changed my mind")
# An answer to "shall I ...?": people hedge and change their mind within one message ("hmm nah
# never mind, keep it", "no wait, yes cancel it"), so the last cue written decides.
_YES = re.compile(r"^\W*y\W*$|\b(yes|yeah|yea|yep|yup|sure|ok|okay|confirm\w*|please do|do it|go ahead|"
                  r"proceed|cancel (it|that|this|the order|my order)|sounds good|correct)\b", re.I)
_NO = re.compile(r"^\W*n\W*$|\b(no|nope|nah|don'?t|dont|do not|keep|leave it|never\s?mind|nvm|"
                 r"changed my mind|not any ?more|hold off|forget (it|that))\b", re.I)
# "don't cancel it": a no, though "cancel it" is written
_NEGATED = re.compile(r"\b(?:don'?t|dont|do not|never|not)\s+(?:\w+\s+)?$", re.I)
# "same email", "the one i gave before": the email the shopper typed for the order before.
_SAME_EMAIL = re.compile(r"\b(same|as before|as above|the one i (gave|used|said|sent|typed))\b", re.I)
_EMAIL_BEFORE = "email_before"
# The order's shipping method once it is opened ("how long til it gets here" is read with it).
ORDER_METHOD = "order_method"
# The shopper cannot give what verification needs ("i forgot my email", "dont have the order number").
_WITHOUT_IDENTITY = re.compile(r"\b(forg[eo]t\w*|don'?t (have|know|remember)|dont (have|know|remember)|do not (have|know|"
                               r"remember)|lost|no access|can'?t (find|remember|access|get)|cant (find|remember|access|get)|"
                               r"not sure (which|what))\b[^.?!]{0,40}\b(e-?mail|address|order number|number)\b", re.I)
# "not the jacket", "not that one": a mention the shopper takes back
# "the tote. hmm no actually the jacket": what follows the last of these is the shopper's choice.
_CHANGED_MIND = re.compile(r"\b(?:no+|nope|actually|wait|rather|instead|i mean|i meant|make it)\b", re.I)
_NOT_THIS = re.compile(r"\bnot\s+(?:the|my|that|this|a)?\s*[\w-]+", re.I)
# An order number or email in a message (what is left says something else: "the jacket").
_IDENTITY = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|#?\b\d{3,}\b")
# The whole answer to "what is your order number?": "1001", "#57", "WC-1001." (any length, as
# the store's own numbering may be short).
_BARE_NUMBER = re.compile(r"#?\s*((?:[A-Za-z]{1,4}-?)?\d{1,20})[.!]?")
_STATUS_TEXT = {
    "pending": "received and waiting for payment confirmation",
    "processing": "being prepared; it has not shipped yet",
    "shipped": "on its way",
    "delivered": "delivered",
    "canceled": "canceled",
}


@dataclass(frozen=True, slots=True)
class FlowContext:
    kb: KnowledgeBase
    orders: OrderBackend
    today: date
    verification: order_verification.VerificationPolicy = order_verification.VerificationPolicy()
    now: float = 0.0  # Unix time of the turn; 0 means time.time()
    attempts: VerificationAttempts | None = None  # wrong pairs across conversations


#: Flows that change an order: they need a recent verification.
#: Set for one turn when the store's rules refused what the flow was asked (a shopper pressing
#: for it anyway is asking for an exception: a person's call).
REFUSED = "refused"
WRITE_FLOWS = frozenset({policy.CANCEL_ORDER, policy.CHANGE_ADDRESS, policy.RETURN})
_RECONFIRM = "reconfirm"


def confirmation(text: str) -> bool | None:
    """A yes or a no to the flow's question, read from the last cue written (None: neither)."""
    cues = [(m.start(), True) for m in _YES.finditer(text) if not _NEGATED.search(text[:m.start()])]
    cues += [(m.start(), False) for m in _NO.finditer(text)]
    return max(cues)[1] if cues else None


def run(flow: str, session: Session, text: str, nlu: Understanding, ctx: FlowContext) -> Reply:
    """Advance `flow` by one turn; sets or clears `session.flow` and slots as it goes."""
    session.flow = flow
    session.slots.pop(REFUSED, None)
    _collect_slots(session, text, nlu)
    told = order_trouble.kind(text)
    if told:  # "says delivered but it's not here, order 106": kept for the status once verified
        session.slots[order_trouble.TOLD] = told
    order = _verified_order(session, ctx)
    if order is None and _WITHOUT_IDENTITY.search(text):
        # "i forgot which email i used, can you tell me?": the rule said plainly, and a person
        # offered (who can check who the shopper is); nothing about the order is confirmed
        return Reply("I can only look at an order once its number and the email address on it match, "
                     "so I can't share or confirm either of them. If you can't get to that email, a "
                     "person from our team can help.", quick_replies=("Talk to a human",), action=flow)
    if order is None:
        return _ask_for_identity(session, flow, ctx)
    if order.shipping_method:
        session.slots[ORDER_METHOD] = order.shipping_method
    if flow == policy.ORDER_STATUS:
        reply = status_reply(order, ctx, ctx.orders.returns_of(order.id, session.slots["email"]))
        return _finish(session, _with_the_problem_told(reply, order, session))
    if flow == policy.CANCEL_ORDER:
        return _cancel(session, order, text, ctx)
    if flow == policy.CHANGE_ADDRESS:
        return _change_address(session, order, text, ctx)
    return _return(session, order, text, nlu, ctx)


# --- identity ----------------------------------------------------------------------------------


def _collect_slots(session: Session, text: str, nlu: Understanding) -> None:
    step = session.slots.get("awaiting", "")
    bare = _BARE_NUMBER.fullmatch(text.strip()) if step == "order_id" else None
    if nlu.entities.order_ids or bare:
        order_id = nlu.entities.order_ids[0] if nlu.entities.order_ids else bare.group(1)
        if order_id != session.slots.get("order_id"):
            if session.slots.get("order_id") or session.verified_order:
                # a verification opens one order: another number needs its own email (an
                # email given before any number is kept: it was never used to open one)
                before = session.slots.get("email")
                order_verification.forget(session)
                session.slots.update({_EMAIL_BEFORE: before} if before else {})
            session.slots["order_id"] = order_id
    if nlu.entities.emails:
        session.slots["email"] = nlu.entities.emails[0]
    elif session.slots.get(_EMAIL_BEFORE) and not session.slots.get("email") and _SAME_EMAIL.search(text):
        # "same email": the shopper gives again the address they typed for the last order (it
        # opens this one only if it is this order's email too)
        session.slots["email"] = session.slots[_EMAIL_BEFORE]
    if session.flow == policy.RETURN and step not in ("reason", "item"):
        # "return the jacket from order 108": the item, named before the order could be opened
        words = _IDENTITY.sub(" ", text).strip(" ,.!?")
        if words:
            session.slots["item_said"] = words[:200]
    if step == "address" and not nlu.entities.order_ids and len(text.strip()) >= 10:
        session.slots["address"] = " ".join(text.split())
    elif step == "reason" and text.strip():
        session.slots["reason"] = text.strip()[:200]


def _verified_order(session: Session, ctx: FlowContext) -> Order | None:
    now = ctx.now or time.time()
    order_verification.expire(session, ctx.verification, now)
    if session.flow in WRITE_FLOWS and session.verified_order and \
            not order_verification.fresh_for_writes(session, ctx.verification, now):
        order_verification.forget(session)  # confirm who you are before anything changes
        session.slots[_RECONFIRM] = "1"
        return None
    order_id, email = session.slots.get("order_id"), session.slots.get("email")
    if not order_id or not email:
        return None
    order = order_verification.verify(session, ctx.orders, order_id, email, now, ctx.attempts)
    if order is None:  # a correction replaces one slot: keep the number, ask for the email again
        session.slots["order_id"] = order_id
    else:
        session.slots.pop(_RECONFIRM, None)
    return order


def _ask_for_identity(session: Session, flow: str, ctx: FlowContext) -> Reply:
    failures = order_verification.failures(session)
    if order_verification.locked(session):
        _clear_flow(session)
        session.handoff_owner = "queue"
        return Reply("I couldn't match that order number and email address. I'm passing you to a "
                     "human agent who can check your order with you.", handoff=True, action="handoff")
    prefix = ("I couldn't find an order with that order number and email address. "
              if failures and not session.slots.get("email") else
              "Before I change anything, please confirm the order number and email again. "
              if session.slots.get(_RECONFIRM) and not session.slots.get("order_id") else "")
    if not session.slots.get("order_id"):
        session.slots["awaiting"] = "order_id"
        example = ctx.orders.order_number_example
        rule = None if prefix else _change_rule(flow, ctx.kb)
        opening = f"{rule.text} " if rule else "Sure, I can help with that. "
        return Reply(prefix + opening + "What is your order number? You'll find it in your order confirmation "
                     "email" + (f" (for example {example})." if example else "."), action=flow,
                     citations=(written_replies.citation(ctx.kb.passage(rule.id), rule.text),) if rule else ())
    session.slots["awaiting"] = "email"
    return Reply(prefix + "Thanks. To protect your privacy, what is the email address on the order?",
                 action=flow)


def _change_rule(flow: str, kb: KnowledgeBase) -> Fact | None:
    """"can i still cancel?": the pages' rule on until when an order can be cancelled or changed,
    said before the question that lets the flow check the order itself (None: no such rule)."""
    if flow not in (policy.CANCEL_ORDER, policy.CHANGE_ADDRESS):
        return None
    return order_changes.rule([Fact(p.id, p.text) for a in kb.articles for p in a.passages])


# --- the actions -------------------------------------------------------------------------------


def status_reply(order: Order, ctx: FlowContext, returns: list | tuple = ()) -> Reply:
    """The status of an order whose number and email matched, written from its record (and
    its returns': "where is my refund" is answered by them)."""
    parts = [f"Order #{order.id}, placed on {_day(order.created)}, is {_STATUS_TEXT.get(order.status, order.status)}."]
    if order.status == "shipped" and order.shipped:
        parts.append(f"It shipped on {_day(order.shipped)}" +
                     (f" with tracking number {order.tracking}." if order.tracking else "."))
    if order.status == "delivered" and order.delivered:
        parts.append(f"It was delivered on {_day(order.delivered)}.")
    parts.append("Items: " + "; ".join(f"{i.qty} × {i.name}" for i in order.items) + ".")
    names = {i.sku: i.name for i in order.items}
    parts += [f"Return {r.reference} ({names.get(r.item_sku, r.item_sku)}), opened on {_day(r.created)}: "
              + ("refunded." if r.status == "refunded" else "received, the refund is not issued yet.")
              for r in returns]
    quick = ("Cancel this order",) if order.status in ("pending", "processing") else \
        ("Return an item",) if order.status == "delivered" else ()
    return Reply(" ".join(parts), quick_replies=quick, action=policy.ORDER_STATUS)


def _with_the_problem_told(reply: Reply, order: Order, session: Session) -> Reply:
    """The status, and a person offered where the record cannot settle the problem told."""
    added = order_trouble.after_status(session.slots.get(order_trouble.TOLD, ""), order.status)
    if not added:
        return reply
    return replace(reply, text=f"{reply.text} {added}", quick_replies=(*reply.quick_replies, "Talk to a human"))


def _cancel(session: Session, order: Order, text: str, ctx: FlowContext) -> Reply:
    from kb.errors import OrderNotCancellable

    if order.status not in ("pending", "processing"):
        _clear_flow(session)
        hint = " Once it arrives you can return it within the return window." \
            if order.status == "shipped" else ""
        return _refuse(session, Reply(
            f"Order #{order.id} is already {order.status}, so it can no longer be canceled.{hint}",
            quick_replies=("Return an item",) if order.status == "delivered" else (), action=policy.CANCEL_ORDER))
    if session.slots.get("awaiting") != "confirm_cancel":
        session.slots["awaiting"] = "confirm_cancel"
        items = "; ".join(f"{i.qty} × {i.name}" for i in order.items)
        return Reply(f"Order #{order.id} ({items}) has not shipped yet. Shall I cancel it?",
                     quick_replies=("Yes, cancel it", "No, keep it"), action=policy.CANCEL_ORDER)
    answer = confirmation(text)
    if answer is False:
        return _finish(session, Reply(f"Okay, order #{order.id} stays as it is.", action=policy.CANCEL_ORDER))
    if answer is None:
        return Reply(f"Please reply yes to cancel order #{order.id}, or no to keep it.",
                     quick_replies=("Yes, cancel it", "No, keep it"), action=policy.CANCEL_ORDER)
    try:
        canceled = ctx.orders.cancel(order.id, session.slots["email"])
    except OrderNotCancellable as error:
        return _refuse(session, Reply(str(error), action=policy.CANCEL_ORDER))
    order_verification.record_change(session, "cancel", canceled.id, session.slots["email"],
                                     "canceled", ctx.now or None)
    return _finish(session, Reply(f"Done: order #{canceled.id} is canceled. You won't be charged "
                                  "for it.", action=policy.CANCEL_ORDER))


def _change_address(session: Session, order: Order, text: str, ctx: FlowContext) -> Reply:
    from kb.errors import OrderNotChangeable

    if order.status not in ("pending", "processing"):
        return _refuse(session, Reply(f"Order #{order.id} is already {order.status}, so its delivery "
                                      "address can't be changed any more.", action=policy.CHANGE_ADDRESS))
    address = session.slots.get("address")
    if not address:
        session.slots["awaiting"] = "address"
        return Reply(f"Order #{order.id} hasn't shipped yet, so I can change where it goes. "
                     "What is the new delivery address?", action=policy.CHANGE_ADDRESS)
    try:
        changed = ctx.orders.change_address(order.id, session.slots["email"], address)
    except OrderNotChangeable as error:
        return _refuse(session, Reply(str(error), action=policy.CHANGE_ADDRESS))
    order_verification.record_change(session, "change_address", changed.id,
                                     session.slots["email"], "delivery address changed",
                                     ctx.now or None)
    return _finish(session, Reply(f"Updated: order #{changed.id} will be delivered to "
                                  f"{changed.shipping_address}.", action=policy.CHANGE_ADDRESS))


def _return(session: Session, order: Order, text: str, nlu: Understanding, ctx: FlowContext) -> Reply:
    from kb.errors import ReturnNotAllowed

    return_policy = ctx.kb.return_policy
    if return_policy is None:  # the store states no window: nothing for code to check
        return _finish(session, Reply(
            f"I can't open returns here: this store hasn't given me a return window to check "
            f"order #{order.id} against. A person from our team can help you with the return.",
            quick_replies=("Talk to a human",), action=policy.RETURN))
    citation = written_replies.citation(ctx.kb.passage(return_policy.passage_id))
    if order.status != "delivered" or order.delivered is None:
        quick = ("Cancel this order",) if order.status in ("pending", "processing") else ()
        return _finish(session, Reply(
            f"Order #{order.id} is {_STATUS_TEXT.get(order.status, order.status)}, so there is nothing "
            "to return yet. Returns start once an order has been delivered.",
            quick_replies=quick, action=policy.RETURN))
    age = (ctx.today - order.delivered).days
    if age > return_policy.window_days:
        return _refuse(session, Reply(
            f"Order #{order.id} was delivered on {_day(order.delivered)}, {age} days ago. Our policy "
            f"accepts returns within {return_policy.window_days} days of receipt, so it can't be "
            "returned online. A human agent can look at defective items.",
            citations=(citation,), quick_replies=("Talk to a human",), action=policy.RETURN))
    item = _chosen_item(session, order, text, nlu, ctx.kb)
    if item is None and session.slots.get("item_said"):
        item = _chosen_item(session, order, session.slots["item_said"], nlu, ctx.kb)
    if item is None:
        session.slots["awaiting"] = "item"
        # the items in the text too: a channel without buttons still shows what there is to choose
        names = ", ".join(i.name for i in order.items[:6])
        return Reply(f"Which item of order #{order.id} would you like to return: {names}?",
                     quick_replies=tuple(i.name for i in order.items)[:6], action=policy.RETURN)
    reason = session.slots.get("reason")
    if not reason:
        session.slots["awaiting"] = "reason"
        return Reply(f"Why are you returning the {item.name}?", quick_replies=RETURN_REASONS,
                     action=policy.RETURN)
    try:
        request = ctx.orders.create_return(order.id, session.slots["email"], item.sku, reason,
                                           ctx.today)
    except ReturnNotAllowed as error:
        return _refuse(session, Reply(str(error), citations=(citation,), action=policy.RETURN))
    conditions = "; ".join(c.rstrip(".") for c in return_policy.conditions)
    order_verification.record_change(session, "return", order.id, session.slots["email"],
                                     f"return {request.reference} of {item.sku}", ctx.now or None)
    return _finish(session, Reply(
        f"Your return of the {item.name} is registered: reference {request.reference}. Please "
        "note the reference on the packing slip when you send it back."
        + (f" Our return conditions: {conditions}." if conditions else ""),
        citations=(citation,), action=policy.RETURN))


def _chosen_item(session: Session, order: Order, text: str, nlu: Understanding, kb: KnowledgeBase):
    by_sku = {i.sku: i for i in order.items}
    chosen = by_sku.get(session.slots.get("item_sku", ""))
    if chosen is not None and len(order.items) > 1 and session.slots.get("awaiting") == "reason":
        # "not the jacket, the capri pants": another item replaces the chosen one, and the
        # message was no reason
        other = _named_item(session, order, text, nlu, kb)
        if other is not None and other is not chosen:
            session.slots.pop("reason", None)
            return other
    if chosen is not None:
        return chosen
    if len(order.items) == 1:
        session.slots["item_sku"] = order.items[0].sku
        return order.items[0]
    return _named_item(session, order, text, nlu, kb)


def _named_item(session: Session, order: Order, text: str, nlu: Understanding, kb: KnowledgeBase):
    """The one item of the order a message names (by name, sku or category words; what follows
    "not" is what the shopper does not mean, and after "the tote, no actually the jacket" the
    item named last), or None."""
    cues = list(_CHANGED_MIND.finditer(text))
    if cues:
        later = _one_named_item(session, order, text[cues[-1].end():], nlu, kb, by_entity=False)
        if later is not None:
            return later
    return _one_named_item(session, order, text, nlu, kb)


def _one_named_item(session: Session, order: Order, text: str, nlu: Understanding, kb: KnowledgeBase,
                    by_entity: bool = True):
    text = _NOT_THIS.sub(" ", text)
    lowered = text.lower()
    for item in order.items:
        if item.name.lower() in lowered or item.sku.lower() in lowered or by_entity and any(
                m.sku == item.sku or item.sku.startswith(m.sku + "-") for m in nlu.entities.products):
            session.slots["item_sku"] = item.sku
            return item
    # "the jacket", "the sports bra": words of one item's name or catalog category, by stem.
    words = {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", lowered)} - {"the", "and", "one", "item"}
    matching = [i for i in order.items if words & _item_words(i, kb)]
    if len(matching) == 1:
        session.slots["item_sku"] = matching[0].sku
        return matching[0]
    return None


def _item_words(item, kb: KnowledgeBase) -> set[str]:
    """An order item's name words and its product's category words ("Jackets"), stemmed."""
    words = set(re.findall(r"[a-z]{3,}", item.name.lower()))
    product = next((p for p in kb.products if item.sku == p.sku or item.sku.startswith(p.sku + "-")), None)
    for path in product.categories if product else ():
        words |= set(re.findall(r"[a-z]{3,}", path.split("/", 1)[-1].lower()))
    return {w.rstrip("s") for w in words} - {"top", "bottom", "collection", "new", "promotion"}


def _finish(session: Session, reply: Reply) -> Reply:
    """End the flow; the verified order and email stay for follow-up requests."""
    _clear_flow(session)
    return reply


def _refuse(session: Session, reply: Reply) -> Reply:
    """End the flow with the store's rules saying no (marked for the next turn)."""
    _clear_flow(session)
    session.slots[REFUSED] = session.flow or reply.action
    return reply


def _clear_flow(session: Session) -> None:
    session.flow = ""
    for slot in ("awaiting", "address", "reason", "item_sku", "item_said", _RECONFIRM,
                 order_verification.FAILURES_SLOT, order_trouble.TOLD):
        session.slots.pop(slot, None)


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"

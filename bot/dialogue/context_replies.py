"""Replies written by code for the conversation-aware actions of `bot.dialogue.context`.

Every fact comes from the store's data: the rate table and its surcharges, the promotions and
the return window. Product answers, comparisons and recommendations are in
`bot.dialogue.products.product_answers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kb import KnowledgeBase
from models import Fact

from bot.dialogue import written_replies
from bot.dialogue.grounding.facts import split_sentences
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import delivery
from bot.dialogue.written_replies import money
from bot.types import Reply

ABOUT_BOT_TEXT = ("Yes, I'm the store's automated assistant, not a person. I can answer questions "
                  "about products, shipping and returns and check orders; if you'd like a person, "
                  "just say so and I'll connect you.")


def shipping_quote(kb: KnowledgeBase, state: DialogueState) -> Reply | None:
    """The quote for the state's slots; a subtotal that earns free shipping says so instead of
    quoting prices the shopper won't pay. None when the store has no parsed table."""
    table, slots = kb.shipping, state.quote
    if table is None:
        return None
    cur = table.currency
    elsewhere = delivery.method_not_there(table, slots.method, slots.region)
    if elsewhere:  # "next day to montreal" when the courier serves Ontario only: what does go there
        slots.method = None
        quote = shipping_quote(kb, state)
        return replace(quote, text=f"{elsewhere} {quote.text}") if quote else None
    try:
        # a method priced by weight is listed by its bands, not left out of a quote of the others
        if slots.weight is None and table.needs_weight(slots.subtotal or 0.0, slots.method, slots.region) \
                and (bands := _rate_list(table, slots)):
            ids = [table.table_passage_id] if table.table_passage_id else []
            return Reply(bands, citations=tuple(written_replies.citation(kb.passage(i)) for i in ids),
                         action="shipping_quote")
        quotes = table.quote(slots.subtotal or 0.0, slots.method, slots.region, slots.weight)
    except ValueError as error:
        if (slots.weight is None or slots.region is None) and (bands := _rate_list(table, slots)):
            # priced by weight, or only in some regions, and not told which: the table's rows
            ids = [table.table_passage_id] if table.table_passage_id else []
            return Reply(bands, citations=tuple(written_replies.citation(kb.passage(i)) for i in ids),
                         action="shipping_quote")
        return Reply(f"I can't quote that: {error}.", action="shipping_quote")
    ids = list(dict.fromkeys(i for q in quotes for i in q.passage_ids))
    prices = written_replies.quote_prices(quotes, cur)
    code = table.region(slots.region) if slots.region else None
    free = _free_shipping(kb)
    if slots.subtotal is not None and free and slots.subtotal >= free[0]:
        promotion = free[1]
        ids.append(promotion.passage_id)
        text = (f"Your {money(slots.subtotal, cur)} order qualifies for our promotion \"{promotion.name}\", "
                f"so shipping is free at checkout. The regular rate would be: {prices}.")
    elif slots.subtotal is not None:
        text = f"For a {money(slots.subtotal, cur)} order, shipping is: {prices}."
        # free by the method's own rule: the rule said, so "is it free over 100?" hears the threshold
        text += _free_from(table, quotes, code, lambda q, over: q.free and slots.subtotal >= over)
        if free:
            text += (f" Orders of {money(free[0], cur)} or more ship free. {money(free[0] - slots.subtotal, cur)}"
                     " more would make this order ship free.")
        else:
            text += _free_over(table, quotes, slots.subtotal, code) + _not_free_there(table, quotes, slots.subtotal, code)
    else:
        limit = table.rates[0].max_total
        upto = f"For orders up to {money(limit, cur)}: " if limit is not None else ""
        text = (f"Shipping depends on your merchandise total. {upto}{prices}. "
                "Tell me your order total and I'll quote it exactly.")
        if free:
            text += f" Orders of {money(free[0], cur)} or more ship free."
        else:  # no total yet: the methods' own free-shipping rules ("is shipping ever free?")
            text += _free_from(table, quotes, code, lambda q, over: not q.free)
    region = table.regions.get(table.region(slots.region), slots.region) if slots.region else None
    if region and any(q.surcharge for q in quotes):
        surcharged = next(q for q in quotes if q.surcharge)
        title = written_replies.method_title(surcharged.method, surcharged.label)
        text += f" {title} includes the {money(surcharged.surcharge, cur)} surcharge for {region}."
    elif region and table.surcharges:  # a store with no surcharges at all has nothing to deny
        text += f" No {region} surcharge applies to {', '.join(written_replies.method_word(q.method, q.label) for q in quotes)}."
    return Reply(text, citations=tuple(written_replies.citation(kb.passage(i)) for i in ids),
                 action="shipping_quote")


def _rate_list(table, slots) -> str:
    """"Shipping is priced by the parcel's weight. Expedited to Ontario, Quebec: up to 2 kg
    $12.00; ..." for the asked method (else each) and region (else each row's regions), with
    the methods' flat rates and free-shipping rules: what a table priced by weight, or a method
    sold only in some regions ("courier to Ontario: $19.95"), costs when the message does not
    say the weight or the region; "" when neither is what the quote lacks."""
    cur, unit = table.currency, table.weight_unit or ""
    try:
        region = table.region(slots.region) if slots.region else None
        methods = [table.method(slots.method).code] if slots.method else list(table.methods)
    except ValueError:
        return ""
    asked = [r for r in table.rates if r.method in methods]
    weighed = any(r.by_weight for r in asked)
    if not weighed and (region is not None or not any(r.regions for r in asked)):
        return ""
    parts = []
    for method in methods:
        label = table.method(method).label
        rows = [r for r in table.rates if r.method == method and (region is None or not r.regions
                                                                  or region in r.regions)]
        if region is not None:  # the first row of each band that serves the region wins
            rows = [r for i, r in enumerate(rows) if not any(
                (o.min_weight, o.max_weight) == (r.min_weight, r.max_weight) for o in rows[:i])]
        groups: dict[tuple[str, ...], list] = {}
        for row in rows:
            groups.setdefault(() if region else row.regions, []).append(row)
        details = table.method(method)
        for regions, group in groups.items():
            where = (" to " + ", ".join(table.regions.get(c, c) for c in regions)) if regions else (
                f" to {table.regions.get(region, region)}" if region else " elsewhere" if len(groups) > 1 else "")
            prices = ", ".join(f"{_band(r, unit, group)}{money(r.price, cur) if r.price else 'free'}"
                               for r in group)
            # a free rule of some regions is said with the rows of those regions only
            free_here = details.free_regions and regions and set(regions) <= set(details.free_regions)
            free_note = f" (free on orders of {money(details.free_over, cur)} or more)" if free_here else ""
            parts.append(f"{label}{where}: {prices}{free_note}")
        if details.free_over is not None and rows and not details.free_regions:
            parts[-1] += f" (free on orders of {money(details.free_over, cur)} or more)"
    if not parts:
        return ""
    if weighed:
        return ("Shipping is priced by the parcel's weight. " + "; ".join(parts) +
                f". Tell me the parcel weight{f' in {unit}' if unit else ''} and I'll quote it exactly.")
    return "Shipping: " + "; ".join(parts) + ". Tell me where it's going and I'll quote it exactly."


def _band(row, unit: str, group) -> str:
    if row.max_weight is not None:
        return f"up to {row.max_weight:g} {unit} ".replace("  ", " ")
    if row.min_weight is not None:
        # a band written "from 10.001" continues one that ends at 10: "over 10 kg"
        below = [r.max_weight for r in group if r.max_weight is not None
                 and 0 <= row.min_weight - r.max_weight <= 0.01]
        return f"over {max(below, default=row.min_weight):g} {unit} ".replace("  ", " ")
    return ""


def delivery_time(kb: KnowledgeBase, state: DialogueState, region: str | None = None) -> Reply | None:
    """How long each (or the asked) method takes, from the rate table's labels and the days the
    store states apart from them; with the ``region`` the message names, the methods serving it."""
    table = kb.shipping
    if table is None:
        return None
    # every method the store lists: a quote would leave out those priced by weight or sold only
    # in some regions, and their days don't depend on either
    try:
        codes = [table.method(state.quote.method).code] if state.quote.method else list(table.methods)
    except ValueError:
        codes = list(table.methods)
    if region and not state.quote.method:  # "how long to sydney": not the methods that never go there
        code = table.region(region)
        codes = [c for c in codes if any(r.method == c and (not r.regions or code in r.regions)
                                         for r in table.rates)] or codes
    methods = [table.method(code) for code in codes]
    ids = [table.table_passage_id] if table.table_passage_id else []
    lines = "; ".join(f"{m.label}{written_replies.stated_days(m)}"
                      if written_replies.names_service(m.code, m.label)
                      else f"{m.code}: {m.label}{written_replies.stated_days(m)}" for m in methods)
    return Reply(f"Delivery times by method: {lines}.",
                 citations=tuple(written_replies.citation(kb.passage(i)) for i in ids), action="answer")


def quote_basis(kb: KnowledgeBase) -> Reply | None:
    """What a quoted shipping price is charged on ("is that per item?"), from the rate table's
    rows: once per order, by parcel weight or by merchandise total."""
    table = kb.shipping
    if table is None:
        return None
    if any(r.by_weight for r in table.rates):
        basis = "priced by the parcel's weight"
    elif any(r.max_total is not None or r.min_total for r in table.rates):
        basis = "priced by the order's merchandise total"
    elif any(r.regions for r in table.rates):
        basis = "priced by the method and the delivery region"
    else:
        basis = "one rate per method"
    ids = [table.table_passage_id] if table.table_passage_id else []
    return Reply(f"Shipping is charged once per order, not per item: {basis}.",
                 citations=tuple(written_replies.citation(kb.passage(i)) for i in ids),
                 action="shipping_quote")


def _free_from(table, quotes, region: str | None, says) -> str:
    """" Parcel post is free from C$99.00." for each quoted method with its own free-shipping
    rule that holds for ``region`` and that ``says(quote, threshold)`` is worth saying."""
    said = ""
    for quote in quotes:
        over = table.method(quote.method).free_over
        if written_replies.free_rule_holds(table, quote.method, region) and says(quote, over):
            where = written_replies.free_where(table, quote.method) if region is None else ""
            said += (f" {written_replies.method_title(quote.method, quote.label)} is free{where} from "
                     f"{money(over, table.currency)}.")
    return said


def _free_over(table, quotes, subtotal: float, region: str | None) -> str:
    """The methods' own free-shipping rules (that hold for ``region``) the subtotal falls short
    of, with how much more earns them ("how much more for free delivery" is answered by the
    quote itself)."""
    rules = {q.method: table.method(q.method).free_over if written_replies.free_rule_holds(
        table, q.method, region) else None for q in quotes if not q.free}
    short = {m: v for m, v in rules.items() if v is not None and subtotal < v}
    if not short:
        return ""
    cur = table.currency
    where = {m: written_replies.free_where(table, m) if region is None else "" for m in short}
    if len(set(short.values())) == 1 and len(short) == len(rules) and len(set(where.values())) == 1:
        free = next(iter(short.values()))  # every quoted method alike
        return (f" Orders of {money(free, cur)} or more ship free{next(iter(where.values()))}. "
                f"{money(free - subtotal, cur)} more would make this order ship free.")
    return "".join(f" {written_replies.method_title(m, table.method(m).label)} is free{where[m]} from {money(v, cur)}:"
                   f" {money(v - subtotal, cur)} more would make it free." for m, v in short.items())


def _not_free_there(table, quotes, subtotal: float, region: str | None) -> str:
    """" UPS Ground's free shipping from $99.00 is only to the lower 48 states." when the order
    reaches a method's free rule but goes where that rule does not hold (never a silent rate)."""
    if region is None:
        return ""
    said = ""
    for quote in quotes:
        method = table.method(quote.method)
        if method.free_regions and region not in method.free_regions and method.free_over is not None \
                and subtotal >= method.free_over:
            said += (f" {written_replies.method_title(quote.method, quote.label)}'s free shipping from "
                     f"{money(method.free_over, table.currency)} is only"
                     f"{written_replies.free_where(table, quote.method)}.")
    return said


def _free_shipping(kb: KnowledgeBase):
    if kb.promotions is None:
        return None
    threshold = kb.promotions.free_shipping_threshold()
    if threshold is None:
        return None
    promotion = next(p for p in kb.promotions.all() if p.free_shipping and p.min_subtotal == threshold)
    return threshold, promotion


def surcharge(kb: KnowledgeBase, state: DialogueState) -> Reply | None:
    """Which methods the regional surcharge applies to, from the table's surcharge rows."""
    table = kb.shipping
    if table is None or not table.surcharges:
        return None
    cur = table.currency
    lines, ids = [], []
    for extra in table.surcharges:
        regions = ", ".join(extra.regions)
        others = [m for m in table.methods if m != extra.method]
        lines.append(f"The {money(extra.amount, cur)} surcharge for deliveries to {regions} applies to "
                     f"{extra.method} shipping only" + (f", not to {' or '.join(others)}." if others else "."))
        ids += [extra.passage_id] if extra.passage_id else []
    return Reply(" ".join(lines), citations=tuple(written_replies.citation(kb.passage(i)) for i in ids),
                 action="shipping_quote")


def return_window(kb: KnowledgeBase) -> Reply | None:
    """The return window parsed from the store's return policy (None without one)."""
    policy = kb.return_policy
    if policy is None:
        return None
    passage = kb.passage(policy.passage_id)
    return Reply(f"You can return items within {policy.window_days} days of receipt.",
                 citations=(written_replies.citation(passage),), action="answer")


#: "who pays return postage?", "is return shipping free", "do I pay for the return label".
RETURN_SHIPPING_QUESTION = re.compile(
    r"\b(?:who|do i|do you|will i|have to|is|are)\b[^?]*\b(?:pay|pays|paid|free|cost|costs|charge)\b"
    r"[^?]*\breturn\w*\s+(?:shipping|postage|label|delivery|costs?|fees?)\b"
    r"|\breturn\w*\s+(?:shipping|postage|label|delivery)\b[^?]*\b(?:free|paid|cost|costs|pay|charge)\b"
    # "who pays the postage if i send it back": postage or shipping paid, for goods sent back
    r"|\b(?:who|do i|do you|will i|have to)\b[^?]*\b(?:pay|pays|paid|cost|costs|charge)\b[^?]*\b(?:postage|shipping)\b"
    r"[^?]*\b(?:send|sent|mail|post|bring|ship)\w*\s+(?:\w+\s+){0,2}back\b",
    re.I)


def return_shipping(kb: KnowledgeBase, pages: Sequence[Fact] = ()) -> Reply | None:
    """Who pays to send a return back, as the store's settings say (None when they don't)."""
    policy = kb.return_policy
    if policy is None or not policy.return_shipping_paid_by:
        return None
    text = ("Return shipping is paid by the customer: you pay to send a return back to us."
            if policy.return_shipping_paid_by == "customer"
            else "Return shipping is paid by us: you don't pay to send a return back.")
    said = _return_postage_sentence(pages)
    if said is None:
        return Reply(text, citations=(written_replies.citation(kb.passage(policy.passage_id)),),
                     action="answer")
    # the page's own words keep its condition ("unless we got something wrong")
    passage_id, sentence = said
    return Reply(f"{text} {sentence}", citations=(written_replies.citation(kb.passage(passage_id), sentence),),
                 action="answer")


_POSTAGE_WORD = re.compile(r"\b(?:postage|shipping costs?|return shipping|delivery costs?|cost of return\w*)\b", re.I)
_PAYS_WORD = re.compile(r"\b(?:pay|pays|paying|paid|responsible|bear|free|charge\w*)\b", re.I)
_BACK_WORD = re.compile(r"\b(?:return\w*|back)\b", re.I)


def _return_postage_sentence(pages: Sequence[Fact]) -> tuple[str, str] | None:
    """The first sentence of the pages saying who pays to send goods back (the passage id and the
    sentence): it names postage or shipping costs, paying, and a return."""
    for fact in pages:
        for sentence in split_sentences(fact.text):
            if _POSTAGE_WORD.search(sentence) and _PAYS_WORD.search(sentence) and _BACK_WORD.search(sentence):
                return fact.id, sentence.strip()
    return None


#: How a refund reaches the shopper, not whether one is due: "how do i get my money back",
#: "how will i be refunded", "does the refund go back on my card", "store credit or cash?".
REFUND_METHOD_QUESTION = re.compile(
    r"\bhow\b(?!\s+(?:much|long|many|soon|fast|quickly)\b)(?:\s+\w+){0,3}?\s+(?:i|we|you|u)\s+(?:get\s+(?:my|the|your)"
    r"\s+(?:money|refund|cash)|get\s+(?:refunded|reimbursed|credited)|receive\s+(?:my|the|your)\s+(?:money|refund)"
    r"|be\s+(?:paid|refunded|credited|reimbursed))\b"
    r"|\bhow\s+(?:are|is|do\s+you\s+(?:pay|issue|send))\s+(?:the\s+|my\s+|your\s+)?(?:refunds?|money)\b"
    r"(?:\s+(?:paid|issued|given|sent|made|credited|returned|processed|back))?"
    r"|\b(?:refunds?|money)\s+(?:go(?:es)?|get|gets|is|be|will\s+be)?\s*(?:paid|sent|credited|put|going)?\s*"
    r"(?:back\s+)?(?:to|on|onto|into)\s+(?:my|the)\s+(?:card|credit\s+card|debit\s+card|original|account|bank|paypal)"
    r"|\b(?:store\s+credit|gift\s+card|cash)\s+(?:or|instead\s+of)\s+(?:a\s+)?(?:refund|cash|money\s+back|store\s+credit)"
    r"|\b(?:cash|money|card)\s+(?:back\s+)?(?:not|rather\s+than|instead\s+of)\s+(?:a\s+)?(?:voucher|store\s+credit|"
    r"gift\s+card|credit)"
    r"|\bwhat\s+(?:form|kind|type|sort)\s+of\s+refund", re.I)
#: A question on when the money comes, which the settings' refund methods don't answer: "how
#: long before the money is back on my card", "when will the refund be on my card".
REFUND_TIME_QUESTION = re.compile(r"\bhow\s+(?:long|soon|quickly|fast|many\s+(?:days|weeks))\b|^\W*when\b"
                                  r"|\bwhen\s+(?:will|do|does|would|is|can)\b", re.I)
_REFUND_WORD = re.compile(r"\b(refund\w*|credit\w*|reimburs\w*|money back)\b", re.I)


def refund_method(kb: KnowledgeBase, pages: Sequence[Fact]) -> Reply | None:
    """How a refund is paid, as the store's settings name it, with the sentence of its pages
    that says so (the one sharing most words with the settings' methods); None when the
    settings name no refund method."""
    policy = kb.return_policy
    if policy is None or not policy.refund_methods:
        return None
    methods = "; ".join(m.rstrip(".") for m in policy.refund_methods)
    named = {w for m in policy.refund_methods for w in re.findall(r"[a-z]{4,}", m.lower())}
    scored = [(len(named & set(re.findall(r"[a-z]{4,}", s.lower()))), fact.id, s)
              for fact in pages for s in split_sentences(fact.text) if _REFUND_WORD.search(s)]
    best = max(scored, key=lambda row: row[0], default=None)
    if best is None or best[0] == 0:
        ids = [policy.passage_id] if policy.passage_id else []
        return Reply(f"How refunds are made: {methods}.",
                     citations=tuple(written_replies.citation(kb.passage(i)) for i in ids), action="answer")
    _, passage_id, sentence = best
    return Reply(f"How refunds are made: {methods}. {sentence.strip()}",
                 citations=(written_replies.citation(kb.passage(passage_id), sentence.strip()),),
                 action="answer")

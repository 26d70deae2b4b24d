"""Shipping questions the rate table alone can't answer, written by code from the store's data:
a place the table doesn't price ("how much to ship to canada", "PO box") and a date the shopper
needs the order by ("need it by tuesday", "before christmas").

A price is never guessed for a place outside the table, and a delivery date is never promised:
the replies say what the table covers (or how long each method takes and its cut-off), quote
what the store's own shipping page says on the matter, and offer a person. Place and date words
are the shopper's language, not a store's; the table's regions and methods come from its data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from kb import KnowledgeBase, Passage
from kb.shipping import US_REGIONS, ShippingTable

from bot.dialogue import written_replies
from bot.dialogue.store_pages import shipping_names
from bot.types import Reply

UNPRICED_PLACE = "unpriced_place"
DEADLINE = "delivery_deadline"

_COUNTRIES = (
    "canada|mexico|uk|u\\.k\\.|united kingdom|england|scotland|wales|ireland|france|germany|spain|"
    "italy|portugal|netherlands|holland|belgium|switzerland|austria|sweden|norway|denmark|finland|"
    "poland|greece|turkey|israel|russia|ukraine|india|china|japan|korea|south korea|taiwan|"
    "hong kong|singapore|philippines|vietnam|thailand|indonesia|malaysia|australia|new zealand|"
    "brazil|argentina|chile|colombia|peru|south africa|nigeria|egypt|dubai|uae|saudi arabia")
#: A place outside a store's delivery regions, as shoppers name it: abroad, a continent, a
#: country, or an address kind (PO box, APO/FPO) a region table says nothing about.
_PLACE = re.compile(
    r"\b(?P<place>international(?:ly)?|overseas|abroad|worldwide|out(?:side)? (?:of )?(?:the )?"
    r"(?:us|usa|u\.s\.?|country|(?:united )?states)|europe|asia|africa|south america|latin america|"
    r"the middle east|" + _COUNTRIES + r"|p\.? ?o\.? box|post office box|apo|fpo)(?![\w.])", re.I)
#: A shipping page's sentence that it ships nowhere else: "We do not ship to other countries yet",
#: "we can't deliver outside the EU".
_SHIPS_NOWHERE_ELSE = re.compile(r"(?:\bnot|n't|\bcannot|\bnever)\s+(?:yet\s+|currently\s+)?(?:ship|deliver|send)\w*\b"
                                 r"[^.]{0,40}\b(?:other|elsewhere|outside|anywhere else|abroad|overseas|"
                                 r"international\w*)\b",
                                 re.I)
_ABROAD = re.compile(r"^(international|overseas|abroad|worldwide|out)", re.I)
_ADDRESS_KIND = re.compile(r"^(p\.? ?o\.? box|post office box|apo|fpo)$", re.I)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?"
#: A date the order is needed by: "by tuesday", "before christmas", "in time for the weekend",
#: "by the 5th", "will it get here by friday", "if i order now when does it arrive", "will it
#: arrive on monday".
_DEADLINE = re.compile(
    r"\b(?:by|before|in time for|until|no later than|for)\s+(?:the\s+|this\s+|next\s+)?"
    r"(?P<day>" + _DAY + r"|weekend|tomorrow|christmas|xmas|thanksgiving|new year'?s?|"
    r"(?:her|his|my|our|a|the) (?:birthday|party|trip|wedding|event)|next week|end of (?:the )?(?:week|month)|"
    r"\d{1,2}(?:st|nd|rd|th)|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? \d{1,2})\b"
    r"|\b(?:when|how soon) (?:will|would|does|do|can|could|should|is)\b[^?.]*\b(?:arrive|get here|come|be here|deliver\w*|receive|get it)\b"
    r"|\bdeliver\w* (?:on )?(?:a )?(?:satur|sun)days?\b|\b(?:saturday|sunday|weekend) deliver\w*\b"
    # "will it arrive on monday", "arrive friday", "will overnight get here tomorrow" (a day
    # named after the verb)
    r"|\b(?:arriv\w*|get here|be here|get it|be delivered)\s+(?:on\s+|by\s+)?(?:this\s+|next\s+)?"
    r"(?P<day2>" + _DAY + r"|tomorrow)\b", re.I)
_DEADLINE_CONTEXT = re.compile(r"\b(ship\w*|deliver\w*|arriv\w*|get here|get it|come|order\w*|"
                               r"package|parcel|need (?:it|this|them))\b", re.I)
#: Sentences of a shipping page on when orders are processed and delivered.
_TIMING = re.compile(r"\b(weekdays?|weekends?|business days?|monday|friday|saturday|sunday|holidays?|"
                     r"guarantee\w*|cut-?off|noon|processed|dispatch\w*)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
#: "do you deliver on sundays", "saturday delivery?": whether a day is a delivery day, which a
#: table of delivery days does not say; only a page sentence naming such days does.
_WEEKEND_ASKED = re.compile(r"\bdeliver\w* (?:on |at )?(?:a |the )?(?:satur|sun)days?\b|\b(?:saturday|sunday|weekend) "
                            r"deliver\w*\b|\bdeliver\w* (?:on |at |over )(?:the )?weekends?\b", re.I)
_WEEKEND_SAID = re.compile(r"\b(?:weekends?|weekdays?|saturdays?|sundays?)\b", re.I)
WEEKEND_UNSAID = (" Our shipping information doesn't say whether we deliver on Saturdays or Sundays; a person "
                  "from our team can tell you.")


def unpriced_place(text: str, table: ShippingTable | None) -> str | None:
    """The place the message asks shipping to when the table has no price for it: None when
    there is no such place, or when the table's own regions name it (a store that ships to
    "Germany" prices it)."""
    if table is None:
        return None
    found = _PLACE.search(text)
    if not found or shipping_names.region_named(table, text) or shipping_names.region_known(table, text):
        return None
    place = found.group("place")
    if place.lower() in {n.lower() for n in table.regions.values()} | {c.lower() for c in table.regions}:
        return None
    return place


#: "do you ship to quebec", "can u deliver paint to calgary", "can i get stuff delivered to
#: montreal": whether the store ships to a place, a question a "yes" or a "no" answers.
SHIPS_TO = re.compile(r"\b(?:do|does|can|could|will|would)\s+(?:you|u|ya|they)\s+(?:guys\s+)?"
                      r"(?:ship|deliver|send|post)\b(?P<goods>[^?.!,]{0,30}?)\s+to\b"
                      r"|\b(?:can|could)\s+i\s+(?:get|have)\b(?P<goods2>[^?.!,]{0,30}?)\s+"
                      r"(?:shipped|delivered|sent|posted)\s+to\b", re.I)
#: Goods no shipping rule is about: "send stuff to", "ship it to", "deliver an order to".
_ANY_GOODS = re.compile(r"^\s*(?:(?:my|an?|the|your)\s+)?(?:stuff|things?|it|them|orders?|parcels?|"
                        r"packages?|items?|products?)?\s*$", re.I)
#: A shipping page's limit: "We can only deliver beer and wine to addresses in Ontario".
_LIMIT = re.compile(r"\b(?:only|not|cannot|can't|never)\b", re.I)


def asks_ships_to(text: str, any_goods: bool = False) -> bool:
    """Whether the message asks if the store ships to a place; with ``any_goods``, only when
    it names no goods of its own ("send stuff to auckland", not "send wine to vancouver")."""
    found = SHIPS_TO.search(text)
    if not found or not any_goods:
        return bool(found)
    return bool(_ANY_GOODS.match(found.group("goods") or found.group("goods2") or ""))


def ships_there(kb: KnowledgeBase, text: str) -> str:
    """"Yes, we ship to Quebec. " for a yes/no question on shipping to a region of the store's
    table; nothing when the message asks no such thing, names no region, or names goods a
    sentence of the shipping page limits ("can you send wine to vancouver": wine only in
    Ontario), where the page's rule, not a bare yes, answers."""
    table = kb.shipping
    found = SHIPS_TO.search(text) if table is not None else None
    region = found and region_in(table, text)
    if not region:
        return ""
    goods = {w for w in re.findall(r"[a-z]{3,}", (found.group("goods") or found.group("goods2") or "").lower())}
    if goods and not _ANY_GOODS.match(" ".join(goods)) and _page_sentences(
            kb, re.compile(r"(?=.*" + _LIMIT.pattern + r")(?=.*\b(?:" + "|".join(sorted(goods)) + r")\b)",
                           re.I)):
        return ""
    named = {n.lower(): n for n in table.regions.values()}.get(region.lower(), region)  # as the store writes it
    return f"Yes, we ship to {named}. "


def region_in(table: ShippingTable | None, text: str) -> str | None:
    """The region of the store's table the message names (by name, short name or city), priced
    apart or not; None without a table or a region."""
    if table is None:
        return None
    return shipping_names.region_named(table, text) or shipping_names.region_known(table, text)


def asks_deadline(text: str) -> bool:
    """Whether the message asks if an order arrives by a date (not how much or how long)."""
    return bool(_DEADLINE.search(text) and _DEADLINE_CONTEXT.search(text))


def place_reply(kb: KnowledgeBase, place: str) -> Reply:
    """An honest reply for a place the table doesn't price: what it covers, what the store's
    shipping page says about such deliveries, and a person offered; never a price."""
    table = kb.shipping
    address = bool(_ADDRESS_KIND.match(place))
    words = re.escape(place) if address else re.escape(place) + r"|international\w*|overseas|abroad"
    sentences = _page_sentences(kb, re.compile(r"\b(" + words + r")\b", re.I))
    refusals = []
    if not address:  # the page's own "we do not ship to other countries" answers first
        refusals = _page_sentences(kb, _SHIPS_NOWHERE_ELSE)
        sentences = (refusals + [s for s in sentences if s not in refusals])[:4]
    if address:
        what = "a PO box" if re.match(r"p|post", place, re.I) else f"an {place.upper()} address"
    elif _ABROAD.match(place):
        what = "addresses abroad"
    else:
        what = place.upper() if len(place) <= 3 else place.title()
    if not address and refusals:  # the page itself says so: a place outside its regions is not served
        text = f"We don't ship to {what}: our shipping rates cover {coverage(table)}."
    else:
        text = (f"I can't quote shipping to {what}: our shipping rates cover {coverage(table)}"
                + (", and our shipping information doesn't say whether we deliver to one." if address else "."))
    if sentences:
        text += " Our shipping page says: " + " ".join(s for _, s in sentences)
    if address or not refusals:
        text += " A person from our team can tell you whether and how we can ship there."
    return Reply(text, citations=_cite(kb, sentences), quick_replies=("Talk to a human",),
                 action="shipping_quote")


def method_not_there(table: ShippingTable | None, method: str | None, region: str | None) -> str:
    """"<label> is only for orders to Ontario; not for Quebec." when every rate of ``method``
    names its regions and none is ``region``'s; nothing otherwise (no method, no region, an
    unknown one, or a method that goes there)."""
    if table is None or not method or not region:
        return ""
    try:
        code, found = table.region(region), table.method(method)
    except ValueError:
        return ""
    label = found.label
    rates = [r for r in table.rates if r.method == found.code]
    served = {c for r in rates for c in r.regions}
    if not rates or not all(r.regions for r in rates) or code in served:
        return ""
    names = sorted(table.regions.get(c, c) for c in served)
    return f"{label} is only for orders to {written_replies.and_list(names)}; not for {table.regions.get(code, code)}."


def coverage(table: ShippingTable) -> str:
    """The delivery regions a table prices, in words."""
    if dict(table.regions) == US_REGIONS:
        return "deliveries within the United States (US states and territories)"
    names = sorted(table.regions.values())
    if len(names) > 8:
        return f"deliveries to {len(names)} regions, such as {', '.join(names[:5])}"
    return "deliveries to " + written_replies.and_list(names)


def deadline_reply(kb: KnowledgeBase, text: str, today: date | None = None,
                   quote: Reply | None = None) -> Reply | None:
    """For "will it arrive by friday": each method's stated delivery days, the methods that fit a
    named weekday (counting business days after an order placed today), the cut-off and the
    page's own sentences on timing; no date is promised. ``quote`` (the order's shipping
    quote, when the message gives a total) is added. None without a shipping table."""
    table = kb.shipping
    if table is None:
        return None
    methods = [m for m in table.method_details if m.label]
    days = "; ".join(_with_days(m) for m in methods)
    reply = f"I can't promise a delivery date, but here is how long each method takes: {days}."
    fits = _fitting(table, text, today or date.today())
    if fits is not None:
        reply += (f" Ordered today before the cut-off, {' or '.join(fits)} should arrive by then by its stated delivery days."
                  if fits else " By their stated delivery days, none of our methods is sure to arrive by then.")
    cutoffs = {written_replies.method_word(m.code, m.label): m.cutoff.strftime("%H:%M") for m in methods if m.cutoff is not None}
    timed = [m for m in methods if m.delivery_days and m.delivery_days[1]]  # a pickup has no transit
    if len(set(cutoffs.values())) == 1 and len(cutoffs) == len(timed):  # one cut-off for every method
        reply += f" Delivery times count from orders placed before {next(iter(cutoffs.values()))} (store time)."
    elif cutoffs:
        reply += " Delivery times count from orders placed before the cut-off (store time): " + \
            "; ".join(f"{code} {at}" for code, at in cutoffs.items()) + "."
    sentences = _page_sentences(kb, _TIMING)
    if _WEEKEND_ASKED.search(text) and not any(_WEEKEND_SAID.search(s) for _, s in sentences):
        reply += WEEKEND_UNSAID  # the days each method takes do not answer it; never guessed
    if sentences:
        reply += " Our shipping page says: " + " ".join(s for _, s in sentences)
    if quote is not None:
        reply += " " + quote.text
    citations = _cite(kb, sentences) + (quote.citations if quote is not None else ())
    return Reply(reply, citations=citations, quick_replies=("Talk to a human",),
                 action=quote.action if quote is not None else "answer")


def _fitting(table: ShippingTable, text: str, today: date) -> list[str] | None:
    """The methods whose longest stated delivery (in business days, from the next business day
    when ordered today) ends by the weekday the message names; None when it names no weekday or
    a method states no days."""
    found = _DEADLINE.search(text)
    day = (found.group("day") or found.group("day2") or "").lower() if found else ""
    wanted = next((i for i, name in enumerate(_WEEKDAYS) if day[:3] == name[:3]), None)
    if wanted is None or any(m.delivery_days is None for m in table.method_details):
        return None
    ahead = (wanted - today.weekday()) % 7 or 7
    business = sum(1 for n in range(1, ahead + 1) if (today + timedelta(days=n)).weekday() < 5)
    return [written_replies.method_word(m.code, m.label) for m in table.method_details if m.delivery_days[1] <= business]


def _page_sentences(kb: KnowledgeBase, pattern: re.Pattern, limit: int = 4) -> list[tuple[Passage, str]]:
    """Sentences matching ``pattern`` in the articles the shipping table is cited from."""
    table = kb.shipping
    sources = ({table.table_passage_id} | {s.passage_id for s in table.surcharges}) - {"", None}
    found: list[tuple[Passage, str]] = []
    for article in kb.articles:
        if not any(p.id in sources for p in article.passages):
            continue
        for passage in article.passages:
            for sentence in _SENTENCE.split(passage.text):
                if pattern.search(sentence) and len(sentence) < 300 and sentence.endswith((".", "!")):
                    found.append((passage, sentence.strip()))
    return list(dict.fromkeys(found))[:limit]


# "does a rural address cost extra", "is there a surcharge for islands": a charge on top of the rates
_EXTRA_ASKED = re.compile(r"\b(?:extra|surcharges?|additional|more|on top)\b", re.I)
_EXTRA_SAID = re.compile(r"\b(?:extra|surcharges?|additional)\b", re.I)
# words every shipping sentence and question share: they name no kind of address or goods
_SHIPPING_WORDS = frozenset("shipping ship ships delivery deliver delivered deliveries address addresses order orders "
                            "parcel parcels package packages cost costs charge charged charges extra more price does "
                            "there that this what with your have will from each".split())


def extra_charge(kb: KnowledgeBase, text: str) -> tuple[Passage, str] | None:
    """The shipping page's sentence charging extra for what the message names ("my place is a
    rural delivery address, does that cost extra" / "Rural Delivery addresses pay $4.50 extra per
    parcel"): an amount, an extra word, and a word of the message beyond shipping's own; None
    when the message asks of no extra charge or no sentence names its thing."""
    if kb.shipping is None or not _EXTRA_ASKED.search(text):
        return None
    asked = {w for w in re.findall(r"[a-z]{4,}", text.lower())} - _SHIPPING_WORDS
    for passage in _shipping_passages(kb):
        for sentence in _SENTENCE.split(passage.text):
            said = set(re.findall(r"[a-z]{4,}", sentence.lower()))
            if re.search(r"\d", sentence) and _EXTRA_SAID.search(sentence) and asked & said:
                return passage, sentence.strip()
    return None


def with_extra_charge(kb: KnowledgeBase, text: str, quote: Reply | None) -> Reply | None:
    """The quote led by the page's sentence on the extra charge the message asks of
    (`extra_charge`), or as it is."""
    extra = extra_charge(kb, text)
    if quote is None or extra is None:
        return quote
    passage, sentence = extra
    return replace(quote, text=f"{sentence} {quote.text}",
                   citations=(written_replies.citation(passage, sentence),) + quote.citations)


def _cite(kb: KnowledgeBase, sentences: Sequence[tuple[Passage, str]]) -> tuple:
    return tuple(written_replies.citation(p, s) for p, s in sentences)


def _with_days(method) -> str:
    """"Express Post, 1–3 business days" (a label that names the service); "standard (5—7 day
    shipping)" (a label that says the days, kept with its code)."""
    if written_replies.names_service(method.code, method.label):
        return method.label + written_replies.stated_days(method)
    return f"{method.code} ({method.label}{written_replies.stated_days(method)})"


#: Collecting an order instead of having it sent: "can i pick it up", "collect my order in
#: person", "click and collect", "local pickup" (never a product "collection").
PICKUP_QUESTION = re.compile(
    r"\bpick(?:ing)?\s+(?:it|them|(?:my|the|our)\s+\w+)\s+up\b"
    r"|\bpick(?:ing)?\s*-?\s*up\s+(?:(?:my|the|our|your)\s+)?(?:order|parcel|package|purchase|stuff|items?)\b"
    r"|\b(?:local|in-?store|store)\s+pick\s*-?\s*up\b|\bpick\s*-?\s*ups?\s+(?:option|point|location|available)"
    r"|\bclick\s*(?:and|&|n)\s*collect\b"
    r"|\bcollect\s+(?:it|them|(?:(?:my|the|our)\s+)?(?:order|parcel|package|purchase|stuff|items?)|in person)\b", re.I)
_PICKUP_WORDS = re.compile(r"\bpick\s*-?\s*up\b|\bcollect", re.I)
# a return or the carrier's collection ("can the courier pick up my return") is no pickup by the shopper
_NOT_SHOPPER_PICKUP = re.compile(r"\b(?:return\w*|refund\w*|send (?:it|them) back|courier|driver|carrier|postman|"
                                 r"ups|fedex|dhl)\b", re.I)


def asks_pickup(text: str) -> bool:
    """Whether the shopper asks to collect the order themselves."""
    return bool(PICKUP_QUESTION.search(text)) and not _NOT_SHOPPER_PICKUP.search(text)


def pickup_methods(table: ShippingTable | None) -> list:
    """The store's methods where the shopper collects the order: nothing travels (0 delivery
    days) or its code or label says pickup or collect."""
    if table is None:
        return []
    return [m for m in table.method_details
            if (m.delivery_days is not None and not m.delivery_days[1])
            or _PICKUP_WORDS.search(f"{m.code.replace('_', ' ')} {m.label}")]


def pickup_reply(kb: KnowledgeBase, text: str) -> Reply | None:
    """For "can i pick my order up": each collection method from the store's settings, its price
    and where its rates hold, then the shipping pages' paragraph on it; None without one."""
    table = kb.shipping
    methods = pickup_methods(table)
    if not methods:
        return None
    region = region_in(table, text)
    # "click and collect in melbourne" where collecting is for NSW orders only: not a "yes"
    limits = [limit for m in methods if (limit := method_not_there(table, m.code, region))]
    if limits and len(limits) == len(methods):
        reply = " ".join(limits)
        return Reply(reply, citations=(written_replies.citation(kb.passage(table.table_passage_id)),)
                     if table.table_passage_id else (), action="answer")
    lines = []
    for method in methods:
        rates = [r for r in table.rates if r.method == method.code]
        price = "free" if all(not r.price for r in rates) else \
            written_replies.money(min(r.price for r in rates), table.currency)
        regions = sorted({table.regions.get(c, c) for r in rates for c in r.regions})
        lines.append(f"{method.label} ({price}" + (f", for orders to {written_replies.and_list(regions)})"
                                                   if regions and all(r.regions for r in rates) else ")"))
    ids = [table.table_passage_id]
    # the paragraph on the method itself ("Click and Collect"), else one that speaks of collecting
    pages = [p for p in _shipping_passages(kb) if p.id != table.table_passage_id or not kb.passage(p.id).title]
    named = {w for m in methods for w in re.findall(r"[a-z]{4,}", m.label.lower())}
    said = sorted((p for p in pages if _PICKUP_WORDS.search(p.text)),
                  key=lambda p: -len(named & set(re.findall(r"[a-z]{4,}", p.text.lower()))))[:1]
    reply = "Yes, you can collect your order: " + "; ".join(lines) + "."
    if said:
        reply += " Our shipping page says: " + " ".join(_SENTENCE.split(said[0].text.strip())[:3])
        ids.append(said[0].id)
    return Reply(reply, citations=tuple(written_replies.citation(kb.passage(i)) for i in dict.fromkeys(ids) if i),
                 action="answer")


def _shipping_passages(kb: KnowledgeBase) -> list[Passage]:
    """The passages of the articles the shipping table is cited from."""
    table = kb.shipping
    sources = ({table.table_passage_id} | {s.passage_id for s in table.surcharges}) - {"", None}
    return [p for a in kb.articles if any(p.id in sources for p in a.passages) for p in a.passages]

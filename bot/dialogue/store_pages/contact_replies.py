"""How to reach the store and when it is open, written by code from its contact block.

The channels and hours are the store's settings (`kb.contact`), so a phone number or an opening
time is never left to the generator: the reply names the channel asked for (all when none is),
the day asked about first, and admits it when the store gives no hours.
"""

from __future__ import annotations

import re

from kb import KnowledgeBase

from bot.dialogue import policy
from bot.dialogue.written_replies import citation
from bot.types import Reply


#: "what's your phone number", "how do I contact you", "your email address", "the number to
#: call customer service", "what hours is customer service open"
CONTACT_QUESTION = re.compile(r"\b(phone( ?number)?|telephone|call (you|u|the store)|(contact|reach) "
                              r"(you|u|the store|customer (service|care)|support)|(your|ur|the store'?s?) "
                              r"(e-?mail|mailing address|address)|customer (service|care) (number|email|hours)|"
                              r"number (to|for) (call|ring|reach|contact)\w*|hours\b.{0,30}\b(customer (service|care)|"
                              r"support)|(customer (service|care)|support)\b.{0,30}\b(open|hours)|"
                              # when or how to reach the team, in Bitext's and shoppers' words: "what
                              # time can i ring customer support", "how can i get in touch with you",
                              # "customer support e-mail"
                              r"(what time|what hours|when|how) ((can|do|should|could) (i|we)|(i|we) (can|could|should)) (call|ring|"
                              r"phone|reach|contact|e-?mail|get in touch with) (you|u|the store|the shop|the team|"
                              r"your team|(the )?(customer )?(service|support|care|assistance))|"
                              r"(customer ?(service|support|care|assistance)|support team) (e-?mail|phone|number|"
                              r"hours|address)|"
                              # the store's opening times: "what time do you close on weekdays", "when
                              # does the shop open", "are you open on saturdays"
                              r"(what time|when) (do|does|will) (you|u|y'all|the (store|shop|office|team)|your "
                              r"(store|shop|office|team)) (open|close|shut)|(are|r) (you|u) open (on|today|"
                              r"tomorrow|now|at|this|over|during|late|(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|weekends?)|"
                              r"opening (hours|times))\b", re.I)
#: Where the store is: "where are you based", "where r u located", "whats your address".
LOCATION_QUESTION = re.compile(r"\bwhere (are|r|is) (you|u|y'all|the (store|shop|company)|your (store|shop|company"
                               r"|business|office|warehouse)) (based|located|situated|from)\b|\bwhere(?:'?s| is) "
                               r"your (store|shop|office|warehouse)\b", re.I)
_HOURS_ASKED = re.compile(r"\b(hours|open|close[sd]?|what time|when can i (call|reach))\b", re.I)
_CHANNEL_WORDS = {"phone": r"phone|call|telephone|number", "email": r"e-?mail", "address": r"address|mail|based|located|situated|where"}
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


#: A weekday named in a question on opening hours ("are you open on sundays", "what time do you close sat").
_DAY_ASKED = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\b(mon|tue|wed|thu|fri|sat|sun)"
                        r"(?:s|\.)?\b|\b(tues|thur|thurs|weds)\b", re.I)


def _day_hours(hours, word: str) -> str:
    """One weekday's opening hours from the store's hours ("sundays": Sunday's), or that it is
    closed that day."""
    day = next(i for i, d in enumerate(_DAYS) if d[:3].lower() == word[:3].lower())
    name = _DAYS[day]
    times = [f"{h.opens:%H:%M}-{h.closes:%H:%M}" for h in hours if day in h.days]
    return f"On {name}s we're open {' and '.join(times)}." if times else f"We're closed on {name}s."


def contact(kb: KnowledgeBase, text: str) -> Reply | None:
    """How to reach the store, from its contact block: the channel asked for (all when none is
    named) and the opening hours; None when the store gives no contact block."""
    info = kb.contact
    if info is None or not info.channels:
        return None
    asked = [kind for kind, words in _CHANNEL_WORDS.items() if re.search(words, text, re.I)]
    channels = [c for c in info.channels if c.kind in asked] or list(info.channels)
    lines = [f"{c.label or c.kind.capitalize()} ({c.kind}): {c.value}" for c in channels]
    hours = "; ".join(f"{', '.join(_DAYS[d][:3] for d in h.days)} {h.opens:%H:%M}-{h.closes:%H:%M}"
                      for h in info.hours)
    said = "You can reach us here: " + "; ".join(lines) + "." + (f" Hours: {hours}." if hours else "")
    cites = (citation(kb.passage(info.passage_id)),) if info.passage_id else ()
    day = _DAY_ASKED.search(text) if hours and _HOURS_ASKED.search(text) else None
    if day:  # "r u open on sundays": that day's hours first, or that the store is closed then
        said = _day_hours(info.hours, day.group(0)) + " " + said
    if not hours and _HOURS_ASKED.search(text):
        # asked when, and the store's pages give no hours: say so, never guess them
        return Reply(said + " I can't find our opening hours in the store's information; a person from "
                     "our team can tell you.", citations=cites, quick_replies=("Talk to a human",),
                     action=policy.ANSWER)
    return Reply(said, citations=cites, action=policy.ANSWER)

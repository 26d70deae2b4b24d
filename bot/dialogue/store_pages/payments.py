"""How to pay, from the store's own pages: the ways to pay they name, and what they say of
payment security.

A payment page is often a list of brand names ("Using Visa/Mastercard/Paypal") that neither the
sentence ranking nor the small generator reads as an answer: "what cards do you take" met "Gift
cards" on the returns page, and a "Yes" to "is my card info safe" was refused for want of a
sentence saying so. The brand names are data: found in the pages by code, they answer "what
payment methods", "do u take amex" ("Yes" only when a page names it; else said plainly that the
pages don't, with a person offered), and the pages' sentences on SSL or encryption answer "is it
safe to pay". Nothing here names one store's wording; a store whose pages name no way to pay
gets nothing from this module and is answered as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from models import Fact

from bot.dialogue.grounding.facts import split_sentences
from bot.dialogue.written_replies import and_list

PAYMENT = "payment_methods"

# method -> how a page or a shopper names it
_METHODS = {
    "Visa": r"visa", "Mastercard": r"master ?card|mc", "American Express": r"american express|amex",
    "Discover": r"discover card|discover", "Maestro": r"maestro", "PayPal": r"pay ?pal",
    "Apple Pay": r"apple ?pay", "Google Pay": r"google ?pay|gpay", "Amazon Pay": r"amazon ?pay",
    "Shop Pay": r"shop ?pay", "Klarna": r"klarna", "Afterpay": r"afterpay|clearpay", "Affirm": r"affirm",
    "bank transfer": r"bank transfer|wire transfer|bank wire", "direct debit": r"(?:sepa )?direct debit|sepa",
    "invoice": r"invoice", "cheque": r"cheques?|(?:personal|bank|cashier'?s?|certified) checks?|checks?\s*(?:/|or|and)\s*money orders?"
    r"|(?:pay(?:ment)?|paying)\s+by\s+checks?", "money order": r"money orders?",
    "cash on delivery": r"cash on delivery|cod",
    "cryptocurrency": r"bitcoin|crypto\w*",
    # the national ways to pay of European and Asian shops ("we accept iDEAL, Bancontact and Visa")
    "iDEAL": r"ideal", "Bancontact": r"bancontact|mister ?cash", "Sofort": r"sofort(?:überweisung)?",
    "Giropay": r"giropay", "Przelewy24": r"przelewy ?24|p24", "BLIK": r"blik", "Swish": r"swish",
    "Vipps": r"vipps", "MobilePay": r"mobile ?pay", "TWINT": r"twint", "Multibanco": r"multibanco",
    "MB WAY": r"mb ?way", "PayNow": r"paynow", "UPI": r"upi", "Alipay": r"ali ?pay", "WeChat Pay": r"wechat ?pay",
    # paying over time in the store's own words: "financing", "pay in installments", "monthly payments",
    # "we don't offer payment plans"; a shopper's "can i pay in 3 (times)", "split the payment"
    "financing": r"financ\w*|instal+ments?|monthly payments?|pay(?:ing)? monthly|payment plans?"
                 r"|pay(?:ing)?\s+in\s+(?:[2-9]|two|three|four)\b(?!\s*(?:working\s+|business\s+)?"
                 r"(?:days?|weeks?|months?|hours?))(?:\s+(?:times|parts|goes|payments))?"
                 r"|split\s+(?:the\s+|my\s+)?payments?",
}
_NAMES = {name: re.compile(rf"\b(?:{pattern})\b", re.I) for name, pattern in _METHODS.items()}
# A shopper's "mc", "cod", "affirm", "discover", "invoice", "check", "ideal" are other words in a page's
# text; a page names those methods with a word of paying next to them.
_AMBIGUOUS = frozenset({"Discover", "Affirm", "cash on delivery", "invoice", "Mastercard", "cheque", "financing",
                        "iDEAL", "Swish", "UPI", "Przelewy24"})
# "cash" is one: "We don't take cash on delivery or cheques" names two ways to pay.
_PAYING = re.compile(r"\b(?:pay\w*|paid|cards?|accept\w*|checkout|methods?|cash)\b", re.I)
# "what payment methods do you accept", "what cards do u take", "how can i pay", "ways to pay"
_LIST_ASKED = re.compile(r"\b(?:what|which)\s+(?:(?:kinds?|types?|forms?|sorts?)\s+of\s+)?(?:payments?|payment\s+"
                         r"(?:methods?|options?|types?)|(?:credit\s+|debit\s+)?cards?|methods?\s+of\s+payment)\b"
                         r"|\bhow\s+(?:can|do|could)\s+(?:i|we)\s+pay\b|\bways?\s+(?:to|of)\s+pay"
                         r"|\bpayment\s+(?:methods?|options?)\b", re.I)
# "can i pay with apple pay", "do u take amex", "is paypal ok", "do you accept klarna"; not
# "when is my order sent out if i pay by bank transfer" (a question on something else)
_METHOD_ASKED = re.compile(r"^\W*(?:(?:hi|hey|hello|ok|so|and|also|btw)\W+)?(?:can|could|may)\s+(?:i|we|u|you)\s+"
                           r"(?:(?:still|just|also)\s+)?(?:pay|check\s*out|buy|order)\s+(?:\w+\s+){0,3}?(?:with|by|using|via|through|in)\b"
                           # "can i pay cash on delivery", "can i pay paypal": the way to pay right after
                           # the verb (`_asked_methods` still wants one of `_METHODS` named)
                           r"|^\W*(?:(?:hi|hey|hello|ok|so|and|also|btw)\W+)?(?:can|could|may)\s+(?:i|we|u|you)\s+"
                           r"(?:(?:still|just|also)\s+)?pay\s+(?!for\b|to\b|the\b|my\b|shipping\b|postage\b)"
                           r"|^\W*(?:(?:hi|hey|hello|ok|so|and|also|btw)\W+)?(?:do|does|will|would)\s+(?:you|u|ya|y'all|the\s+store|your\s+"
                           r"(?:store|shop|site))\s+(?:guys\s+)?(?:take|accept|support|allow|do)\b"
                           # "what cards do u take, is amex ok?": the yes/no may follow another clause
                           r"|(?:^|[,.;!?]\s*)\W*(?:is|are)\s+(?:\w+\s+){1,2}(?:ok|okay|fine|accepted)\b", re.I)
# a page's sentence that sets a condition on a way to pay: quoted, never dropped
_CONDITIONAL = re.compile(r"\b(?:if|only|unless|provided|approved|business|must|minimum|over|above|up to|within|or more)\b",
                          re.I)
# "is my card info safe", "is it secure to pay on your site", "r my card details protected"
_SAFETY = re.compile(r"\b(?:safe|safely|secure|security|encrypt\w*|protected|ssl|https|hack\w*|stolen|fraud\w*)\b",
                     re.I)
_SAFETY_TOPIC = re.compile(r"\b(?:pay\w*|cards?|checkout|check out|details|info|information|data)\b", re.I)
_SECURE_SAID = re.compile(r"\b(?:ssl|tls|https|encrypt\w*|secure\w*|pci|3-?d secure)\b", re.I)


@dataclass(frozen=True, slots=True)
class PaymentAnswer:
    """A reply on paying: its text, the passages it rests on, and whether it admits not knowing."""

    text: str
    sources: tuple[Fact, ...]
    admits: bool = False


# A page's refusal of a way to pay: "We do not offer Afterpay, cash on delivery or payment by
# cheque", "we accept Visa but not Amex" (the methods after it), "Cheques are not accepted" (the
# method before it). "No fee for PayPal" and "we do not charge for card payments" refuse nothing.
_REFUSED_AFTER = re.compile(r"(?:\bnot\b|n't\b|\bnever\b|\bcannot\b)\s+(?:\w+\s+)?(?:accept|offer|take|support|allow)\w*"
                            r"|\bbut not\b|\bno longer\b", re.I)
_REFUSED_BEFORE = re.compile(r"\b(?:is|are|is no longer|are no longer)\s+not\s+(?:accepted|supported|possible|available)\b"
                             r"|\bnot (?:accepted|supported)\b", re.I)


def methods_named(passages: Sequence[Fact]) -> tuple[list[str], list[Fact]]:
    """The ways to pay the store's pages name as taken, in their order, and the sentences
    naming them (as facts under their passage id); a way a page refuses is not among them
    (`methods_refused`)."""
    return _named(passages, refused=False)


def methods_refused(passages: Sequence[Fact]) -> tuple[list[str], list[Fact]]:
    """The ways to pay the store's pages say they do not take ("We do not offer Afterpay"),
    and the sentences saying so."""
    return _named(passages, refused=True)


def _named(passages: Sequence[Fact], refused: bool) -> tuple[list[str], list[Fact]]:
    names: list[str] = []
    found: list[Fact] = []
    for passage in passages:
        for sentence in split_sentences(passage.text):
            # as the page writes it: "SEPA direct debit", "Paypal"
            here = [m.group(0) for rx in _NAMES.values() if (m := rx.search(sentence))
                    and (_method(m.group(0)) not in _AMBIGUOUS or _PAYING.search(sentence))
                    and _refuses(sentence, m) == refused]
            if here:
                names += [n for n in here if _method(n) not in map(_method, names)]
                found.append(Fact(passage.id, sentence))
    return names, found


def _refuses(sentence: str, named: re.Match) -> bool:
    """The sentence says the way to pay it names there is not taken."""
    return (any(r.start() < named.start() for r in _REFUSED_AFTER.finditer(sentence))
            or any(r.start() >= named.end() for r in _REFUSED_BEFORE.finditer(sentence)))


def _method(name: str) -> str:
    """The method a name says ("Paypal", "pay pal" -> "PayPal")."""
    return next((n for n, rx in _NAMES.items() if rx.fullmatch(name)), name)


# A shopper's "can i pay by check": a page's "check" is mostly another word ("check your bank
# account", "you will receive a check"), so a page names cheques only in `_METHODS`' words.
_CHECK_ASKED = re.compile(r"\bchecks?\b(?!\s*out)", re.I)


def asks(text: str) -> bool:
    """The message asks how one can pay, whether a way to pay is taken, or whether paying is safe."""
    return bool(_LIST_ASKED.search(text) or _asked_methods(text)
                or (_SAFETY.search(text) and _SAFETY_TOPIC.search(text)))


def answer(passages: Sequence[Fact], text: str) -> PaymentAnswer | None:
    """The reply from the pages (None: they name no way to pay, or say nothing of safety)."""
    if _SAFETY.search(text) and _SAFETY_TOPIC.search(text) and not _LIST_ASKED.search(text):
        said = [Fact(p.id, s) for p in passages for s in split_sentences(p.text)
                if _SECURE_SAID.search(s) and _PAYING.search(f"{s} {p.text[:80]}")]
        if not said:
            return None
        return PaymentAnswer("On paying safely, our pages say: " + " ".join(_ended(f.text) for f in said[:2]), tuple(said[:2]))
    names, found = methods_named(passages)
    refused, refusals = methods_refused(passages)
    asked = _asked_methods(text)
    if len(asked) > 1:  # "do u accept amex or bitcoin": each way named gets its own yes or no
        return _each(asked, names, found, refused, refusals)
    return _about(asked[0] if asked else None, names, found, refused, refusals)


def _about(method: str | None, names: list[str], found: list[Fact], refused: list[str],
           refusals: list[Fact]) -> PaymentAnswer | None:
    """The pages' answer on one way to pay (None: the ways they take), given what they name."""
    if method is not None and method in map(_method, refused) and method not in map(_method, names):
        # "can i pay with afterpay" where a page says "We do not offer Afterpay ...": its no
        said = [f for f in refusals if _NAMES[method].search(f.text)]
        return PaymentAnswer("No. Our pages say: " + " ".join(_ended(f.text) for f in said[:1]), tuple(said[:1]))
    if not names:
        return None
    plain, conditioned = _plain(names, found)
    quoted = " ".join(_ended(f.text) for f in conditioned)
    if method is None:
        said = f"We accept {and_list(plain)}." if plain else ""
        return PaymentAnswer(f"{said} {quoted}".strip(), tuple(found[:3]))
    if method in map(_method, plain):
        named = next(n for n in plain if _method(n) == method)
        return PaymentAnswer(f"Yes, we accept {named}.", tuple(f for f in found if _NAMES[method].search(f.text)))
    if method in map(_method, names):
        own = [f for f in conditioned if _NAMES[method].search(f.text)]
        return PaymentAnswer("Yes, on this condition: " + " ".join(_ended(f.text) for f in own), tuple(own))
    listed = and_list(plain) if plain else and_list(names)
    return PaymentAnswer(f"Our pages name these ways to pay: {listed}. They don't mention {method}, so I can't "
                         "promise it; a person from our team can check for you.", tuple(found[:3]), admits=True)


def _plain(names: list[str], found: list[Fact]) -> tuple[list[str], list[Fact]]:
    """The ways taken with no condition, and the sentences that set one: methods a sentence sets
    a condition on keep it ("Business customers with an approved account can pay by invoice" is
    quoted as it stands)."""
    conditioned = [f for f in found if _CONDITIONAL.search(f.text)]
    return [n for n in names if not any(_NAMES[_method(n)].search(f.text) for f in conditioned)], conditioned


def _each(asked: list[str], names: list[str], found: list[Fact], refused: list[str],
          refusals: list[Fact]) -> PaymentAnswer | None:
    """One answer for several ways to pay asked at once: those taken as they stand in one "yes",
    each refused or conditioned one with its page's sentence, those the pages don't name in one
    admission (the list of ways they do name said once)."""
    plain = _plain(names, found)[0]
    taken = [next(n for n in plain if _method(n) == m) for m in asked if m in map(_method, plain)]
    unnamed = [m for m in asked if m not in map(_method, names) and m not in map(_method, refused)]
    parts = [PaymentAnswer(f"Yes, we accept {and_list(taken)}.", tuple(
        f for f in found if any(_NAMES[_method(n)].search(f.text) for n in taken)))] if taken else []
    parts += [a for m in asked if m not in unnamed and not any(_method(n) == m for n in taken)
              if (a := _about(m, names, found, refused, refusals)) is not None]
    if unnamed and names:
        parts.append(_about(_or_list(unnamed), names, found, refused, refusals))
    if not parts:
        return None
    return PaymentAnswer(" ".join(p.text for p in parts), tuple(dict.fromkeys(f for p in parts for f in p.sources)),
                         admits=any(p.admits for p in parts))


def _or_list(names: list[str]) -> str:
    """"Apple Pay or Afterpay": the ways asked, as a question lists them."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _asked_methods(text: str) -> list[str]:
    """The ways to pay a yes/no question asks about, in the order said ("do u take amex or
    bitcoin": American Express, cryptocurrency); none for a question that asks no yes/no."""
    if not _METHOD_ASKED.search(text):
        return []
    said = sorted((m.start(), n) for n, rx in _NAMES.items() if (m := rx.search(text)))
    return [n for _, n in said] or (["cheque"] if _CHECK_ASKED.search(text) else [])


def _ended(sentence: str) -> str:
    return sentence if sentence[-1:] in ".!?" else f"{sentence}."

"""The kind of sentence that answers a question: "when" wants a time, "who pays" a cost or the
party who bears it, "where" a place or an address, "how do I" a way of doing it.

Similarity of meaning alone ranks a sentence that shares the question's topic above the one
that answers it: for "when do i get my money back after a return" a withdrawal page's "We may
withhold reimbursement until we have received the goods back" (0.51) passes "we shall
reimburse ... not later than 14 days" (0.33); for "where do I post my return to?" "Once your
return is received ..." (0.61) passes "mail your product to: ..., Unit 4, ... Park" (0.47).
A question's kind is read from its question words; a sentence's from how any store writes a
time, a cost, an address or a means. Nothing here names one store's wording.
"""

from __future__ import annotations

import re

TIME = "time"
COST = "cost"
PLACE = "place"
MEANS = "means"
CARRIER = "carrier"

# The question words of each kind, at the head of the question or of one of its clauses
# ("sent it back 2 weeks ago, how long does it take").
_ASKED = (
    (TIME, re.compile(r"(?:^|[,.;!?]\s*|\b(?:and|so|but)\s+)\W*(?:\w+\W+){0,3}?when\b|\bhow (?:long|soon|fast|quickly|"
                      r"many (?:days|weeks|hours))\b|\bby when\b|\bwhat time\b", re.I)),
    (COST, re.compile(r"\bwho (?:pays|pay|covers|bears)\b|\b(?:do|will|would|must) (?:i|we|you) (?:have to |need to |)"
                      r"(?:pay|be charged)\b|\b(?:is|are) (?:the |it |they |my |)(?:\w+ ){0,2}(?:free|refunded|"
                      r"refundable|charged|included|deducted)\b|\b(?:charge|fee|fees)\b|\bcost\b", re.I)),
    (PLACE, re.compile(r"(?:^|[,.;!?]\s*)\W*(?:\w+\W+){0,3}?where\b|\b(?:mailing|postal|return|street|your) "
                       r"ad+res+\b|\bwhat ad+res+\b"
                       # "whats the adress to send my return to", "what is your returns address"
                       r"|\bwhat(?:'?s| is)? (?:the |your |ur )?(?:(?!e-?mail\b)\w+ )?ad+res+\b", re.I)),
    (MEANS, re.compile(r"^\W*(?:\w+\W+){0,3}?how (?:do|can|should|will|would|does|to)\b(?! (?:it|they) "
                       r"(?:cost|take))|\bwhat (?:do|should) i (?:do|write|say|send|fill)\b|\bwhat can i do\b", re.I)),
    # who carries the parcel: "which courier do u use", "what carrier do you ship with", "who delivers"
    (CARRIER, re.compile(r"\b(?:which|what|wat|who)\b(?:\W+\w+){0,2}?\W+(?:carrier|courier|postal service|"
                         r"(?:delivery|shipping|parcel|postal) (?:company|companies|service|services|firm|"
                         r"provider|partner))s?\b|\bwho (?:delivers|ships|brings|carries)\b", re.I)),
)

#: The kinds whose statement is plain to see (a number of days, a price or a payer, an
#: address): a sentence stating one may answer though worded far from the question, and a
#: reply must state one when its facts do. A way of doing something is said in too many ways.
DEFINITE = (TIME, COST, PLACE, CARRIER)

_NUMBER_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|thirty)"
_STATED = {
    TIME: re.compile(rf"\b{_NUMBER_WORD}[- ](?:to [- ]?\d+ |)(?:working |business |calendar |)"
                     r"(?:days?|weeks?|months?|hours?)\b|\bwithout undue delay\b|\bimmediately\b|"
                     r"\bnext (?:working |business |)day\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|"
                     r"\bweekdays?\b|\b\d{1,2}[:.]\d\d\b|\b\d{1,2} ?(?:am|pm)\b|\bnoon\b", re.I),
    # a price, or who bears it: "You will be responsible for paying", "bear the direct cost",
    # "free", "non-refundable", "deducted from your refund", "no fees"
    COST: re.compile(r"[$€£]\s?\d|\d\s?(?:€|eur|usd|gbp)\b|\b(?:free|non-refundable|refundable|deducted|"
                     r"responsible for|bear|at your own|at our own|charge[sd]?|fees?|costs?|"
                     r"pay|pays|paying|paid)\b", re.I),
    # an address ("Unit 4, Ballymount Business Park", "Musterstraße 12, 10115 Berlin", "112 West
    # 34th Street") or a place to bring or send something to ("mail your product to:")
    PLACE: re.compile(r"\b\d+\w{0,2},? (?:[A-Z][\w.'-]*\s){0,3}(?:street|st|road|rd|avenue|ave|lane|"
                      r"way|drive|park|floor|flr)\b|\w(?:straße|strasse|weg|gasse|platz)\s\d|"
                      r"\b(?:unit|suite|building|floor)\s\d|\b\d{4,5}\s[A-Z][a-z]+|"
                      r"\b(?:mail|post|send|ship|return|bring)\b[^.]{0,60}\bto:|"
                      r"\b(?:warehouse|showroom|store|office)s? (?:is|are) (?:in|at)\b", re.I),
    # a carrier by its name, as postal services and couriers are written the world over ("with
    # Canada Post Expedited Parcel", "Royal Mail Tracked 24", "shipped with a tracked courier")
    CARRIER: re.compile(r"\b[A-Z][a-z]+ Post\b|\bAn Post\b|\bRoyal Mail\b|\bParcelforce\b|"
                        r"\b(?:DHL|UPS|USPS|FedEx|DPD|GLS|TNT|Evri|Hermes|Yodel|PostNL|Colissimo|"
                        r"Chronopost|Purolator|Canpar|Aramex|Correos|StarTrack|Sendle|Bpost|PostNord)\b|"
                        r"\b(?:couriers?|carriers?|postal service)\b"),
    # a way of doing it: by/using/via something, contacting someone, a step to take
    MEANS: re.compile(r"\b(?:by|using|via|through|with)\s+(?:an?\s|the\s|your\s|)(?:e-?mail|letter|post|"
                      r"phone|form|label|slip|link|card|transfer|paypal|statement)\b|\b(?:send|e-?mail|call|"
                      r"contact|inform|tell|write to|notify)\s+us\b|\b(?:click|fill|complete|enclose|"
                      r"log in|sign in|go to)\b|"
                      r"\b(?:same|original) (?:means|method|form) of payment\b|\b(?:applied|credited) to\b", re.I),
}


# After a return the shopper waits for the refund; the return itself has a deadline. "within 30
# days of delivery for a full refund" times the return, "Refunds are made within 5 working days"
# the refund: a time belongs to the nearer of the two before it.
_REFUND_WORD = re.compile(r"\b(?:refund|reimburs|credit)\w*", re.I)
_RETURN_WORD = re.compile(r"\b(?:return|send|sent|withdraw|exchang|cancel)\w*", re.I)


def times_the_refund(sentence: str) -> bool:
    """True when the sentence's first time is the refund's ("Refunds go back to your card
    within 5 to 10 business days"), not the return's ("return it within 30 days for a refund",
    "Our refund and returns policy lasts 30 days")."""
    found = _STATED[TIME].search(sentence)
    if not found:
        return False
    before = sentence[:found.start()]
    refund = max((m.end() for m in _REFUND_WORD.finditer(before)), default=-1)
    return refund > max((m.end() for m in _RETURN_WORD.finditer(before)), default=-1)


def asked(question: str) -> str | None:
    """The kind of sentence the question asks for, or None (a yes/no or open question)."""
    return next((kind for kind, pattern in _ASKED if pattern.search(question)), None)


def states(sentence: str, kind: str | None) -> bool:
    """True when the sentence states something of that kind (False for no kind)."""
    return bool(kind) and bool(_STATED[kind].search(sentence))


def states_asked(sentence: str, question: str) -> bool:
    """The question asks for a kind of answer, and the sentence states one."""
    return states(sentence, asked(question))


# "Visa, Mastercard and American Express cards, PayPal, and bank transfer": three or more items
# (items of up to four words each: a clause before a comma is no item)
_ITEM = r"[\w&'-]+(?: [\w&'-]+){0,3}"
_LIST = re.compile(rf"\b{_ITEM}(?:, {_ITEM})+,? (?:and|or) {_ITEM}"
                   # "Visa/Mastercard/Paypal", as headings and badges write it (words, not a date)
                   r"|\b[A-Za-z][\w&'-]*(?:\s?/\s?[A-Za-z][\w&'-]*){2,}")


def is_list(sentence: str) -> bool:
    """True when the sentence lists three or more things (the methods a store accepts, the
    countries it ships to): to "can I pay with Apple Pay?" the list is the answer, whether or
    not it names what was asked."""
    return bool(_LIST.search(sentence))

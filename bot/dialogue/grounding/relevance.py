"""Whether a fact sentence speaks of what a question asks, and may stand as its answer.

The shop's topics in shoppers' words ("send it back" is a return, "pick it up" a collection),
the question's content words, and the tests built on them: `answers` (a sentence that may
stand as the answer), `denies` (a "no" to a yes/no question), `shared_words` / `overlap` (the
evidence that a sentence speaks of what is asked). The guard (`bot.dialogue.grounding.guard`), the fact
selector, the fallback and product answers all read a question this one way.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[a-z][a-z'-]+")
#: Where a sentence ends and the next begins.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
# A question for a thing, not a yes or no ("what payment methods do you accept?"): a reply's
# "Yes, we accept Visa..." claims nothing its sentence does not.
WH_QUESTION = re.compile(r"^\W*(?:(?:hi|hey|hello|ok|so|and|btw)\W+)?(?:what|which|where|when|how|who|why)", re.I)
STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as is are was were be been being it its
this that these those you your yours we our us i me my he she they them their there here what
which who whom when where why how can could will would should may might must do does did done
have has had not no yes so than then too very just also any all some each more most other such
only own same into out up down over under again further once about after before between both
during through until while because please thank thanks let know get got make made need want
within without per via one two three four five six seven eight nine ten ll re ve don't i'm
""".split())


# A question asking for an amount or a time wants a sentence that states one.
_QUANTITY_ASK = re.compile(r"\bhow (?:much|many|long|soon|fast)\b|\bwhat(?:'s| is| are| does)? (?:the )?"
                           r"(?:cost|price|fee|charge)s?\b", re.I)
_QUANTITY_SAID = re.compile(r"\d|\b(?:free|few|several|same|next|one|two|three|four|five|six|seven|"
                            r"eight|nine|ten|twelve|day|days|week|weeks|month|months|year|years|"
                            r"hours?|minutes?|immediately|instantly|no charge|no cost)\b", re.I)


# How shoppers talk, not what they ask about ("btw do u guys ship stuff on weekends").
_CHAT = frozenset("btw u ur guys pls plz stuff something anything thing things item items hey hi".split())
# Shop words that name one topic: "do you ship on weekends?" is answered by "Deliveries occur
# only on weekdays.", "can i return something i bought" is about a purchase.
_TOPICS = tuple((re.compile(pattern), topic) for pattern, topic in (
    # the carrier is who ships: "which courier do you use" is answered by "shipped via Royal Mail"
    (r"^(?:ship|deliver|dispatch|postage|courier|carrier)", "ship"), (r"^(?:safe|secur)", "secure"), (r"^(?:week(?:end|day)s?|saturdays?|sundays?)$", "week"),
    (r"^(?:buy|bought|purchas|order)", "buy"), (r"^(?:cost|price|fee|charge)", "cost"),
    (r"^(?:warrant|guarant|promis)", "guarantee"), (r"^(?:pay|paid)", "pay"), (r"^(?:parcel|packag)", "parcel"),
    (r"^(?:refund|reimburs)", "refund"),
    # an EU shop's "right of withdrawal" is its returns policy
    (r"^(?:return|withdraw)", "return"), (r"^(?:people|persons?)$", "person"),
    (r"^assembl", "assemble"),
    # an item that fails: a guarantee's "faulty" is a returns page's "defective"
    (r"^(?:defect|faulty?$|faults$)", "defective"),
    # goods harmed in transit: "the box was smashed", "arrived cracked" is a page's "damaged"
    (r"^(?:damag|smash|crack|dent(?:ed)?$|crush)", "damaged")))


# Shoppers' phrases for one shop word, read as that word in questions and fact sentences alike:
# "when do i get my money back" asks for the refund, not for what is sent "back".
_PHRASES = tuple((re.compile(pattern, re.I), word) for pattern, word in (
    (r"\bmoney back\b", "refund"),
    # money waited for after a return is the refund: "how many days for the money", "where is my money"
    (r"\b(?:my|the|your|our) money\b", "refund"),
    (r"\b(?:send|sent|sending|post|posting|mail|ship|shipping)(?: \w+){0,2} back\b", "return"),
    (r"\bput (?:\w+ ){0,2}together\b", "assemble"), (r"\bswap\w*\b", "exchange"),
    # a parcel or an item harmed on its way: the pages' "damaged" ("my parcel came smashed")
    # ("the bike showed up with a bent wheel", "paint arrived leaking", "the box came torn")
    (r"\b(?:smashed|crushed|cracked|dented|shattered|squashed|busted|bent|leaking|leaked|leaky|torn|"
     r"ripped|scratched)\b", "damaged"),
    # an order that "goes out" today is dispatched (not "goes out of stock")
    (r"\b(?:go|goes|going|went) out\b(?! of\b)", "be dispatched"),
    (r"\blet (?:me|you|us|them) know\b|\binform(?:s|ed)?\b", "notify"),
    # "can i pick it up from you" is a page's "orders cannot be collected", "local pickup" too
    (r"\bpick(?:ed|ing|s)? up\b|\bpick-?ups?\b", "collect"),
    (r"\bpick(?:ed|ing|s)? ((?:it|them|this|that|(?:my|our|the|an?) \w+) )up\b", r"collect \1"),
    # the British "ring me" is a page's "calls you"; a ring sold as jewellery has no "me" after it
    (r"\bring(?:s|ing)?(?= (?:me|you|u|us|them|up|ahead|back)\b)", "call"),
    # an item that fails: the guarantee's and the returns page's "defective"
    (r"\b(?:(?:doesn'?t|does not|won'?t|didn'?t|will not) (?:work|switch on|turn on|start|charge)|stopped working|"
     r"not working|dead on arrival)\b", "defective"),
    # a plant or food gone bad on its way: the pages' "wilted", "spoiled" ("showed up all droopy")
    (r"\b(?:droopy|drooping|wilting|limp)\b", "wilted"), (r"\b(?:rotten|rotting|gone off)\b", "spoiled")))


def shop_words(text: str) -> str:
    """A text with shoppers' phrases written as their shop word ("send stuff back" -> "return")."""
    for pattern, word in _PHRASES:
        text = pattern.sub(word, text)
    return text


def words_of(text: str) -> list[str]:
    """The words of a text, shoppers' phrases read as their shop word (`_PHRASES`)."""
    return WORD.findall(shop_words(text.lower()))


# Pure functions of their text, asked thousands of times a turn (every sentence of the store's
# pages against each question word): cached, the pages' sentences are read once per process.
@lru_cache(maxsize=65536)
def topic_of(word: str) -> str:
    return next((topic for pattern, topic in _TOPICS if pattern.match(word)), stem(word))


@lru_cache(maxsize=16384)
def _said_topics(sentence: str) -> frozenset[str]:
    return frozenset(topic_of(w) for w in words_of(sentence))


def answers(sentence: str, question: str) -> bool:
    """True when a fact sentence may stand as the answer to a question: it holds at least two
    of the question's content words, or half of them. A sentence that merely resembles the
    question ("Free shipping on any purchase over $50." for "can I pay with PayPal?") does not."""
    if _QUANTITY_ASK.search(question) and not _QUANTITY_SAID.search(sentence):
        return False  # "how long does a refund take?" is not answered by "Refunds go to the card."
    asked = _asked_topics(question)
    shared = overlap(sentence, question)
    return bool(asked) and (shared >= 2 or shared / len(asked) >= 0.5)


_DENIAL = re.compile(r"\b(?:not|never|cannot|can't|don't|doesn't|won't|isn't|aren't|do not|does not|"
                     r"will not|don’t|doesn’t|won’t)\s+(?:be\s+)?([a-z]+)", re.I)


def is_wh_question(question: str) -> bool:
    """A question for a thing ("what payment methods do you accept?"), not a yes or no."""
    return bool(WH_QUESTION.match(question))


def denies(sentence: str, question: str) -> bool:
    """A fact sentence that says "no" to a yes/no question: it negates one of the question's
    own words ("We don't guarantee delivery times" to "can u guarantee it by friday?", "Used
    merchandise cannot be returned" to "can i return used leggings?"). A question for a thing
    ("what ...", "how ...") is never answered so."""
    if WH_QUESTION.match(question):
        return False
    asked = _asked_topics(question)
    asks_where = bool(_ASKS_WHERE.search(question))
    for m in _DENIAL.finditer(sentence):
        if not asks_where and _WHERE_SCOPE.match(sentence, m.end()):
            # "We do not ship outside Australia" says no to a place, not to "do you ship in
            # plain boxes": only the shared verb is denied, not what is asked of it
            continue
        denied = [m.group(1).lower()]
        if denied[0] in _LIGHT_VERBS:  # "We do not offer an assembly service": the service is denied
            denied += WORD.findall(sentence[m.end():].lower())[:3]
        if any(topic_of(w) in asked for w in denied):
            return True
    return False


# A denial scoped to places ("do not ship outside Australia", "don't deliver overseas")...
_WHERE_SCOPE = re.compile(r"\s+(?:anything\s+|parcels\s+|orders\s+)?(?:outside|beyond|overseas|abroad|"
                          r"internationally|anywhere|to\s+(?:any\s+)?(?:other|another)\s+countr)", re.I)
# ... answers only a question that asks where: "to switzerland", "overseas", "other countries"
_ASKS_WHERE = re.compile(r"\b(?:to|into|outside|beyond|overseas|abroad|international\w*|countr\w*|"
                         r"anywhere|where|worldwide|globally|world)\b", re.I)


# Verbs that deny their object rather than themselves: "do not offer an assembly service" says no
# to "will someone assemble it?", "do not accept cheques" to "can i pay by cheque?".
_LIGHT_VERBS = frozenset("offer offers provide provides have has sell sells accept accepts give "
                         "gives supply supplies carry carries run runs".split())


def shared_words(sentence: str, question: str) -> int:
    """How many of the question's content words a sentence holds, one topic's shop words
    counted as one and a word matching its longer form ("info" ~ "information", "promo" ~
    "promotional"): the evidence that a sentence speaks of what is asked, which similarity of
    meaning alone misses ("We don't guarantee delivery times" for "can u guarantee it by friday?")."""
    said, starts = _said_topics(sentence), _said_starts(sentence)
    # "a" is a said word's start, or a said word of 4+ letters starts "a": set look-ups, not a
    # scan of the sentence's words for each (the fact selector asks it of every page sentence)
    return sum(1 for a in _asked_topics(question) if a in said or (len(a) >= 4 and (
        a in starts or any(a[:k] in said for k in range(4, len(a))))))


@lru_cache(maxsize=16384)
def _said_starts(sentence: str) -> frozenset[str]:
    """Every start of 4+ letters of the sentence's topics of 4+ letters ("info", "infor", ...)."""
    return frozenset(s[:k] for s in _said_topics(sentence) if len(s) >= 4 for k in range(4, len(s) + 1))
def names_another_thing(sentence: str, question: str) -> bool:
    """True when the one question word a sentence holds is, in the question, the first word of a
    thing of two words ("gift wrap", "price match") and, in the sentence, of another ("Gift cards"
    for "do you gift wrap"): the sentence speaks of something else that shares a word."""
    shared = _asked_topics(question) & _said_topics(sentence)
    if len(shared) != 1 or _STATES.match(question):  # "is shipping free": a thing and what is asked of it
        return False
    word, asked, said = next(iter(shared)), words_of(question), words_of(sentence)
    content = lambda w: w not in STOPWORDS and w not in _CHAT and len(w) > 2
    alike = lambda a, b: a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
    wanted = [topic_of(b) for a, b in zip(asked, asked[1:]) if topic_of(a) == word and content(b)]
    if not is_shop_topic(word) and _another_kind_of(word, asked, said, content):
        return True
    return bool(wanted) and any(topic_of(a) == word and content(b) and not any(alike(topic_of(b), w) for w in wanted)
                                for a, b in zip(said, said[1:]))


def _another_kind_of(word: str, asked: list[str], said: list[str], content) -> bool:
    """The sentence names the shared word only as another kind of it ("gift cards") and the
    question names its own ("my credit card details", "my card details"): every time the sentence
    says it, a word the question lacks comes before it, and the question has a word next to it
    that the sentence lacks. A shop topic ("express shipping") is left alone: its kinds are ways
    of the one thing asked."""
    asked_topics, said_topics = {topic_of(w) for w in asked}, {topic_of(w) for w in said}
    before = [a for a, b in zip([""] + said, said) if topic_of(b) == word]
    if not before or not all(content(a) and topic_of(a) not in asked_topics for a in before):
        return False
    beside = [a for a, b in zip(asked, asked[1:]) if topic_of(b) == word and content(a)] + [
        b for a, b in zip(asked, asked[1:]) if topic_of(a) == word and content(b)]
    return any(topic_of(w) not in said_topics for w in beside)


# a yes/no question of what a thing is ("is shipping free", "are returns free"): its two words are
# a thing and a property, not one thing
_STATES = re.compile(r"^\W*(?:is|are|was|were|isn't|aren't)\b", re.I)


def overlap(sentence: str, question: str) -> int:
    """How many of the question's content words a sentence holds as they are (shop synonyms as
    one); `shared_words` also counts a word's longer form."""
    return len(_asked_topics(question) & _said_topics(sentence))


def question_words(question: str) -> frozenset[str]:
    """The question's content words as `shared_words` reads them (one topic's shop words as one,
    crude stems), without chat words and the ask itself ("how much")."""
    return _asked_topics(question)


def is_shop_topic(word: str) -> bool:
    """True for a word of one of the shop's own topics (shipping, returns, costs, payment ...:
    `_TOPICS`), which every store's pages speak of in words of their own."""
    return any(pattern.match(word.lower()) for pattern, _ in _TOPICS)


def sentence_words(sentence: str) -> frozenset[str]:
    """A sentence's words read as `question_words` reads a question's."""
    return _said_topics(sentence)


@lru_cache(maxsize=8192)
def _asked_topics(question: str) -> frozenset[str]:
    question = _QUANTITY_ASK.sub(" ", question)  # "how much" is the ask, not its topic
    return frozenset(topic_of(w) for w in words_of(question)
                     if w not in STOPWORDS and w not in _CHAT and len(w) > 2)


def stem(word: str) -> str:
    # Crude but enough to match "returns"/"returned"/"return" and "label"/"labels" against
    # each other ("address" keeps its s).
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


def content_stems(text: str) -> set[str]:
    """The stems of a text's content words (no stopwords, longer than two letters)."""
    return {stem(w) for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}

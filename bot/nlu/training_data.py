"""The default NLU training data: Bitext + the store's own intents + out-of-scope, and reviews.

Intent classes of the default model:
- the 27 Bitext e-commerce support intents (models/data/nlu/bitext_support, CDLA-Sharing-1.0);
  a stratified 15% of Bitext (seeded) is held out and never trained on;
- product_search, product_question, store_policy, greeting, thanks, goodbye: generated from the
  store's catalog and pages (bot/nlu/templates.py), plus CLINC150's greeting / thank_you /
  goodbye utterances (CC BY 3.0) for the last three; a few generated shopper phrasings of
  track_order and get_refund ("where is my order") that the Bitext sample lacks;
- ``oos``: CLINC150's out-of-scope utterances and its in-scope utterances from domains that a
  shop assistant never serves (see NEGATIVE_DOMAINS) as negatives.

Domains kept out of the negatives, and why: ``home`` (its intents order, order_status and
shopping_list are shopping), ``meta`` (cancel/yes/no are dialogue moves inside a support
chat), ``small_talk`` greeting/thanks/goodbye (ours) and bot questions a store assistant may
answer (are_you_a_bot, what_can_i_ask_you, ...). From ``banking`` and ``credit_cards`` only
the intents that never concern paying a store are used: card_declined, transactions,
pay_bill, report_fraud and the like read like payment_issue or get_refund. Keyboard mashes and
emoji-only messages (bot/nlu_templates.JUNK) are out of scope too.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bot.nlu.templates import FRUSTRATED, JUNK, TEMPLATES, split_templates
from bot.nlu.vocabulary import in_currency, store_vocabulary, usable
from kb import KnowledgeBase
from models.nlu.classifier_training import stratified_split
from models.nlu.types import OOS_LABEL, CatalogItem, LabeledText

#: How shoppers call the shipped demo store (its greeting and "who is ..." examples).
DEMO_STORE_NAME = "luma"
BITEXT_HELDOUT_FRACTION = 0.15
SPLIT_SEED = 2024
NEGATIVE_DOMAINS = ("kitchen_and_dining", "auto_and_commute", "travel", "utility", "work")
NEGATIVE_INTENTS = (
    "freeze_account", "routing", "pin_change", "interest_rate", "transfer", "order_checks",
    "balance", "min_payment", "apr", "credit_score", "improve_credit_score", "credit_limit",
    "credit_limit_change", "rewards_balance", "expiration_date", "application_status",
    "replacement_card_duration", "report_lost_card", "damaged_card", "international_fees",
    "meaning_of_life", "tell_joke", "fun_fact", "do_you_have_pets", "what_are_your_hobbies",
    "how_old_are_you", "where_are_you_from",
)
#: CLINC out-of-scope rows that a store assistant does serve (they would teach it to refuse).
NOT_OOS = frozenset({"how do i change my billing address",
                     "i need to speak to customer service regarding my flight"})
CLINC_TO_OURS = {"greeting": "greeting", "thank_you": "thanks", "goodbye": "goodbye"}
GENERATED_COUNTS = {"product_search": (360, 90), "product_question": (360, 90),
                    "store_policy": (240, 60), "greeting": (60, 15), "thanks": (60, 15),
                    "goodbye": (60, 15), "track_order": (80, 20), "get_refund": (80, 20)}
NEGATIVES_PER_INTENT = (12, 4)  # (train, held out) per negative CLINC intent


@dataclass(frozen=True, slots=True)
class IntentDataset:
    """The default intent data: what the model trains on and what is kept out for testing."""

    train: tuple[LabeledText, ...]
    heldout: tuple[LabeledText, ...]  # Bitext held-out + generated held-out + oos held-out
    bitext_heldout: tuple[LabeledText, ...]


def nlu_data_dir() -> Path:
    """The folder of the shipped NLU data (Bitext, CLINC150) inside the models package."""
    return Path(str(resources.files("models") / "data" / "nlu"))


def bitext_examples() -> list[LabeledText]:
    """Every Bitext utterance with its intent."""
    with open(nlu_data_dir() / "bitext_support" / "train.csv", newline="", encoding="utf-8") as f:
        return [LabeledText(r["instruction"].strip(), r["intent"]) for r in csv.DictReader(f)]


def bitext_split() -> tuple[list[LabeledText], list[LabeledText]]:
    """(train, held out): a stratified, seeded 15% of Bitext is held out."""
    return stratified_split(bitext_examples(), BITEXT_HELDOUT_FRACTION, SPLIT_SEED)


def default_intent_dataset(kb: KnowledgeBase, store_name: str | None = None) -> IntentDataset:
    """Build the default training set and its held-out counterpart (deterministic).

    Args:
        kb: The store whose catalog and pages fill the generated examples (any store: slots
            it cannot fill leave their templates out).
        store_name: How shoppers call the store ("luma" for the demo); None when unknown.

    Returns:
        The IntentDataset.
    """
    bitext_train, bitext_held = bitext_split()
    shop_train, shop_held = shop_examples(kb, store_name)
    clinc_train, clinc_held = clinc_examples()
    train = bitext_train + shop_train + clinc_train
    # Bitext repeats some utterances up to letter case: a held-out row seen in training is
    # dropped, so the held-out numbers measure unseen text.
    seen = {e.text.lower() for e in train}
    held = [e for e in bitext_held + shop_held + clinc_held if e.text.lower() not in seen]
    bitext_unseen = [e for e in bitext_held if e.text.lower() not in seen]
    return IntentDataset(tuple(train), tuple(held), tuple(bitext_unseen))


def clinc_examples() -> tuple[list[LabeledText], list[LabeledText]]:
    """(train, held out) from CLINC150: greetings/thanks/goodbyes and out-of-scope negatives."""
    with open(nlu_data_dir() / "clinc150" / "data_full_trainval.json", encoding="utf-8") as f:
        data = json.load(f)
    with open(nlu_data_dir() / "clinc150" / "domains.json", encoding="utf-8") as f:
        domains = json.load(f)
    negative = {i for d in NEGATIVE_DOMAINS for i in domains[d]} | set(NEGATIVE_INTENTS)
    rng = random.Random(SPLIT_SEED)
    out = []
    for split, oos_split, per_intent in (("train", "oos_train", NEGATIVES_PER_INTENT[0]),
                                         ("val", "oos_val", NEGATIVES_PER_INTENT[1])):
        rows = [LabeledText(t, OOS_LABEL) for t, _ in data[oos_split] if t not in NOT_OOS]
        rows += [LabeledText(t, CLINC_TO_OURS[i]) for t, i in data[split] if i in CLINC_TO_OURS]
        by_intent: dict[str, list[str]] = {}
        for text, intent in data[split]:
            if intent in negative:
                by_intent.setdefault(intent, []).append(text)
        for intent in sorted(by_intent):
            rows += [LabeledText(t, OOS_LABEL) for t in rng.sample(by_intent[intent], per_intent)]
        out.append(rows)
    return out[0], out[1]


# --- generated shop intents ------------------------------------------------------------------


def shop_examples(kb: KnowledgeBase, store_name: str | None = None
                  ) -> tuple[list[LabeledText], list[LabeledText]]:
    """(train, held out) examples of the shop intents, from disjoint templates and products.

    Templates whose slots the store cannot fill (no colours, no sizes...) are left out before
    the split, so any store gets examples of every intent it can talk about.
    """
    skus = sorted(p.sku for p in kb.products)
    held_skus = set(skus[4::5])
    train_slots = store_vocabulary(kb, lambda p: p.sku not in held_skus, store_name)
    held_slots = store_vocabulary(kb, lambda p: p.sku in held_skus, store_name)
    rng = random.Random(SPLIT_SEED)
    # Currency forms are drawn apart so every store's other draws (and the demo's data) stay
    # the same whatever its currency.
    money = _Money(kb.currency, random.Random(SPLIT_SEED + 1))
    train, held = [], []
    for intent, (n_train, n_held) in GENERATED_COUNTS.items():
        train_templates, held_templates = split_templates(
            tuple(t for t in TEMPLATES[intent] if usable(t, train_slots)))
        train += _fill(intent, train_templates, train_slots, n_train, rng, money)
        held += _fill(intent, tuple(t for t in held_templates if usable(t, held_slots)),
                      held_slots, n_held, rng, money)
    junk_train, junk_held = split_templates(JUNK)
    train += [LabeledText(t, OOS_LABEL) for t in junk_train]
    held += [LabeledText(t, OOS_LABEL) for t in junk_held]
    return train, held


@dataclass(frozen=True, slots=True)
class _Money:
    """The store's currency and the generator that picks how each amount is written."""

    currency: str | None
    rng: random.Random


def _fill(intent: str, templates: tuple[str, ...], slots: dict[str, list[str]], count: int,
          rng: random.Random, money: _Money) -> list[LabeledText]:
    texts: dict[str, None] = {}
    if not templates:
        return []
    for attempt in range(count * 4):
        if len(texts) >= count:
            break
        template = templates[attempt % len(templates)]
        # Every filled slot is drawn each time (in the vocabulary's order), so a store's
        # examples stay the same from run to run; the store's name is not drawn.
        values = {key: rng.choice(options) for key, options in slots.items()
                  if options and key != "store"}
        if slots["name"]:
            values["name2"] = rng.choice(slots["name"])
        values["price2"] = str(int(values["price"]) + rng.choice((20, 30, 50)))
        values["store"] = slots["store"][0] if slots["store"] else ""
        text = in_currency(template.format_map(_Missing(values)), money.currency, money.rng)
        texts[_noisy(text, rng)] = None
    return [LabeledText(t, intent) for t in texts]


class _Missing(dict):
    """Fields no usable template asks for (an empty slot) format as nothing."""

    def __missing__(self, key: str) -> str:
        return ""


def _noisy(text: str, rng: random.Random) -> str:
    """Shoppers type casually: lower-case, missing question marks, the odd swapped letter."""
    if rng.random() < 0.5:
        text = text.lower()
    if rng.random() < 0.3:
        text = text.rstrip("?!.")
    if rng.random() < 0.1:
        words = text.split()
        long_words = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
        if long_words:
            i = rng.choice(long_words)
            j = rng.randrange(1, len(words[i]) - 2)
            w = words[i]
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            text = " ".join(words)
    return text


# --- catalog and sentiment -------------------------------------------------------------------


def catalog_items(kb: KnowledgeBase) -> list[CatalogItem]:
    """The store's products as the entity extractor sees them."""
    return [CatalogItem(p.sku, p.name, tuple(p.colors), tuple(p.sizes), tuple(p.categories))
            for p in kb.products]


def rating_label(rating: int) -> str:
    """Star rating -> sentiment: 1-2 negative, 3 neutral, 4-5 positive."""
    return "negative" if rating <= 2 else "neutral" if rating == 3 else "positive"


def sentiment_examples(kb: KnowledgeBase) -> list[LabeledText]:
    """The store's reviews (title and text) labelled by their star rating."""
    return [LabeledText(review_text(r.title, r.text), rating_label(r.rating))
            for r in kb.reviews if (r.title or r.text)]


def review_text(title: str, text: str) -> str:
    """A review as the sentiment model reads it: title and text, the title once."""
    # Many reviews repeat their title as the first sentence: keep it once.
    title, text = title.strip(), text.strip()
    if not title or text.lower().startswith(title.lower().rstrip(".!")):
        return text or title
    return f"{title.rstrip('.')}. {text}".strip()


def sentiment_chat_examples() -> tuple[list[LabeledText], list[LabeledText]]:
    """(train, held out) chat messages with weak sentiment labels, split like the intent data.

    Negative: Bitext complaints and utterances tagged "W" (offensive language). Neutral: the
    other Bitext requests (reviews left out: they can go either way), up to 300. Positive:
    CLINC150's thank_you utterances. The held-out part comes from Bitext's held-out rows and
    CLINC's validation split, so it is never trained on.
    """
    with open(nlu_data_dir() / "bitext_support" / "train.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    _, held = bitext_split()
    held_texts = {e.text for e in held}
    out: tuple[list[LabeledText], list[LabeledText]] = ([], [])
    neutral: tuple[list[LabeledText], list[LabeledText]] = ([], [])
    for row in rows:
        text = row["instruction"].strip()
        part = 1 if text in held_texts else 0
        if row["intent"] == "complaint" or "W" in row["tags"]:
            out[part].append(LabeledText(text, "negative"))
        elif row["intent"] != "review":
            neutral[part].append(LabeledText(text, "neutral"))
    rng = random.Random(SPLIT_SEED)
    for part, cap in ((0, 300), (1, 60)):
        out[part].extend(rng.sample(neutral[part], min(cap, len(neutral[part]))))
    with open(nlu_data_dir() / "clinc150" / "data_full_trainval.json", encoding="utf-8") as f:
        data = json.load(f)
    for part, split in ((0, "train"), (1, "val")):
        out[part].extend(LabeledText(t, "positive") for t, i in data[split] if i == "thank_you")
    return out



#: The store's own generated questions taught to a review-less sentiment model as neutral:
#: intents that are plain requests, at most this many. Without them the model has seen no
#: product words at all and reads a question in an unseen catalog's words ("which flashlight
#: has the longest burn time") as strongly negative.
STORE_NEUTRAL_INTENTS = ("product_search", "product_question", "store_policy", "track_order")
STORE_NEUTRAL_CAP = 240


FRUSTRATED_COUNT = 120


def sentiment_store_examples(kb: KnowledgeBase, store_name: str | None = None
                             ) -> list[LabeledText]:
    """The store's own questions (its generated intent training examples) labelled neutral,
    and fed-up messages naming its goods (FRUSTRATED's training templates) labelled negative."""
    train, _ = shop_examples(kb, store_name)
    plain = [LabeledText(e.text, "neutral") for e in train if e.label in STORE_NEUTRAL_INTENTS]
    rng = random.Random(SPLIT_SEED)
    neutral = rng.sample(plain, min(STORE_NEUTRAL_CAP, len(plain)))
    slots = store_vocabulary(kb, lambda p: True, store_name)
    templates = tuple(t for t in split_templates(FRUSTRATED)[0] if usable(t, slots))
    money = _Money(kb.currency, random.Random(SPLIT_SEED + 1))
    return neutral + _fill("negative", templates, slots, FRUSTRATED_COUNT, rng, money)

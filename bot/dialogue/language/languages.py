"""The shopper's language: detect it, read the message in English, answer in it.

Detection is py3langid (its model ships in the wheel), limited to the languages we answer in and
kept per session: a message too short to tell ("000000113", "ok") keeps the language before it.
Understanding runs on an English reading made with each language's glossary of shopping
words (the NLU models are English-only; a shopper's words live in `bot.dialogue.language.glossary`,
the assistant's sentences in `bot.dialogue.language.translations`). Replies written by code are translated from their English
sentences, dates included. Generated answers stay in the English of the store's facts, which
the guard checks word by word, introduced by a frame in the shopper's language
(`frame_facts`): the 0.5B generator is not reliable in other languages, and a translated
answer could no longer be checked against the facts.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache

from bot.dialogue.language import (colour_names, glossary, kept_names, letters, place_names, translations,
                                   translations_buttons)
from bot.types import Reply

LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
#: Below this probability (or under 2 words) a message keeps the session's language.
MIN_PROBABILITY = 0.6

_SUPPORTED = frozenset(LANGUAGES) - {"en"}
_HELD = 0xE000  # private-use characters stand for words already read


@lru_cache(maxsize=None)
def _glossary(language: str) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(p if p.startswith("^") else rf"\b(?:{p})\b", re.I), english)
                 for p, english in glossary.GLOSSARY.get(language, ()))


@lru_cache(maxsize=None)
def _replies(language: str) -> tuple[tuple[re.Pattern, str | Callable], ...]:
    # a row listing variant values writes their basic colours in the language too
    return tuple((re.compile(p, re.S), colour_names.replacement(local[language], language)
                  if colour_names.VARIANT_ROW.search(p) else local[language])
                 for p, local in translations.REPLIES if language in local)


_fold = letters.fold  # "envío" and "envio" read alike


def warm() -> None:
    """Load the language model now (0.8 s of CPU) rather than in the first turns."""
    _identifier()


def _identifier():
    # Once: lru_cache alone let the first turns of a busy start each load it (48 threads x
    # 0.8 s of CPU stalled bench/load.py's service for ~25 s).
    with _LOADING:
        return _load_identifier()


_LOADING = threading.Lock()


@lru_cache(maxsize=1)
def _load_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


#: A pressed quick-reply button's text -> (its language, its English label).
_PRESSED = {local.lower(): (language, english) for english, labels in translations_buttons.BUTTONS.items()
            for language, local in labels.items()}


def _pressed(text: str) -> tuple[str, str] | None:
    """(language, English label) of a button we show, pressed: a fixed one, or one that starts
    with fixed words and ends with a name ("Háblame de Crown Summit Backpack")."""
    text = text.strip()
    if text.lower() in _PRESSED:
        return _PRESSED[text.lower()]
    for english, labels in translations_buttons.BUTTON_PREFIXES.items():
        for language, local in labels.items():
            if text.lower().startswith(local.lower()) and len(text) > len(local):
                return language, english + text[len(local):]
    return None


def detect(text: str, previous: str = "en", names: tuple[str, ...] = ()) -> str:
    """The message's language, or ``previous`` when the message is too short or unclear; the
    store's ``names`` (`kept_names.store_names`) said in it are no words of the shopper's."""
    pressed = _pressed(text)
    if pressed:  # a button we showed, in the language we showed it in
        return pressed[0]
    courteous = _courtesy(text)
    if courteous:  # "buongiorno", "hola buenas": too short for the identifier, plain in its words
        return courteous
    text = _without_store_names(text, names)
    named = _without_names(text)
    if named is not None:  # unless the English is only the names in it ("la Crown Summit Backpack")
        found = _identify(named, text, min_hits=1)
        if found not in (None, "en"):
            return found
    letters = re.sub(r"\S*@\S*|[^a-zà-ÿ\s]", " ", text.lower())
    if len(letters.split()) < 2:
        return previous
    found = _identify(letters, text) or previous
    if found != previous and previous in _SUPPORTED and len(letters.split()) <= 3 and _own_word(text, previous):
        return previous  # "y overnight?": a follow-up in the conversation's language around a name of ours
    return found


def _without_store_names(text: str, names: tuple[str, ...]) -> str:
    """The message without the store's names it says in any case: a product named in its
    maker's language ("is gorgonzola telino in stock") tells nothing of the shopper's."""
    # in any case; a name of three letters or less may be a word of any language
    pattern = kept_names.pattern(names, min_length=3, flags=re.I) if names else None
    return pattern.sub(" ", text) if pattern else text


#: Words English shares with a glossary's ("a" is Spanish "to"): no sign of the language alone.
_SHARED = frozenset("a i in on no me se so do per come fine".split())


def _own_word(text: str, language: str) -> bool:
    """Whether the message holds a word the language's glossary reads as other English words
    ("y" -> "and", "und" -> "and"), not one English spells alike ("leggings", "hawaii")."""
    folded = _fold(text.lower())
    for pattern, english in _glossary(language):
        match = pattern.search(folded)
        if match and match.group().strip() not in _SHARED and match.group().strip() != english.lower():
            return True
    return False


def _identify(letters: str, text: str, min_hits: int = 2) -> str | None:
    """py3langid's language of the letters, or None when unsure; two close languages splitting
    the vote (es/pt, pt/it) are told apart by which one's glossary words the text uses (at
    least ``min_hits`` of them: "yes pls" is no French; a phrase of two words or more counts
    two: "cuanto dura" around a song's name is as Spanish as two words)."""
    (language, probability), (second, other) = _identifier().rank(letters)[:2]
    if probability >= MIN_PROBABILITY:
        return language
    if "en" not in (language, second) and probability + other >= MIN_PROBABILITY:
        folded = _fold(text)
        hits = {lang: sum(_weight(pattern.search(folded)) for pattern, _ in _glossary(lang))
                for lang in (language, second)}
        best = max(hits, key=hits.get)
        return best if hits[best] >= min_hits else None
    return None


def _weight(match: re.Match | None) -> int:
    """How much a glossary match says of its language: none, a word, or a phrase (two)."""
    return 0 if match is None else 2 if len(match.group().split()) >= 2 else 1


# A capitalised word inside a sentence, and the capitalised words or numbers after it: a name
# ("tienen la Crown Summit Backpack en azul?"), English in any language's sentence.
_NAME = re.compile(r"(?<=[^\s.!?¿¡:;])\s+[A-Z][\w'’™®-]*(?:\s+[A-Z0-9][\w'’™®-]*)*")


def _without_names(text: str) -> str | None:
    """The message's letters without the names in it, when that leaves a phrase (None when it
    names nothing or leaves under three words)."""
    if not _NAME.search(text):
        return None
    letters = re.sub(r"\S*@\S*|[^a-zà-ÿ\s]", " ", _NAME.sub(" ", text).lower())
    return letters if len(letters.split()) >= 3 else None


#: The glossary's words of courtesy: a message of these words alone says its language.
_COURTESY = frozenset({"hello", "thanks", "goodbye", "please"})


def _courtesy(text: str) -> str | None:
    """The one language whose greetings, thanks or goodbyes make up the whole message (at least
    three letters of them), or None."""
    folded = re.sub(r"\b(ok|okay|oki)\b", " ", _fold(text.lower()))  # "ok gracias" is as Spanish as "gracias"
    found = []
    for language in _SUPPORTED:
        rest, hits = folded, 0
        for pattern, english in _glossary(language):
            if english in _COURTESY:
                rest, n = pattern.subn(" ", rest)
                hits += n
        if hits and not re.search(r"[a-z]", rest) and len(re.sub(r"[^a-z]", "", folded)) >= 3:
            found.append(language)
    return found[0] if len(found) == 1 else None


def to_english(text: str, language: str, names: tuple[str, ...] = ()) -> str:
    """The message with the glossary's words in English (unchanged for English); the store's
    product ``names`` said in it stay as written ("el Queso Manchego La Pastora" is no "cheese
    Manchego", "Garota De Ipanema" keeps its "de")."""
    if language not in _SUPPORTED:
        return text
    pressed = _pressed(text)
    if pressed:
        return pressed[1]
    text, done = _fold(text), []

    def hold(match: re.Match, english: str) -> str:
        # A word already read stays read: "para un" -> "for a" keeps its "a" from "a" -> "to".
        done.append(match.expand(english))
        return chr(_HELD + len(done) - 1)

    def keep(match: re.Match) -> str:
        done.append(match.group())
        return chr(_HELD + len(done) - 1)

    kept = _folded_names(names)
    if kept is not None:
        text = kept.sub(keep, text)
    for pattern, english in _glossary(language):
        text = pattern.sub(lambda m, e=english: hold(m, e), text)
    text = re.sub(f"[{chr(_HELD)}-{chr(_HELD + 4095)}]", lambda m: done[ord(m.group()) - _HELD], text)
    return text.replace("¿", "").replace("¡", "")


@lru_cache(maxsize=16)
def _folded_names(names: tuple[str, ...]) -> re.Pattern | None:
    """The names of more than three letters as whole words in any case, accents folded as a
    message's are (one pattern per store's list)."""
    return kept_names.pattern(tuple(_fold(n) for n in names), min_length=3, flags=re.I) if names else None


@lru_cache(maxsize=None)
def _place_names(language: str) -> tuple[re.Pattern, dict[str, str]] | None:
    names = place_names.local_names(language)
    if not names:
        return None
    return re.compile(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b"), names


def localize(text: str, language: str, names: tuple[str, ...] = ()) -> str:
    """A code-written reply in the shopper's language (a sentence without a translation
    stays English); dates read the language's way, places by the language's names for them;
    the store's ``names`` (`kept_names.store_names`) as the store wrote them."""
    if language not in _SUPPORTED:
        return text
    text, held = kept_names.hold(text, names)
    for pattern, local in _replies(language):
        text = pattern.sub(local, text)
    places = _place_names(language)
    if places:
        text = places[0].sub(lambda m: places[1][m.group()], text)
    months, form = translations.MONTHS[language], translations.DATE_FORMS[language]
    text = re.sub(translations.DATE, lambda m: form.format(
        d=m.group(2), m=months[translations._MONTHS.index(m.group(1))], y=m.group(3)), text)
    return kept_names.release(text, held)


def frame_facts(text: str, language: str, names: tuple[str, ...] = ()) -> str:
    """A generated answer for a shopper of another language: the checked English answer,
    introduced as the store's own (English) information, in the shopper's language."""
    if language not in _SUPPORTED or not text:
        return text
    return translations.FACT_FRAME[language] + localize(text, language, names)


def in_language(reply: Reply, language: str, generated: bool, names: tuple[str, ...] = ()) -> str:
    """A reply's text for the shopper: a generated answer, or the store's sentences quoted as
    they are (extractive), framed; the rest translated, the store's ``names`` kept as written."""
    if reply.action == "extractive" or (generated and reply.action == "answer"):  # the store's own words
        return frame_facts(reply.text, language, names)
    return localize(reply.text, language, names)


def buttons(labels: tuple[str, ...], language: str) -> tuple[str, ...]:
    """Quick-reply labels in the shopper's language (a label without a translation, such as a
    product's name, as it is)."""
    return tuple(_button(label, language) for label in labels)


def _button(label: str, language: str) -> str:
    if label in translations_buttons.BUTTONS:
        return translations_buttons.BUTTONS[label].get(language, label)
    for english, local in translations_buttons.BUTTON_PREFIXES.items():
        if label.startswith(english) and language in local:
            return local[language] + label[len(english):]
    return label

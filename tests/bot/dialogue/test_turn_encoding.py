"""A turn encodes each text with MiniLM once: the question and its reading in the shop's words in
one encoder pass, and the whole of a two-question message not at all (only its parts are read).

Counts the encoder's calls, not time: a float32 MiniLM pass is ~15-20 ms of one CPU core, the
largest part of a turn's understanding, so a second pass of the same text is the tail of issue
#14's latency bar.
"""

from __future__ import annotations

import uuid
from collections import Counter
from contextlib import contextmanager
from typing import Iterator

from bot.dialogue.grounding import relevance
from bot.types import ChannelMessage


@contextmanager
def encoder_calls(embedder) -> Iterator[list[list[str]]]:
    """The texts of each `encode` call made meanwhile; the query memory emptied first, so every
    query the turn needs is encoded in it."""
    calls: list[list[str]] = []
    original = embedder.encode

    def counting(texts):
        calls.append(list(texts))
        return original(texts)

    embedder._queries.clear()  # remembered queries from earlier tests would hide the turn's passes
    embedder.encode = counting  # the instance's attribute shadows the method
    try:
        yield calls
    finally:
        del embedder.encode


def _turn(service, text: str, calls: list[list[str]]) -> list[list[str]]:
    calls.clear()
    service.reply(ChannelMessage(f"enc-{uuid.uuid4().hex[:8]}", text))
    return list(calls)


def _encoded_twice(calls: list[list[str]]) -> dict[str, int]:
    counts = Counter(text for call in calls for text in call)
    return {text: n for text, n in counts.items() if n > 1}


def test_a_question_and_its_shop_words_reading_are_encoded_together_once(dialogue_service):
    question = "can i send back a jacket i only tried on once"
    plain = relevance.shop_words(question)
    assert plain != question  # the store search also reads it as "return"
    with encoder_calls(dialogue_service.retriever.embedder) as calls:
        made = _turn(dialogue_service, question, calls)
    assert _encoded_twice(made) == {}
    assert any(question in call and plain in call for call in made), made


def test_the_whole_of_a_two_question_message_is_not_encoded(dialogue_service):
    """Its parts are answered one by one: the whole's "out of scope" is never read, and the store
    search that would overrule it is not run."""
    message = "can i wash the hoodie in hot water? and can i send it back if it shrinks"
    with encoder_calls(dialogue_service.retriever.embedder) as calls:
        made = _turn(dialogue_service, message, calls)
    texts = [text for call in made for text in call]
    assert _encoded_twice(made) == {}
    assert message not in texts and relevance.shop_words(message) not in texts
    assert "can i wash the hoodie in hot water" in texts  # the parts are read


def test_a_kind_the_store_may_not_sell_is_encoded_once(dialogue_service):
    """The word asked for is compared with the store's kinds (their vectors kept); asked again,
    in another conversation, nothing is encoded again."""
    with encoder_calls(dialogue_service.retriever.embedder) as calls:
        first = _turn(dialogue_service, "do you have any cheese", calls)
        again = _turn(dialogue_service, "do you have any cheese", calls)
    assert ["cheese"] in first
    assert again == []

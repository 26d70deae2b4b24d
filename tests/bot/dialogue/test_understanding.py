"""What the NLU models read of a message (bot/dialogue/understanding.py), without the models."""

from __future__ import annotations

from bot.dialogue.understanding import Understander


def test_small_talk_after_a_greeting_is_left_out_with_the_greeting():
    read = Understander(object(), None, None).read  # no vocabulary: no word is respelt
    assert read("good morning! hope ur having a nice day :) quick q - do u deliver on weekends?") == \
        "do u deliver on weekends?"
    assert read("hello! how are you doing today? i want to return something") == "i want to return something"
    assert read("how are you?") == "how are you?"  # small talk alone stays what it is
    assert read("hope you have a nice day") == "hope you have a nice day"


class _Model:
    """A stand-in model that notes each text it reads, in order, in a shared list."""

    def __init__(self, name: str, calls: list) -> None:
        self.name, self.calls = name, calls

    def _read(self, text: str) -> str:
        self.calls.append((self.name, text))
        return f"{self.name}:{text}"

    predict = extract = _read


def test_a_message_and_its_parts_are_read_model_by_model_with_the_same_results():
    calls: list = []
    understander = Understander(_Model("intent", calls), _Model("entities", calls), _Model("sentiment", calls))
    texts = ["whats the return window and do you ship to canada", "whats the return window",
             "do you ship to canada"]
    read = understander.understand_all(texts)
    # each model over all the texts before the next: its weights stay in the CPU's caches
    assert calls == [(name, text) for name in ("intent", "entities", "sentiment") for text in texts]
    alone = [understander.understand(text) for text in texts]
    assert [(u.intent, u.entities, u.sentiment) for u in read] == \
        [(u.intent, u.entities, u.sentiment) for u in alone] == \
        [(f"intent:{t}", f"entities:{t}", f"sentiment:{t}") for t in texts]
    assert all(u.seconds >= 0 for u in read)

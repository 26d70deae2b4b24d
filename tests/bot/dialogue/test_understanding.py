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

"""A message that only acknowledges (bot/dialogue/acknowledgements.py): thanked, the conversation
left where it was (its language, its last act, its question)."""

from __future__ import annotations

import pytest

from bot.dialogue import acknowledgements, policy
from bot.dialogue.understanding import Understanding
from bot.types import Session
from models import Entities, NluResult, Sentiment


@pytest.mark.parametrize("text", ["ok", "hmm ok", "ok cool", "ok thx", "nice", "okkk", "hmmmm", "niiice",
                                  "ok 👍", "thanks!", "i see", "cool got it"])
def test_acknowledging_words_alone_acknowledge(text):
    assert acknowledgements.acknowledges(text)


@pytest.mark.parametrize("text", ["yes", "no", "oh no", "👍", "ok and the 2l?", "ok how much is it",
                                  "hi", "ok cancel it"])
def test_an_answer_a_question_or_a_request_is_no_acknowledgement(text):
    assert not acknowledgements.acknowledges(text)


def test_the_acknowledging_words_before_a_follow_up_are_left_out():
    assert acknowledgements.without_lead("hmm what about the 5l, is that a better deal") == \
        "what about the 5l, is that a better deal"
    assert acknowledgements.without_lead("ok and in black?") == "and in black?"
    assert acknowledgements.without_lead("ok") == "ok"  # nothing else: the message as it is


@pytest.mark.parametrize("intent,oos", [("greeting", False), ("goodbye", False), ("oos", True)])
def test_an_acknowledgement_is_thanked_whatever_the_classifier_reads(intent, oos):
    understanding = Understanding(NluResult(intent, 0.95, oos), Entities(), Sentiment("neutral", 0.9))
    for text in ("hmm ok", "ok", "ok cool"):
        assert policy.decide(Session("s"), text, understanding, injection=False).action == policy.THANKS


@pytest.mark.parametrize("text", ["ok", "k", "got it", "ok got it", "alright got it", "cool", "hmm ok"])
def test_an_acknowledgement_that_thanks_no_one_gets_a_plain_okay(text):
    assert acknowledgements.reply_text(text) == acknowledgements.NEUTRAL_TEXT


@pytest.mark.parametrize("text", ["cool thanks", "ok thx", "thank you", "ty", "cheers", "thanks a lot for the help"])
def test_thanks_get_you_are_welcome(text):
    assert acknowledgements.reply_text(text) == acknowledgements.WELCOME_TEXT


@pytest.mark.parametrize("language,okay", [("es", "¡Vale!"), ("fr", "D'accord"), ("de", "Alles klar"),
                                           ("pt", "Certo!"), ("it", "Va bene!")])
def test_the_plain_okay_is_written_in_each_language(language, okay):
    from bot.dialogue.language import languages
    assert languages.localize(acknowledgements.NEUTRAL_TEXT, language).startswith(okay)

"""When a generated "I don't know" gives way to the fact sentence that answers."""

from bot.dialogue.grounded import _answers


def row(score, sentence="s"):
    return (score, "faq:help#1", 0, sentence)


def test_a_very_close_sentence_answers():
    assert _answers([row(0.62), row(0.58)], "q")


def test_a_close_sentence_far_ahead_of_the_rest_answers():
    # "We do not install lighting" for "do you install the lights?"
    assert _answers([row(0.56), row(0.23), row(0.17)], "q")
    assert _answers([row(0.52)], "q")


def test_close_but_not_alone_or_too_far_does_not():
    assert not _answers([row(0.56), row(0.45)], "q")
    assert not _answers([row(0.45), row(0.05)], "q")


def test_a_close_sentence_holding_three_of_the_question_s_words_answers():
    question = "my package arrived damaged what do i do"
    parcel = "If a parcel arrives damaged, send us a photo within 48 hours of delivery."
    assert _answers([row(0.55, parcel), row(0.48)], question)
    assert not _answers([row(0.55, "Plants cannot be returned unless they arrive damaged."),
                         row(0.48)], question)  # two words: not enough
    assert not _answers([row(0.45, parcel), row(0.2)], question)  # not close enough

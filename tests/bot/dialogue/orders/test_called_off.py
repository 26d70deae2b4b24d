from bot.dialogue.orders import called_off


def _rest(text: str) -> str | None:
    found = called_off.match(text)
    return text[found.end():] if found else None


def test_a_call_off_with_a_question_after_it_leaves_the_question_to_read_alone():
    assert _rest("hmm actually no, dont cancel. how much would it cost to ship it overnight instead") == \
        "how much would it cost to ship it overnight instead"
    assert _rest("wait no dont cancel it. whats your return window") == "whats your return window"
    assert _rest("nvm dont cancel. how long does standard shipping take") == "how long does standard shipping take"


def test_a_bare_call_off_or_one_with_no_question_stays_the_flows_answer():
    assert _rest("dont cancel it") is None
    assert _rest("no dont cancel it, keep it thanks") is None
    assert _rest("dont cancel it, just tell me when its arriving") is None  # the order's status, same order

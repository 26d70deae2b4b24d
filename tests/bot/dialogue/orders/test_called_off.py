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


def test_keep_it_dont_bother_or_the_address_is_fine_call_off_too():
    assert _rest("nah never mind, keep it. does the lando jacket come in xl?") == "does the lando jacket come in xl?"
    assert _rest("actually dont bother, ill keep them. whats the phone number for customer care") == \
        "whats the phone number for customer care"
    assert _rest("oh wait never mind, the address is fine. when will it ship?") == "when will it ship?"
    assert _rest("nah forget it, leave the order as it is. how long do i have to return stuff") == \
        "how long do i have to return stuff"
    assert _rest("keep it simple, what colours does it come in?") is None  # no call-off, a stop missing


def test_a_whole_message_call_off_and_not_a_return_reason():
    assert called_off.whole("actually dont bother, ill keep them")
    assert called_off.whole("never mind, keep it")
    assert not called_off.whole("Changed my mind")  # a return reason offered as a button
    assert not called_off.whole("keep it dry?")


def test_the_task_dropped_is_said_before_the_answer_in_the_shoppers_language():
    from bot.dialogue import policy
    from bot.types import Reply, Session

    session = Session("s")
    session.flow, session.verified_order = policy.CANCEL_ORDER, "000000119"
    called_off.remember(session)
    reply = called_off.acknowledged(session, Reply("Yes, the Lando Gym Jacket comes in XL."), "en")
    assert reply.text == "Okay, order #000000119 stays as it is. Yes, the Lando Gym Jacket comes in XL."
    assert called_off.acknowledged(session, Reply("Next."), "en").text == "Next."  # said once
    session.flow = policy.RETURN
    called_off.remember(session)
    assert called_off.acknowledged(session, Reply("Hola."), "es").text.startswith(
        "De acuerdo, no se abre ninguna devolución para el pedido #000000119.")
    unopened = Session("t")
    unopened.flow = policy.CANCEL_ORDER  # no order opened yet: nothing to say was kept
    called_off.remember(unopened)
    assert called_off.acknowledged(unopened, Reply("Hi."), "en").text == "Hi."

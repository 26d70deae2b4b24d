"""The questions of one message, and how a short one leans on the one before, without models."""

from __future__ import annotations

from bot.dialogue import question_parts


def test_two_questions_are_split_and_one_is_not():
    assert len(question_parts.split_questions(
        "how long do i have to return stuff and do you ship on weekends?")) == 2
    assert question_parts.split_questions("show me yoga pants and tops") == ["show me yoga pants and tops"]


def test_a_part_that_does_not_stand_alone_says_how_it_leans():
    for part in ("how long does it take", "how much would that be", "whats shipping on that",
                 "are they waterproof", "could u ship those by friday"):
        assert question_parts.leans(part) == "pronoun", part
    for part in ("and to alaska?", "what about overnight", "or with priority", "same for sale items"):
        assert question_parts.leans(part) == "ellipsis", part
    for part in ("do you have coupons", "whats your phone number", "is there a restocking fee",
                 "how long does it take for a refund to reach my card once you got the parcel"):
        assert question_parts.leans(part) is None, part


def test_two_questions_on_two_lines_or_around_a_semicolon_or_oh_and_are_split():
    assert question_parts.split_questions("how much is shipping to hawaii on $30\ndo you have any coupons") == \
        ["how much is shipping to hawaii on $30", "do you have any coupons"]
    assert len(question_parts.split_questions("can i return a gift; what's your phone number")) == 2
    assert question_parts.split_questions("do you have promo codes oh and how long does overnight take")[1] == \
        "how long does overnight take"
    assert question_parts.split_questions("order 000000101\nroni_cost@example.com") == ["order 000000101\nroni_cost@example.com"]


def test_a_question_ended_by_a_full_stop_is_split_from_the_next_and_a_statement_is_not():
    assert question_parts.split_questions("How much is shipping for $30. Do you have coupons?") == \
        ["How much is shipping for $30", "Do you have coupons?"]
    assert question_parts.split_questions("I ordered last week. Where is it?") == ["I ordered last week. Where is it?"]


def test_a_short_first_question_is_kept_as_one_of_two():
    from bot.dialogue.question_parts import split_questions

    assert split_questions("return window? also do you have promo codes?") == \
        ["return window", "also do you have promo codes?"]
    assert len(split_questions("hi? where is my order")) == 1  # a one-word greeting asks nothing


def test_questions_joined_by_a_comma_or_a_sign_are_split_and_a_condition_is_not():
    from bot.dialogue.question_parts import split_questions

    assert len(split_questions("whats the return window, whats your phone number and do you have coupons")) == 3
    assert len(split_questions("how do returns work & how much is overnight for $20")) == 2
    assert len(split_questions("how long for standard shipping / do u have promo codes")) == 2
    assert len(split_questions("if i order today, will it arrive by friday?")) == 1
    assert len(split_questions("hello, where is my order")) == 1


def test_an_email_after_oh_and_belongs_to_the_question_and_who_asks():
    from bot.dialogue.question_parts import split_questions

    assert len(split_questions("where's my order 000000113? oh and my email is roni_cost@example.com")) == 1
    assert len(split_questions("can i exchange for a different size and who pays return shipping")) == 2


def test_and_know_if_asks_a_second_question_and_a_bare_and_if_does_not():
    from bot.dialogue.question_parts import split_questions

    assert split_questions("what's the return window and i want to know if you ship on saturdays") == \
        ["what's the return window", "you ship on saturdays"]
    assert len(split_questions("whats the return window and whether you ship on saturdays")) == 2
    assert len(split_questions("how much is shipping for $30 and if i want it overnight?")) == 1
    assert len(split_questions("what happens if i return it and if so how long")) == 1


def test_a_lead_in_that_asks_nothing_is_no_question_of_its_own():
    assert question_parts.split_questions("ok but first, how much is overnight on $30") == \
        ["ok but first, how much is overnight on $30"]
    assert len(question_parts.split_questions("hmm wait. whats the return window? and do u ship to guam")) == 2


def test_a_quote_asked_without_a_question_word_before_another_question_is_a_question():
    assert question_parts.split_questions("standard shipping to hawaii for $45, how long would that take") == \
        ["standard shipping to hawaii for $45", "how long would that take"]
    assert len(question_parts.split_questions("if i order today, will it arrive by friday")) == 1


def test_a_story_before_the_question_is_part_of_that_question():
    story = "hi there! so i bought a jacket last week for my son and its way too big 😅 can i send it back?"
    assert question_parts.split_questions(story) == [story]
    assert len(question_parts.split_questions("i need a jacket 😅 how much is shipping?")) == 2
    assert len(question_parts.split_questions("i ordered a hoodie last week 😡 where is it? and whats your phone number")) == 2


def test_do_you_or_is_there_after_a_comma_and_a_question_is_another_question():
    three = ("whats the promo code for the water bottle, do you ship to puerto rico, and how long does "
             "standard take")
    assert question_parts.split_questions(three) == [
        "whats the promo code for the water bottle", "do you ship to puerto rico", "how long does standard take"]
    # after a clause that asks nothing, or before "will it", the message still asks one thing
    for one in ("if i order today, do you ship on saturday", "hi, do you sell tents",
                "what does priority cost, will it get here by thursday"):
        assert question_parts.split_questions(one) == [one], one

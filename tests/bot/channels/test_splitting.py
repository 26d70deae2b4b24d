"""`split_text`: pieces within each platform's limit, cut at paragraph, sentence or word ends."""

from __future__ import annotations

import re

import pytest

from bot.channels.splitting import split_text, utf16_length

SENTENCES = " ".join(f"Sentence number {i} says something about orders and returns."
                     for i in range(400))  # about 25,000 characters


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("limit", [2000, 4096])
def test_long_text_is_cut_at_sentence_ends_within_the_limit(limit):
    pieces = split_text(SENTENCES, limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert all(piece.endswith("returns.") for piece in pieces)
    assert all(len(piece) > limit // 2 for piece in pieces[:-1])
    assert words(" ".join(pieces)) == words(SENTENCES)


@pytest.mark.parametrize("limit", [2000, 4096])
def test_text_at_the_limit_is_one_piece_and_one_more_character_makes_two(limit):
    text = ("word " * limit)[:limit - 1] + "x"
    assert split_text(text, limit) == [text]
    longer = text + "y"
    pieces = split_text(longer, limit)
    assert len(pieces) == 2 and all(len(p) <= limit for p in pieces)
    assert words(" ".join(pieces)) == words(longer)


def test_paragraph_breaks_win_over_sentence_ends():
    first = "A first paragraph. " * 30
    text = first.strip() + "\n\n" + "The second one. " * 30
    pieces = split_text(text, 700)
    assert pieces[0] == first.strip()
    assert words(" ".join(pieces)) == words(text)


def test_without_sentence_ends_the_cut_falls_between_words():
    text = " ".join(f"word{i}" for i in range(1000))
    pieces = split_text(text, 100)
    assert all(len(p) <= 100 for p in pieces)
    assert all(re.fullmatch(r"(word\d+ ?)+", p) for p in pieces)
    assert words(" ".join(pieces)) == words(text)


def test_a_word_longer_than_the_limit_is_cut_inside():
    assert split_text("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_short_and_blank_text():
    assert split_text("  Hello there.  ", 2000) == ["Hello there."]
    assert split_text(" \n ", 2000) == []


def test_emoji_count_two_utf16_units():
    text = "\U0001F600" * 3000  # 6000 UTF-16 units
    pieces = split_text(text, 4096)
    assert [utf16_length(p) for p in pieces] == [4096, 1904]
    assert "".join(pieces) == text


def test_a_limit_below_two_is_refused():
    with pytest.raises(ValueError, match="limit"):
        split_text("hi", 1)

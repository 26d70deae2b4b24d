"""Amounts in every usual notation read the same: dot or comma decimals, grouped thousands."""

import re

import pytest

from models.nlu.amounts import NUMBER, parse_amount


@pytest.mark.parametrize("raw, value", [
    ("1,299.00", 1299.0), ("1,299", 1299.0), ("$1,299.00", 1299.0), ("12.73", 12.73),
    ("1.299,00", 1299.0), ("1.299", 1299.0), ("20,50", 20.5), ("5,00", 5.0), ("€7,5", 7.5),
    ("1'299.00", 1299.0), ("1\u00a0299,00", 1299.0), ("1.234.567,89", 1234567.89),
    ("1,234,567", 1234567.0), ("2499", 2499.0), ("0.5", 0.5),
])
def test_each_notation_reads_its_value(raw, value):
    assert re.fullmatch(rf"[$€]?(?:{NUMBER})", raw)
    assert parse_amount(raw) == value


def test_numbers_are_found_whole_in_a_sentence():
    text = "under 20,50 € or 1.299,00 €, sizes 40, 42 and a 1,800 R curve"
    assert re.findall(NUMBER, text) == ["20,50", "1.299,00", "40", "42", "1,800"]


def test_text_without_digits_is_refused():
    with pytest.raises(ValueError):
        parse_amount("€")

"""The return window is parsed from the Luma returns page."""

from dataclasses import replace
from datetime import date

import pytest

from kb import KnowledgeBase, ReturnPolicy, StoreDataError

RETURNS = "policy:returns-and-replacements#1"


def test_the_demo_window_is_30_days_of_receipt(demo_kb):
    policy = demo_kb.return_policy
    assert (policy.window_days, policy.passage_id) == (30, RETURNS)
    assert "unworn, unwashed, or defective" in policy.conditions_text


def test_the_window_includes_its_last_day(demo_kb):
    policy = demo_kb.return_policy
    delivered = date(2025, 1, 31)
    assert policy.deadline(delivered) == date(2025, 3, 2)
    assert policy.allows(delivered, date(2025, 3, 2))
    assert not policy.allows(delivered, date(2025, 3, 3))


def test_an_edited_page_gives_a_new_window(demo_kb):
    passage = demo_kb.passage(RETURNS)
    edited = replace(passage, text=passage.text.replace("within 30 days", "within 14 days"))
    assert ReturnPolicy.from_passage(edited).window_days == 14


def test_a_page_without_a_window_fails(demo_kb):
    passage = demo_kb.passage(RETURNS)
    doctored = replace(passage, text=passage.text.replace("within 30 days", "promptly"))
    with pytest.raises(StoreDataError, match="no return window"):
        ReturnPolicy.from_passage(doctored)


def test_an_imported_store_finds_its_window_or_has_none(tmp_path):
    policy = tmp_path / "articles" / "policy"
    policy.mkdir(parents=True)
    (policy / "faq.md").write_text("# FAQ\nWe ship worldwide.\n")
    assert KnowledgeBase.from_folder(tmp_path).return_policy is None
    (policy / "returns.md").write_text("# Returns\nItems can be sent back within 60 days of "
                                       "delivery, unworn.\n")
    found = KnowledgeBase.from_folder(tmp_path).return_policy
    assert (found.window_days, found.passage_id) == (60, "policy:returns#1")

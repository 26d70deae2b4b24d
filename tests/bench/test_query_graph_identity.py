"""The identity bench reads every shopper text of the data files, each once."""

from __future__ import annotations

import json

from bench.query_graph_identity import shopper_texts


def test_questions_turns_and_before_turns_are_collected_once(tmp_path):
    (tmp_path / "stores").mkdir()
    (tmp_path / "stores" / "a_questions.jsonl").write_text(
        json.dumps({"q": "hw much r the eggs", "before": ["hi", "got eggs?"], "expect": {"text_any": ["2.99"]}})
        + "\n\n" + json.dumps({"q": "hi", "kind": "greeting"}) + "\n", encoding="utf-8")
    (tmp_path / "suite.json").write_text(json.dumps({"about": "x", "conversations": [
        {"name": "n", "turns": [{"user": "mens hoodies under 50?", "expect": {"products": 1}}, {"user": " "}]}]}),
        encoding="utf-8")
    assert sorted(shopper_texts(tmp_path)) == sorted(["hw much r the eggs", "hi", "got eggs?", "mens hoodies under 50?"])

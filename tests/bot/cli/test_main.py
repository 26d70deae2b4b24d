"""The `shopdesk` command as a store owner uses it (run in-process)."""

import json

import pytest

from bot.cli.main import main


def test_kb_stats_counts_the_demo_store(capsys):
    assert main(["kb", "stats", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"]["products"] == 193 and out["problems"] == []


def test_search_prints_product_hits_as_json(capsys, demo_retriever):
    # demo_retriever makes sure the index in the data directory is built and current
    assert main(["search", "waterproof jacket", "--type", "product", "--max-price", "80",
                 "-k", "5", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 0 < len(hits) <= 5
    assert all(h["type"] == "product" and h["metadata"]["price"] <= 80 for h in hits)


def test_search_as_text_lists_ranked_hits(capsys, demo_retriever):
    assert main(["search", "how long do I have to return an item", "-k", "3"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(" 1. [")
    assert "policy:returns-and-replacements#1" in out


@pytest.mark.parametrize("argv,message", [
    (["search", "   "], "query is empty"),
    (["search", "shirt", "-k", "0"], "k must be"),
])
def test_bad_search_input_is_one_clear_line_and_exit_1(capsys, demo_retriever, argv, message):
    assert main(argv) == 1
    last_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert last_line.startswith("shopdesk: ") and message in last_line


def test_missing_index_tells_how_to_build_it(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SHOPDESK_DATA_DIR", str(tmp_path))
    assert main(["search", "returns"]) == 1
    assert "shopdesk index" in capsys.readouterr().err


def test_bad_setting_is_a_configuration_error(capsys, monkeypatch):
    monkeypatch.setenv("SHOPDESK_PORT", "eighty")
    assert main(["kb", "stats"]) == 2
    assert "SHOPDESK_PORT" in capsys.readouterr().err

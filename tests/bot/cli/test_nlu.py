"""Tests of the NLU commands through the real `shopdesk` entry point, on a tiny CSV."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main

WORDS = {"greeting": ["hello there", "hi, how are you", "good morning", "hey hey", "hiya"],
         "goodbye": ["bye for now", "see you later", "goodbye and thanks", "talk soon", "farewell"],
         "oos": ["what is the capital of peru", "how tall is everest", "tell me a joke",
                 "who won the game", "how do I boil rice"]}


@pytest.fixture(scope="module")
def tiny_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "tiny.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "intent"])
        for _ in range(2):
            writer.writerows([text, intent] for intent, texts in WORDS.items() for text in texts)
    return path


@pytest.fixture(scope="module")
def trained(tiny_csv, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("models") / "intent"
    code = main(["train-intent", "--train", str(tiny_csv), "--out", str(out), "--epochs", "1",
                 "--max-length", "16", "--threads", "1", "--no-progress"])
    assert code == 0
    return out


@pytest.fixture(autouse=True)
def _env(monkeypatch, tmp_path):
    monkeypatch.setenv("SHOPDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SHOPDESK_LOG_LEVEL", "WARNING")


def test_train_intent_writes_a_model_and_skips_when_unchanged(trained, tiny_csv, capsys):
    assert (trained / "manifest.json").is_file()
    code = main(["train-intent", "--train", str(tiny_csv), "--out", str(trained), "--epochs", "1",
                 "--max-length", "16", "--no-progress"])
    assert code == 0 and "up to date" in capsys.readouterr().err


def test_eval_intent_json_has_every_metric(trained, tiny_csv, capsys):
    code = main(["eval-intent", "--model", str(trained), "--test", str(tiny_csv), "--json",
                 "--latency-queries", "5"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    for key in ("accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "oos_precision",
                "confused", "latency_p50_ms", "latency_p95_ms", "threshold", "load_average"):
        assert key in report
    assert report["n"] == 30


def test_eval_intent_text_report(trained, tiny_csv, capsys):
    assert main(["eval-intent", "--model", str(trained), "--test", str(tiny_csv),
                 "--latency-queries", "0"]) == 0
    out = capsys.readouterr().out
    assert "accuracy" in out and "oos recall" in out


def test_a_bad_csv_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("sentence,label\nhi,greeting\n")
    assert main(["train-intent", "--train", str(bad), "--out", str(tmp_path / "m")]) == 2
    assert "text" in capsys.readouterr().err
    assert main(["eval-intent", "--model", str(tmp_path), "--test", str(tmp_path / "none.csv")]) == 2


def test_eval_without_a_model_says_what_to_do(tmp_path, tiny_csv, capsys):
    assert main(["eval-intent", "--model", str(tmp_path / "nothing"), "--test", str(tiny_csv)]) == 1
    assert "shopdesk setup" in capsys.readouterr().err


def test_nlu_command_prints_intent_entities_and_sentiment(trained, tmp_path, capsys):
    models = tmp_path / "data" / "models"
    shutil.copytree(trained, models / "intent")
    shutil.copytree(trained, models / "sentiment")  # any saved classifier loads for the wiring
    assert main(["nlu", "hi, is the Didi Sport Watch under $80? order 1234567"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["entities"]["order_ids"] == ["1234567"]
    assert out["entities"]["products"][0]["sku"] == "24-WG02"
    assert out["entities"]["price_range"] == {"min": None, "max": 80.0}
    assert {"intent", "confidence", "out_of_scope", "top_k"} <= set(out["intent"])

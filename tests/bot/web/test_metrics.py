"""/metrics moves when turns run, and every turn writes one masked log line (JSON on request)."""

from __future__ import annotations

import json
import logging

from prometheus_client.parser import text_string_to_metric_families

from bot.log_format import JsonFormatter


def scrape(client) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.text)
            for sample in family.samples}


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def total(samples: dict, name: str, **labels: str) -> float:
    """Sum over the samples of `name` whose labels include `labels`."""
    return sum(v for (n, ls), v in samples.items()
               if n == name and set(labels.items()) <= set(ls))


def test_counters_move_when_turns_run(client, shopper):
    before = scrape(client)
    me = shopper()
    answer = me.say("How soon must merchandise be returned?")
    assert answer.status_code == 200
    action = answer.json()["reply"]["action"]
    me.say("I want to talk to a human")
    assert me.say("   ").status_code == 422  # a blank message: refused by the schema
    after = scrape(client)

    def moved(name: str, **labels: str) -> float:
        return total(after, name, **labels) - total(before, name, **labels)

    assert moved("shopdesk_turns_total", channel="web", action=action) == 1
    assert moved("shopdesk_turns_total", channel="web", action="handoff") == 1
    assert moved("shopdesk_turn_stage_seconds_count", stage="total") == 2
    assert moved("shopdesk_turn_stage_seconds_count", stage="generation", action=action) == 1
    assert moved("shopdesk_turn_stage_seconds_sum", stage="nlu") > 0
    assert moved("shopdesk_first_token_seconds_count") == 1
    assert moved("shopdesk_decode_tokens_per_second_count") == 1
    assert moved("shopdesk_guard_outcomes_total") == 1
    assert moved("shopdesk_handoffs_total", reason="asked") == 1
    assert moved("shopdesk_errors_total", status="422") == 1
    assert value(after, "shopdesk_sessions_active") >= 1
    assert moved("shopdesk_generator_cache_hits_total") + moved(
        "shopdesk_generator_cache_misses_total") == 1
    assert 0 <= value(after, "shopdesk_generator_cache_hit_ratio") <= 1


def test_a_turn_logs_one_masked_json_line(client, caplog, shopper):
    me = shopper()
    with caplog.at_level(logging.INFO, logger="bot.metrics"):
        me.say("Where is order 000000012 for jane@example.com?")
    records = [r for r in caplog.records if r.getMessage() == "turn done"]
    assert len(records) == 1
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["session_id"] == me.session_id and line["channel"] == "web" and line["action"]
    assert line["timings_ms"]["total"] > 0
    masked = json.loads(JsonFormatter().format(logging.LogRecord(
        "bot", logging.INFO, "", 0, "order %s for %s", ("000000012", "jane@example.com"), None)))
    assert masked["message"] == "order ******012 for j***@example.com"

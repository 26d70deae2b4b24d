"""The deploy files agree with the code: every metric the Grafana dashboard graphs is one the
service exports, and the compose file has its profiles and a persistent Redis."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import Metrics
from models import GeneratorStats

ROOT = Path(__file__).resolve().parents[1]


class _Breaker:
    state = "closed"


class _Server:
    counters = {"retries": 0, "failures": 0}
    breaker = _Breaker()


def exported_names() -> set[str]:
    metrics = Metrics()
    metrics.watch_generator(lambda: GeneratorStats(1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1), _Server())
    for record in (lambda: metrics.record_turn(
            session_id="s", channel="web", action="answer", guard="passed", handoff_reason="asked",
            nlu_s=0.01, retrieval_s=0.01, total_s=0.5, first_token_s=0.1, generation_s=0.4,
            decode_tokens=5),
            lambda: metrics.error("X", 400), lambda: metrics.webhook("telegram", True),
            lambda: metrics.feedback("up")):
        record()
    return {sample.name for family in text_string_to_metric_families(metrics.render()[0].decode())
            for sample in family.samples}


def test_every_dashboard_metric_is_exported():
    dashboard = json.loads((ROOT / "deploy/grafana/shopdesk-dashboard.json").read_text())
    used = {name for panel in dashboard["panels"] for target in panel["targets"]
            for name in re.findall(r"shopdesk_[a-z_]+", target["expr"])}
    assert used and used <= exported_names(), used - exported_names()


def test_compose_has_the_profiles_and_a_persistent_redis():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert "--appendonly" in services["redis"]["command"]
    assert services["shopdesk-replica"]["profiles"] == ["scale"]
    assert services["nginx"]["profiles"] == ["scale"] and services["vllm"]["profiles"] == ["gpu"]
    assert "--enable-prefix-caching" in services["vllm"]["command"]
    assert services["shopdesk-replica"]["environment"]["SHOPDESK_GENERATOR_URL"].endswith("/v1}")
    assert {"prometheus", "grafana"} <= {n for n, s in services.items()
                                         if s.get("profiles") == ["metrics"]}

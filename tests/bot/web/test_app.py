"""The HTTP service's search API: results, filters, and 4xx for bad input."""

import pytest



def test_health_reports_the_index(client):
    body = client.get("/readyz").json()
    assert body["status"] == "ready" and body["documents"] > 200


def test_search_with_filters(client):
    response = client.get("/api/search", params={"q": "backpack with laptop sleeve",
                                                 "type": "product", "max_price": 40, "k": 3})
    assert response.status_code == 200
    hits = response.json()["hits"]
    assert 0 < len(hits) <= 3
    assert all(h["type"] == "product" and h["metadata"]["price"] <= 40 for h in hits)


def test_policy_search_finds_the_return_window(client):
    hits = client.get("/api/search", params={"q": "return window", "k": 3}).json()["hits"]
    assert "policy:returns-and-replacements#1" in [h["id"] for h in hits]


@pytest.mark.parametrize("params,status", [
    ({"q": "   "}, 422),
    ({"q": "shirt", "type": "recipe"}, 422),
    ({"q": "shirt", "min_price": -5}, 422),
    ({"q": "shirt", "category": " / "}, 422),
    ({"q": "shirt", "k": 0}, 422),
    ({}, 422),
])
def test_bad_input_is_a_4xx_with_a_message_and_the_service_goes_on(client, params, status):
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    assert response.json()
    assert client.get("/healthz").status_code == 200


def test_an_empty_price_range_finds_nothing(client):
    response = client.get("/api/search", params={"q": "shirt", "min_price": 50, "max_price": 10})
    assert response.status_code == 200 and response.json()["hits"] == []


def test_kb_stats(client):
    assert client.get("/api/kb/stats").json()["products"] == 193

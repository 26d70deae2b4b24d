"""store.yaml: the demo's settings agree with its own pages and rules, another store's
settings load and quote, and mistakes become problems that name their key."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from kb import KnowledgeBase, Promotions, ReturnPolicy, ShippingTable, demo_data_dir
from kb.luma import load_luma
from kb.store_settings import load_store_settings, parse_store_settings


@pytest.fixture(scope="module")
def luma_articles():
    return load_luma(demo_data_dir() / "luma_store")[1]


def test_the_demo_settings_match_the_customer_service_page_and_the_price_rules(demo_kb,
                                                                               luma_articles):
    page = ShippingTable.from_passages(demo_kb.passage("policy:shipping-and-delivery#2"),
                                       demo_kb.passage("policy:shipping-and-delivery#1"))
    def by_method(table):
        return {m: [r for r in table.rates if r.method == m] for m in table.methods}

    assert by_method(demo_kb.shipping) == by_method(page)
    assert demo_kb.shipping.methods == page.methods
    assert demo_kb.shipping.surcharges == page.surcharges
    for total in (0, 120, 200, 200.01, 500.01, 1000.01, 5000):
        for region in (None, "AK", "TX"):
            assert demo_kb.shipping.quote(total, region=region) == [
                q.__class__(q.method, q.label, q.base_price, q.surcharge, q.total,
                            q.passage_ids, q.free, demo_kb.shipping.method(q.method).delivery_days)
                for q in page.quote(total, region=region)]
    window = ReturnPolicy.from_passage(demo_kb.passage("policy:returns-and-replacements#1"))
    assert (demo_kb.return_policy.window_days, demo_kb.return_policy.passage_id,
            demo_kb.return_policy.conditions_text) == (window.window_days, window.passage_id,
                                                       window.conditions_text)
    rules = Promotions.from_magento(demo_data_dir() / "luma_store", luma_articles)
    assert demo_kb.promotions == rules


def test_the_demo_settings_add_delivery_promises_currency_and_contact(demo_kb):
    overnight = demo_kb.shipping.method("overnight")
    assert (overnight.delivery_days, overnight.cutoff) == ((1, 1), time(12, 0))
    assert demo_kb.currency == "USD"
    assert demo_kb.contact.channel("phone").value == "+1 800-403-8838"
    assert "800-403-8838" in demo_kb.passage(demo_kb.contact.passage_id).text
    assert demo_kb.contact.hours == ()
    with pytest.raises(ValueError, match="no opening hours"):
        demo_kb.contact.is_open(datetime(2025, 6, 2, 10))


def test_a_lighting_store_loads_its_own_settings(lighting_store):
    kb = KnowledgeBase.from_folder(lighting_store)
    assert kb.problems == ()
    assert kb.currency == "EUR" and kb.promotions is None and kb.reviews == ()
    assert kb.shipping.methods == ("courier", "collect")
    assert (kb.return_policy.window_days, kb.return_policy.return_shipping_paid_by) == (
        14, "customer")
    assert kb.return_policy.refund_methods == ("original payment",)
    assert "within 14 days of delivery" in kb.passage(kb.return_policy.passage_id).text
    assert kb.contact.channel("email").value == "help@lumen.example"
    dublin = ZoneInfo("Europe/Dublin")
    assert kb.contact.is_open(datetime(2025, 6, 2, 9, 30, tzinfo=dublin))  # a Monday
    assert not kb.contact.is_open(datetime(2025, 6, 2, 17, 30, tzinfo=dublin))
    assert not kb.contact.is_open(datetime(2025, 6, 7, 12, 0, tzinfo=dublin))  # Saturday
    assert kb.contact.is_open(datetime(2025, 6, 2, 8, 30, tzinfo=ZoneInfo("UTC")))  # 09:30 IST


def test_the_lighting_store_quotes_shipping_by_weight_region_and_free_threshold(lighting_store):
    table = KnowledgeBase.from_folder(lighting_store).shipping
    ireland = table.quote(40.0, region="Ireland", weight=2)
    assert [(q.method, q.total, q.delivery_days) for q in ireland] == [
        ("courier", 6.9, (1, 3)), ("collect", 0.0, (0, 0))]
    assert table.quote(40.0, "courier", "IE", weight=7.5)[0].total == 12.0
    assert [q.method for q in table.quote(40.0, region="GB", weight=2)] == ["courier"]
    assert table.quote(40.0, "courier", "gb", weight=2)[0].total == 14.5
    [ni] = table.quote(40.0, "courier", "Northern Ireland", weight=2)
    assert (ni.base_price, ni.surcharge, ni.total) == (6.9, 3.0, 9.9)
    [free] = table.quote(150.0, "courier", "NI", weight=9)
    assert (free.free, free.base_price, free.total) == (True, 0.0, 3.0)
    assert table.method("courier").cutoff == time(14, 0)


def test_the_lighting_store_explains_what_it_cannot_quote(lighting_store):
    table = KnowledgeBase.from_folder(lighting_store).shipping
    with pytest.raises(ValueError, match="priced by weight; give the parcel weight in kg"):
        table.quote(40.0, "courier", "IE")
    with pytest.raises(ValueError, match="no collect rate for 40.00 EUR to Great Britain"):
        table.quote(40.0, "collect", "GB")
    with pytest.raises(ValueError, match=r"delivers to Ireland \(IE\)"):
        table.quote(40.0, region="Alaska")


def test_sections_without_a_source_get_a_generated_citable_article(lighting_store):
    kb = KnowledgeBase.from_folder(lighting_store)
    quote = kb.shipping.quote(40.0, "courier", "NI", weight=1)[0]
    assert quote.passage_ids == ("policy:store-shipping#1",)
    text = kb.passage("policy:store-shipping#1").text
    # written as replies write prices and places: "€6.90", "Northern Ireland", never "6.90 EUR"
    assert "Tracked courier" in text and "€6.90" in text and "Northern Ireland add €3.00" in text
    assert "EUR" not in text
    contact = kb.passage(kb.contact.passage_id)
    assert contact.type == "page" and "help@lumen.example" in contact.text
    assert "Mon, Tue, Wed, Thu, Fri 09:00-17:30" in contact.text


def test_promotions_run_between_their_dates_and_get_passages():
    raw = {"promotions": [
        {"name": "Spring sale", "kind": "percent", "discount": 15, "code": "SPRING",
         "starts": date(2025, 3, 1), "ends": "2025-03-31"},
        {"name": "Always free shipping over 99", "free_shipping": True, "min_subtotal": 99},
    ]}
    loaded = parse_store_settings(raw)
    promotions = loaded.settings.promotions
    assert loaded.problems == ()
    assert [p.id for p in promotions.current(date(2025, 3, 31)).all()] == [
        "spring-sale", "always-free-shipping-over-99"]
    assert [p.id for p in promotions.current(date(2025, 4, 1)).all()] == [
        "always-free-shipping-over-99"]
    assert promotions.by_code("spring").passage_id == "promotion:spring-sale#1"
    assert promotions.free_shipping_threshold() == 99
    assert "Runs from 2025-03-01 until 2025-03-31." in loaded.articles[0].passages[0].text


@pytest.mark.parametrize("raw, key, message", [
    ({"currency": "Euro"}, "currency", "ISO 4217"),
    ({"timezone": "Mars/Base"}, "timezone", "unknown time zone"),
    ({"shipping": {"methods": []}}, "shipping.methods", "at least one method"),
    ({"shipping": {"methods": [{"code": "std", "rates": [{"price": "free"}]}]}},
     "shipping.methods[0].rates[0].price", "non-negative number, got 'free'"),
    ({"shipping": {"methods": [{"code": "std", "rates": [{"price": 5, "regions": ["XX"]}]}]}},
     "shipping.methods[0].rates[0].regions", "unknown region 'XX'"),
    ({"shipping": {"methods": [{"code": "std", "rates": [{"price": 5, "max_weight": 2}]}]}},
     "shipping.weight_unit", "need a weight_unit"),
    ({"shipping": {"source": "policy:nope#1", "methods": [{"code": "a", "rates": [{"price": 1}]}]}},
     "shipping.source", "no passage 'policy:nope#1'"),
    ({"returns": {"conditions": ["unused"]}}, "returns.window_days", "is required"),
    ({"returns": {"window_days": 30, "return_shipping": "nobody"}}, "returns.return_shipping",
     "expected one of customer, store"),
    ({"contact": {"channels": [{"kind": "pigeon", "value": "x"}]}}, "contact.channels[0].kind",
     "expected one of email"),
    ({"contact": {"channels": [{"kind": "email", "value": "a@b"}],
                  "hours": [{"days": ["mon"], "opens": "18:00", "closes": "09:00"}]}},
     "contact.hours[0].closes", "closes before it opens"),
    ({"shiping": {}}, None, "unknown key 'shiping'"),
    ({"platform": "bigcommerce"}, "platform", "expected one of magento, shopify, woocommerce"),
])
def test_mistakes_are_problems_naming_the_key_and_leave_the_section_out(raw, key, message):
    loaded = parse_store_settings(raw)
    [problem] = loaded.problems
    assert (problem.file, problem.field) == ("store.yaml", key)
    assert message in problem.message
    settings = loaded.settings
    assert (settings.shipping, settings.returns, settings.contact) == (None, None, None)


def test_one_bad_promotion_is_skipped_and_the_others_load():
    loaded = parse_store_settings({"promotions": [
        {"name": "Good", "kind": "percent", "discount": 10},
        {"name": "Bad", "kind": "percent", "discount": 10, "starts": "2025-05-01",
         "ends": "2025-04-01"},
        {"name": "Good", "kind": "fixed", "discount": 5},
    ]})
    assert [p.name for p in loaded.settings.promotions.all()] == ["Good"]
    assert [(p.field, p.message) for p in loaded.problems] == [
        ("promotions[1].ends", "2025-04-01 is before starts 2025-05-01"),
        ("promotions[2].id", "two promotions have the id 'good'")]


def test_a_broken_file_or_missing_file_gives_empty_settings(tmp_path):
    assert load_store_settings(tmp_path / "store.yaml").settings.shipping is None
    (tmp_path / "store.yaml").write_text("shipping: [unclosed\n")
    loaded = load_store_settings(tmp_path / "store.yaml")
    assert loaded.settings.declared == frozenset()
    assert loaded.problems[0].message.startswith("unreadable:")


def test_unquoted_region_codes_stay_codes_and_only_true_false_are_flags(tmp_path):
    # Under YAML 1.1 an unquoted ON (Ontario) or NO (Norway) reads as true/false.
    (tmp_path / "store.yaml").write_text(
        "currency: CAD\n"
        "shipping:\n"
        "  regions: {ON: Ontario, NO: Norway, Y: Yukon}\n"
        "  methods:\n"
        "    - code: parcel\n"
        "      rates:\n"
        "        - {regions: [ON, Y], price: 12}\n"
        "        - {regions: [NO], price: 40}\n"
        "promotions:\n"
        "  - {name: Free over 99, free_shipping: true, min_subtotal: 99}\n"
        "  - {name: Free over 50, free_shipping: yes, min_subtotal: 50}\n")
    loaded = load_store_settings(tmp_path / "store.yaml")
    shipping = loaded.settings.shipping
    assert shipping.regions == {"ON": "Ontario", "NO": "Norway", "Y": "Yukon"}
    assert [q.total for q in shipping.quote(20, region="NO")] == [40]
    assert [q.total for q in shipping.quote(20, region="Y")] == [12]
    assert loaded.settings.promotions.free_shipping_threshold() == 99
    [problem] = loaded.problems
    assert problem.field == "promotions[1].free_shipping"
    assert "expected true or false, got 'yes'" in problem.message


def test_a_declared_but_broken_shipping_section_is_not_replaced_by_a_page_table(tmp_path):
    policy = tmp_path / "articles" / "policy"
    policy.mkdir(parents=True)
    (policy / "rates.md").write_text("# Rates\nUp to $50: GROUND 4 days ** $6\n"
                                     "Over $50: GROUND 4 days ** $0\n")
    assert KnowledgeBase.from_folder(tmp_path).shipping.methods == ("ground",)
    (tmp_path / "store.yaml").write_text("shipping:\n  methods: []\n")
    kb = KnowledgeBase.from_folder(tmp_path)
    assert kb.shipping is None
    assert [p.field for p in kb.problems] == ["shipping.methods"]


def test_the_documented_example_is_valid():
    import re
    from pathlib import Path

    import yaml

    from kb.html import Section
    from kb.passages import build_article

    doc = (Path(__file__).resolve().parents[2] / "docs" / "IMPORT_FORMAT.md").read_text()
    example = re.search(r"```yaml\n(.*?)```", doc, re.S).group(1)
    pages = [build_article(a, t, a, [Section((), f"text {n} " * 40) for n in range(3)])
             for t, a in (("policy", "delivery"), ("policy", "returns"), ("page", "contact"))]
    loaded = parse_store_settings(yaml.safe_load(example), pages)
    assert loaded.problems == ()
    settings = loaded.settings
    assert settings.shipping.methods == ("courier", "collect", "economy")
    assert settings.shipping.quote(60, "economy")[0].total == 0
    assert [p.coupon_code for p in settings.promotions.all()] == ["SPRING", None]
    assert settings.contact.hours[1].days == (5,)

"""The store check says plainly what each feature will and won't do."""

from kb.store_check import check_store, report_for


def test_the_lighting_store_report_says_what_it_cannot_do(lighting_store):
    report = check_store(lighting_store)
    assert report.starts and report.problems == ()
    works = {c.name: c.works for c in report.features}
    assert works == {"product search": True, "sizes and colours": False, "reviews": False,
                     "answers from pages": True, "shipping quotes": True, "returns": True,
                     "promotions": False, "contact": True, "orders": True}
    assert report.feature("shipping quotes").detail == (
        "methods courier, collect in EUR (some rates need the parcel weight); "
        "free shipping on courier")
    assert report.feature("product search").detail == (
        "4 products (2 with quantity prices, 3 with specs in units)")
    text = str(report)
    assert "[--] promotions: no promotions: promo codes are not checked" in text
    assert "[--] reviews: no reviews" in text
    assert "[ok] returns: 14-day window, return shipping paid by the customer" in text
    assert "demo orders over this catalog, numbered like 000000101," in text


def test_the_report_shows_the_order_numbers_of_the_stores_platform(lighting_store):
    settings = lighting_store / "store.yaml"
    settings.write_text("platform: shopify\n" + settings.read_text())
    assert "numbered like #1001," in check_store(lighting_store).feature("orders").detail


def test_a_store_with_only_pages_starts_and_says_what_is_missing(tmp_path):
    (tmp_path / "articles" / "faq").mkdir(parents=True)
    (tmp_path / "articles" / "faq" / "hours.md").write_text("# Hours\nWe open at nine.\n")
    (tmp_path / "store.yaml").write_text("currency: EUR\nshipping:\n  methods: []\n")
    report = check_store(tmp_path)
    assert report.starts
    off = {c.name for c in report.features if not c.works}
    assert off == {"product search", "sizes and colours", "reviews", "shipping quotes",
                   "returns", "promotions", "contact", "orders"}
    assert "store.yaml: shipping.methods: shipping needs at least one method" in str(report)


def test_a_folder_without_data_cannot_start(tmp_path):
    report = check_store(tmp_path / "missing")
    assert not report.starts and report.features == ()
    assert "cannot start" in str(report) and "does not exist" in str(report)


def test_the_demo_has_every_feature(demo_kb):
    report = report_for(demo_kb, "demo")
    assert all(c.works for c in report.features), str(report)
    assert "codes H20" in report.feature("promotions").detail

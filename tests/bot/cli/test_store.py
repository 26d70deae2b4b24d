"""`shopdesk store check` as a store owner runs it before serving (in-process)."""

from bot.cli.main import main


def test_store_check_prints_the_report_and_the_order_system(capsys, second_store):
    code = main(["store", "check", str(second_store)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"{second_store}: starts" in out
    assert "[ok] shipping quotes: methods standard, express in EUR" in out
    assert "[--] promotions: no promotions" in out
    assert "order system: SHOPDESK_ORDERS=demo" in out


def test_store_check_exits_1_when_the_store_cannot_start(capsys, tmp_path):
    code = main(["store", "check", str(tmp_path / "missing")])
    assert code == 1 and "cannot start" in capsys.readouterr().out


def test_store_check_names_a_missing_order_setting(capsys, monkeypatch, second_store):
    monkeypatch.setenv("SHOPDESK_ORDERS", "shopify")
    code = main(["store", "check", str(second_store)])
    assert code == 1
    assert "SHOPDESK_ORDERS=shopify needs SHOPDESK_ORDERS_URL" in capsys.readouterr().err

"""Agent accounts (scrypt hashes, the accounts file, `shopdesk agents add`) and panel logins
(tokens and failure counts, in memory and in a real redis-server)."""

from __future__ import annotations

import io
import json
import stat
import sys

import pytest
import redis

from bot.panel.agents import (AgentAccountError, AgentAccounts, add_account, check_username,
                        hash_password, verify_password)
from bot.panel.logins import MemoryLoginStore, RedisLoginStore, open_login_store

# --- password hashes -----------------------------------------------------------------------------


def test_a_password_verifies_against_its_hash_and_a_wrong_one_does_not():
    stored = hash_password("correct horse")
    assert verify_password("correct horse", stored)
    assert not verify_password("correct horsE", stored)
    assert not verify_password("", stored)


def test_the_hash_names_scrypt_and_its_cost_and_is_salted():
    first, second = hash_password("same"), hash_password("same")
    scheme, n, r, p, salt, _ = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert first != second and salt != second.split("$")[4]  # a fresh salt each time
    assert "same" not in first


def test_a_hash_made_with_other_costs_still_verifies():
    assert verify_password("pw", hash_password("pw", n=2**10, r=4, p=1))


@pytest.mark.parametrize("stored", ["", "plain", "md5$x$y", "scrypt$16384$8$1$!!$!!",
                                    "scrypt$a$8$1$AAAA$AAAA"])
def test_a_malformed_hash_matches_no_password(stored):
    assert not verify_password("pw", stored)


def test_an_empty_password_cannot_be_set():
    with pytest.raises(AgentAccountError, match="empty"):
        hash_password("")


# --- accounts ------------------------------------------------------------------------------------


def test_accounts_verify_name_and_password():
    accounts = AgentAccounts({"alice": hash_password("a-pass")})
    assert accounts.verify("alice", "a-pass")
    assert not accounts.verify("alice", "b-pass")
    assert not accounts.verify("bob", "a-pass")  # unknown name
    assert "alice" in accounts and "bob" not in accounts and len(accounts) == 1


def test_the_demo_accounts_are_demo_demo():
    accounts = AgentAccounts.demo()
    assert accounts.verify("demo", "demo") and len(accounts) == 1


@pytest.mark.parametrize("name", ["", "a b", "x" * 65, "queue", "QUEUE", "<script>"])
def test_unusable_agent_names_are_refused(name):
    with pytest.raises(AgentAccountError):
        check_username(name)


def test_add_account_writes_an_owner_only_file_and_replaces_a_password(tmp_path):
    path = tmp_path / "config" / "agents.json"
    assert add_account(path, "alice", "first") is True
    assert add_account(path, "bob", "bob-pass") is True
    assert add_account(path, "alice", "second") is False
    rows = json.loads(path.read_text())
    assert [row["username"] for row in rows] == ["alice", "bob"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    accounts = AgentAccounts.load(path)
    assert accounts.verify("alice", "second") and not accounts.verify("alice", "first")
    assert accounts.verify("bob", "bob-pass")
    assert not list(tmp_path.glob("config/.*tmp"))  # no temporary file left behind


@pytest.mark.parametrize("content,problem", [
    (None, "does not exist"),
    ("{not json", "cannot be read"),
    ('{"alice": "x"}', "expected a JSON list"),
    ('[{"username": "alice"}]', "expected a JSON list"),
])
def test_an_unusable_accounts_file_is_a_clear_error(tmp_path, content, problem):
    path = tmp_path / "agents.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(AgentAccountError, match=problem):
        AgentAccounts.load(path)


def test_the_cli_adds_an_agent_with_the_password_from_stdin(tmp_path, monkeypatch, capsys):
    from bot.cli.main import main

    path = tmp_path / "agents.json"
    monkeypatch.setenv("SHOPDESK_AGENTS_FILE", str(path))
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret pass\n"))
    assert main(["agents", "add", "carol", "--password-stdin"]) == 0
    assert AgentAccounts.load(path).verify("carol", "s3cret pass")
    assert "added carol" in capsys.readouterr().err


def test_the_cli_refuses_a_reserved_name_and_a_missing_file_setting(tmp_path, monkeypatch, capsys):
    from bot.cli.main import main

    monkeypatch.delenv("SHOPDESK_AGENTS_FILE", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("pw\n"))
    assert main(["agents", "add", "carol", "--password-stdin"]) == 2
    assert "SHOPDESK_AGENTS_FILE" in capsys.readouterr().err
    assert main(["agents", "add", "queue", "--password-stdin",
                 "--file", str(tmp_path / "a.json")]) == 1
    assert "reserved" in capsys.readouterr().err
    assert not (tmp_path / "a.json").exists()


# --- logins --------------------------------------------------------------------------------------


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.integration)])
def logins(request):
    store = MemoryLoginStore() if request.param == "memory" else RedisLoginStore(
        request.getfixturevalue("redis_url"))
    yield store
    store.close()


def test_a_token_names_its_agent_until_revoked(logins):
    token = logins.create("alice", ttl_seconds=60)
    other = logins.create("bob", ttl_seconds=60)
    assert len(token) >= 40 and token != other
    assert logins.agent(token) == "alice" and logins.agent(other) == "bob"
    logins.revoke(token)
    assert logins.agent(token) is None and logins.agent(other) == "bob"
    assert logins.agent("") is None and logins.agent("made-up") is None
    logins.revoke("made-up")  # unknown tokens are fine


def test_failures_are_counted_per_key(logins):
    assert logins.failures("addr:1.2.3.4") == 0
    assert [logins.fail("addr:1.2.3.4", 60) for _ in range(3)] == [1, 2, 3]
    assert logins.failures("addr:1.2.3.4") == 3 and logins.failures("addr:5.6.7.8") == 0


def test_an_expired_token_and_a_passed_failure_window_count_no_more():
    store = MemoryLoginStore()
    token = store.create("alice", ttl_seconds=0)
    store.fail("k", 0)
    assert store.agent(token) is None and store.failures("k") == 0


@pytest.mark.integration
def test_redis_logins_are_shared_expire_and_keep_no_token(redis_url):
    first, second = RedisLoginStore(redis_url), RedisLoginStore(redis_url)
    client = redis.Redis.from_url(redis_url)
    try:
        token = first.create("alice", ttl_seconds=600)
        assert second.agent(token) == "alice"  # another service process sees the login
        keys = [k.decode() for k in client.keys("shopdesk:login:*")]
        assert len(keys) == 1 and token not in keys[0]
        assert 590 <= client.ttl(keys[0]) <= 600
        first.fail("addr:x", 900)
        assert second.failures("addr:x") == 1
        assert 890 <= client.ttl("shopdesk:login-failures:addr:x") <= 900
    finally:
        first.close()
        second.close()
        client.close()


def test_open_login_store_picks_by_url():
    assert isinstance(open_login_store(""), MemoryLoginStore)

"""Webhook authenticity: Meta's X-Hub-Signature-256 over the raw body, its verification
handshake, and Telegram's secret token."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.channels.errors import BadHandshake, HandshakeRefused, SignatureInvalid, SignatureMissing
from bot.channels.signatures import (answer_handshake, check_meta_signature, check_secret_token,
                                     sign)
from bot.errors import http_status

BODY = b'{"object":"page","entry":[]}'


def test_signature_is_hmac_sha256_of_the_raw_body():
    expected = hmac.new(b"s3cret", BODY, hashlib.sha256).hexdigest()
    assert sign(BODY, "s3cret") == f"sha256={expected}"
    check_meta_signature(BODY, f"sha256={expected}", "s3cret")


@pytest.mark.parametrize("header, error, status", [
    (None, SignatureMissing, 401), ("", SignatureMissing, 401),
    ("sha256=" + "0" * 64, SignatureInvalid, 403),
    (sign(BODY, "another secret"), SignatureInvalid, 403),
    (sign(BODY + b" ", "s3cret"), SignatureInvalid, 403),  # same JSON, other bytes
    (sign(BODY, "s3cret").replace("sha256=", "sha1="), SignatureInvalid, 403),
])
def test_missing_or_wrong_signatures_are_refused(header, error, status):
    with pytest.raises(error) as caught:
        check_meta_signature(BODY, header, "s3cret")
    assert http_status(caught.value) == status


def test_handshake_echoes_the_challenge_only_for_the_right_token():
    params = {"hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "1158201444"}
    assert answer_handshake(params, "tok") == "1158201444"
    with pytest.raises(HandshakeRefused, match="verify_token"):
        answer_handshake(params | {"hub.verify_token": "nope"}, "tok")
    with pytest.raises(HandshakeRefused, match="mode"):
        answer_handshake(params | {"hub.mode": "unsubscribe"}, "tok")
    with pytest.raises(BadHandshake, match="hub.challenge") as caught:
        answer_handshake({"hub.mode": "subscribe", "hub.verify_token": "tok"}, "tok")
    assert http_status(caught.value) == 400


def test_telegram_secret_token():
    check_secret_token("abc", "abc")
    with pytest.raises(SignatureMissing):
        check_secret_token(None, "abc")
    with pytest.raises(SignatureInvalid):
        check_secret_token("abd", "abc")

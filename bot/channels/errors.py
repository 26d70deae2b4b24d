"""Errors of the messaging-app webhooks; `bot.errors` maps them to HTTP statuses."""

from __future__ import annotations


class ChannelError(Exception):
    """Base of the channels' errors."""


class ChannelDisabled(ChannelError):
    """The channel's settings are empty: its webhook answers 404 and names what to set."""


class SignatureMissing(ChannelError):
    """A webhook call without its signature or secret-token header (401)."""


class SignatureInvalid(ChannelError):
    """A webhook call whose signature or secret token does not match (403)."""


class HandshakeRefused(ChannelError):
    """A webhook verification handshake with the wrong mode or verify token (403)."""


class BadHandshake(ChannelError, ValueError):
    """A webhook verification handshake without its hub.* parameters (400)."""


class ChannelBusy(ChannelError):
    """Too many messages waiting for a reply; the platform retries the delivery later (503)."""


class DeliveryFailed(ChannelError):
    """A platform's send API refused a message or stayed unreachable after the retries."""

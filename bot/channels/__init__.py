"""Messaging apps: webhooks for WhatsApp, Telegram and Messenger that answer through
`bot.dialogue.service.DialogueService`.

Each platform module (`whatsapp`, `telegram`, `messenger`) has ``router(settings)``, the webhook
the app includes, and a `Platform` that reads the platform's webhook bodies and writes its
send-API requests. The webhook verifies, parses, dedupes and queues, then answers 200 at once;
a `ChannelWorker` runs the turns in the background and sends the replies with a `Sender`.
"""

from bot.channels.errors import ChannelBusy, ChannelDisabled, ChannelError, DeliveryFailed
from bot.channels.platform import Platform
from bot.channels.sender import Sender
from bot.channels.splitting import split_text
from bot.channels.types import Inbound, Outgoing
from bot.channels.worker import ChannelWorker

__all__ = ["ChannelBusy", "ChannelDisabled", "ChannelError", "ChannelWorker", "DeliveryFailed",
           "Inbound", "Outgoing", "Platform", "Sender", "split_text"]

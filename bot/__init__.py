"""The dialogue service and its edges.

Rooms: `bot.dialogue` (the turn pipeline), `bot.sessions` (session state and conversation
events), `bot.web` (shopper HTTP API and widget), `bot.panel` (agent-assist panel),
`bot.channels` (messaging-app webhooks), `bot.rasa` (Rasa channel and actions), `bot.nlu`
(training data), `bot.cli`. At the root: assembly (`bot.service`, `bot.loading`), settings,
the shared plain data (`bot.types`) and the error table (`bot.errors`).

Public face: `Settings`, `DialogueService` (built by `bot.service.build_dialogue_service`) and
the plain data it takes and returns. The service is imported lazily so that `bot.settings`
and the CLI's argument parsing stay free of torch.
"""

from typing import Any

from bot.settings import Settings, SettingsError
from bot.types import Citation, ProductCard, Reply, Session, TranscriptEntry

__all__ = ["Citation", "DialogueService", "ProductCard", "Reply", "Session", "Settings",
           "SettingsError", "Token", "TranscriptEntry", "TurnResult"]

_LAZY = {"DialogueService", "Token", "TurnResult"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from bot.dialogue import service
        return getattr(service, name)
    raise AttributeError(f"module 'bot' has no attribute {name!r}")

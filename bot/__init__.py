"""The dialogue service and its edges: settings, the turn pipeline, sessions, HTTP app, channels,
agent panel, Rasa interoperability, CLI.

Public face: `Settings`, `DialogueService` (built by `bot.service.build_dialogue_service`),
`create_app` in `bot.app`, and the plain data of `bot.types`.
"""

from bot.settings import Settings, SettingsError

__all__ = ["Settings", "SettingsError"]

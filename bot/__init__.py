"""The dialogue service: settings, HTTP app, CLI; turn pipeline and channels build on these."""

from bot.settings import Settings, SettingsError

__all__ = ["Settings", "SettingsError"]

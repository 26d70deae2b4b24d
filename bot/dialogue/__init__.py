"""The turn pipeline: understanding -> policy -> action (code-written or generated) -> guard.

This package's face is what every edge (web, panel, channels, Rasa, CLI) may import:
`DialogueService` and the plain data of its verbs. The modules behind it are its parts.
"""

from bot.dialogue.errors import InvalidChatMessage, Overloaded, RateLimited
from bot.dialogue.orders.order_verification import OrderCheck
from bot.dialogue.products.search import ProductQuery
from bot.dialogue.results import Token, TurnResult, TurnTimings
from bot.dialogue.service import CAPABILITIES, DialogueService
from bot.dialogue.state import summary as dialogue_state
from bot.sessions.ownership import SessionKey, new_web_key

__all__ = ["CAPABILITIES", "DialogueService", "InvalidChatMessage", "OrderCheck", "Overloaded",
           "ProductQuery", "RateLimited", "SessionKey", "Token", "TurnResult", "TurnTimings",
           "dialogue_state", "new_web_key"]

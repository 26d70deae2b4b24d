"""Domain exceptions of the reply generator."""

from __future__ import annotations


class GeneratorError(Exception):
    """The reply generator cannot serve a request."""


class MalformedChat(GeneratorError, ValueError):
    """The conversation passed to the generator is malformed (empty, bad role, facts misplaced)."""


class PromptTooLong(GeneratorError, ValueError):
    """Even with every older turn dropped, the newest turn and the rules exceed the context budget.

    Args:
        tokens: Tokens the shortest possible prompt needs, reply space included.
        budget: The context budget in tokens.
    """

    def __init__(self, tokens: int, budget: int) -> None:
        self.tokens = tokens
        self.budget = budget
        super().__init__(
            f"The newest message with its facts needs {tokens} tokens (reply space included), "
            f"over the context budget of {budget}; shorten it or send fewer facts."
        )


class GenerationBusy(GeneratorError):
    """A reply for this session is already being generated; one at a time per session."""


class GeneratorNotLoaded(GeneratorError):
    """`Generator.load()` has not been called, or the generator was closed."""


class GeneratorUnavailable(GeneratorError):
    """The generation server cannot answer now: unreachable, failing, overloaded, timed out,
    breaking off mid-reply, or its circuit breaker is open after repeated failures.

    The dialogue answers without the model (the closest fact sentence, or a plain "can't answer
    right now"); the breaker lets a request through again after a pause, so it heals by itself.
    """

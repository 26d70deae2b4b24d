"""Domain errors of the retrieval package.

The HTTP layer maps these to 4xx responses; everything here carries a message that a shopper-facing
developer can act on.
"""

from __future__ import annotations


class RetrievalError(Exception):
    """Base class of every error raised on purpose by ``retrieval``."""


class InvalidQuery(RetrievalError, ValueError):
    """A query, ``k`` or filter value that cannot be searched (empty text, k <= 0, min > max)."""


class UnknownFilter(RetrievalError, ValueError):
    """A filter key that ``Filters.parse`` does not know; the message lists the valid keys."""


class IndexNotBuilt(RetrievalError):
    """No usable index at the given path (missing, incomplete or unreadable)."""


class DuplicateDocument(RetrievalError, ValueError):
    """A document id that is already indexed (or repeated in one batch)."""


class EmbedderMismatch(IndexNotBuilt):
    """A persisted index was built with a different embedding model than the one given.

    A kind of ``IndexNotBuilt``: there is no index for this model, and the fix is the same
    (rebuild it).
    """

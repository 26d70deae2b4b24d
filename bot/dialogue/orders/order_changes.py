"""The store pages' rule on until when an order can still be changed or cancelled ("You can
change or cancel an order until it has been dispatched."), said where the shopper asks to cancel
or change one.

"can i still cancel, it hasn't shipped yet" asked without an order number used to get only "what
is your order number?": the rule the pages state answers the question asked, and the order flow
then checks the order itself. A store whose pages state no such rule is answered as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models import Fact

from bot.dialogue.grounding.facts import split_sentences

# "you can change or cancel an order until it has been dispatched", "orders can be cancelled within
# 1 hour", "cancellations are possible before your order is packed"
_RULE = re.compile(r"\b(?:chang|cancel|amend|modif|edit)\w*\b[^.]*\b(?:until|before|as\s+long\s+as|up\s+to|within|"
                   r"once|after)\b[^.]*\b(?:dispatch\w*|ship\w*|sent|leaves?|left|pack\w*|process\w*|hours?|minutes?|"
                   r"prepar\w*)\b", re.I)
# A sentence on changing something else: "the shipping address can be changed in your account"
_OTHER_THING = re.compile(r"\b(?:password|account\s+details|e-?mail\s+address|newsletter|subscription|cookies?)\b"
                          r"|\bchang\w*\s+(?:your|my)\s+mind\b", re.I)


def rule(passages: Sequence[Fact]) -> Fact | None:
    """The pages' first sentence on until when an order can be changed or cancelled (None: the
    pages state no such rule)."""
    for passage in passages:
        for sentence in split_sentences(passage.text):
            if _RULE.search(sentence) and re.search(r"\border", sentence, re.I) and not _OTHER_THING.search(sentence):
                return Fact(passage.id, sentence.strip())
    return None

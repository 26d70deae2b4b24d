"""How shoppers ask for goods in any store's words: an intent model trained on another
catalog's vocabulary calls "do you carry floodlights?" or "any scrub caps?" out of scope, and
the policy reads these cues to make them product searches (`bot.dialogue.policy`)."""

from __future__ import annotations

import re

# Asking for goods in any store's words: an intent model trained on another catalog's
# vocabulary calls "do you carry floodlights?" out of scope.
SHOPPING = re.compile(r"^\W*(?:hi\W+|hello\W+)?(?:show me|do (?:you|u|ya) (?:carry|sell|stock|have any)|"
                       r"(?:i'?m |i am )?looking for|i need (?:a|an|some) )\b", re.I)
# "got any cheese", "u got any cookbooks?", "have you got any maps": a request for goods of any
# kind, also one the store does not sell (the search then says so and shows the closest).
GOT_ANY = re.compile(r"^\W*(?:(?:hi|hey|hello)\W+)?(?:(?:have |did )?(?:you|u|ya) )?got (?:any|some)\b", re.I)
# "any scrub caps?", "so any floodlights": the request with no verb at all (not "any news", "any
# idea", "any updates on my order"); a search when it names the store's goods.
BARE_ANY = re.compile(r"^\W*(?:(?:hi|hey|hello|so|ok|okay)\W+)?any\s+(?!(?:news|updates?|word|idea|ideas|chance|"
                       r"way|luck|info|information|help|tips?|reason|questions?|problems?|issues?|time|one|body|"
                       r"thing|how)\b)\w", re.I)
# Goods asked for by their use, in words no product name holds ("something to print price
# labels with", "anything for keeping drinks cold"): the search finds them, or says it can't.
FOR_A_USE = re.compile(r"^\W*(?:(?:hi|hello)\W+)?(?:(?:i|we) (?:need|want)|(?:i'?m |i am )?looking for|"
                        r"do (?:you|u|ya) (?:have|sell|carry)|(?:have you )?got)?\s*(?:any|some)?\s*"
                        r"(?:something|anything|stuff|a (?:thing|tool|device|product)) "
                        # a price cap before the use: "anything under 100 euros for lighting a yard"
                        r"(?:(?:under|below|less than|up to|no more than|within) [€$£]?\d[\d.,]*\s*(?:[a-z€$£]+ )?)?"
                        r"(?:to|for|that) "
                        r"(?!do with|say|tell|know|ask)\w+", re.I)
# A request for goods, said any way ("any standing desks?", "what filing cabinets do you
# have", "what fruit have you got"): with a kind of goods the catalog has (`Entities.kinds`), it
# is a product search.
SHOPPING_CUE = re.compile(r"\b(?:show me|do (?:you|u|ya) (?:carry|sell|stock|have|offer|make)|have you got|"
                           r"got any|any|looking for|need|want|i'?d like|after|interested in|"
                           r"recommend|suggest|where can i (?:find|buy|get)|can i (?:buy|get|order)|"
                           r"buy|(?:what|which) \w+(?: \w+)? (?:do (?:you|u)|(?:have )?(?:you|u) got))\b", re.I)
# "do you install ...?", "do you price match?": a question about a service, not goods, even
# when it names some ("the lights").
SERVICE_QUESTION = re.compile(r"^\W*(?:do|can|will|would) (?:you|u) (?!(?:guys |all )?(?:carry|sell|stock|have|offer|"
                               r"make|got|show)\b)\w+", re.I)


def asks_for_kind(text: str, kinds: tuple[str, ...]) -> bool:
    """A request for goods whose object is a kind the catalog has: the kind stands in the
    cue ("what filing cabinets do you have") or within four words after it ("do you have
    emergency exit lights"), not further ("do you have a size chart for tees?")."""
    if not kinds:
        return False
    for cue in SHOPPING_CUE.finditer(text):
        span = (cue.group(0) + " " + " ".join(text[cue.end():].split()[:4])).lower()
        # a prefix: "desk" meets "desks", "battery" (as "batter") meets "batteries"
        if any(re.search(rf"\b{re.escape(kind[:-1] if kind.endswith('y') else kind)}", span)
               for kind in kinds):
            return True
    return False

"""Lists in a product's description that a bare label introduces.

A manual-style description often puts a label on a line of its own ("Included Sizes:"), maybe
a sentence introducing the list, then the items ("- 1/16\"", "2. Flat rasp"). Alone the label
answers nothing, so these lists are read whole: a reply quoting the label quotes what it lists.
"""

from __future__ import annotations

import re

from bot.dialogue.written_replies import SPEC_LINE

#: A line that is only a label ("Included Sizes:"), a sentence that introduces a list
#: ("The set includes these sizes:"), and an item, bulleted or numbered ("- 1/8\"", "2. Flat rasp").
_BARE_LABEL = re.compile(r"^([ \t]*)([-•*][ \t]*)?([A-Z][\w &/'()-]{1,40}):[ \t]*$")
_INTRO = re.compile(r"^[ \t]*[A-Z][^\n]{10,160}:[ \t]*$")
_ANY_ITEM = re.compile(r"^([ \t]*)(?:[-•*]|\d{1,2}[.)])[ \t]*(\S.*)$")


def labelled_lists(description: str) -> dict[str, str]:
    """Each label line standing alone over a list, as the line its list completes: "Included
    Sizes:", a blank line, "The set typically includes these sizes:", "- 1/16\"", "- 5/64\"" ->
    {"Included Sizes:": "Included Sizes: 1/16\", 5/64\"", "The set ... sizes:": the same}. A bare
    label answers nothing by itself, so a reply quoting it quotes what it lists."""
    lines = description.split("\n")
    found = {}
    for at, line in enumerate(lines):
        label = _BARE_LABEL.match(line)
        if not label:
            continue
        # a label that is itself an item ("- Materials:") holds only the items indented under it
        depth = len(label.group(1)) if label.group(2) else -1
        items, intro = [], ""
        for following in lines[at + 1:]:
            item = _ANY_ITEM.match(following)
            if item and len(item.group(1)) <= depth:
                break
            if item:
                items.append(item.group(2).strip().rstrip(".;"))
            elif items or _BARE_LABEL.match(following):
                break
            elif following.strip() and (intro or not _INTRO.match(following)):
                break
            elif following.strip():
                intro = following.strip()
        # a list of "Label: value" lines (a "Specifications:" block) is read line by line
        if items and not any(SPEC_LINE.match(item) for item in items):
            whole = f"{label.group(3).strip()}: {', '.join(items)}"[:400]
            # the sentence introducing the list is said by the list, not apart from it
            found.update({key: whole for key in (line.strip(" \t•-*"), intro) if key})
    return found

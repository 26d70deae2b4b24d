"""`NamedProducts.named` tries a product name's pattern only where the message holds the name's
words as written: the demo's ~200 names were each a regular-expression pass per message."""

from __future__ import annotations


class _Counting:
    """A compiled pattern that records the names whose pattern was run."""

    def __init__(self, name: str, pattern, tried: list[str]) -> None:
        self.name, self.pattern, self.tried = name, pattern, tried

    def finditer(self, text: str):
        self.tried.append(self.name)
        return self.pattern.finditer(text)


def test_a_message_runs_only_the_patterns_of_names_it_holds(dialogue_service):
    names = dialogue_service.conversation.names
    text = "is the didi sport watch water resistant"
    nlu = dialogue_service.understander.understand(text)
    tried: list[str] = []
    original = names._name_patterns
    names._name_patterns = {name: _Counting(name, pattern, tried) for name, pattern in original.items()}
    try:
        skus = names.named(text, nlu)
        assert [dialogue_service.kb.product(s).name for s in skus] == ["Didi Sport Watch"]
        assert "didi sport watch" in tried
        assert 0 < len(tried) < 10 < len(original)
        assert all(part in text for name in tried for part in names._name_parts[name])
    finally:
        names._name_patterns = original


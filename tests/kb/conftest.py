import pytest

from kb import KnowledgeBase


@pytest.fixture(scope="session")
def demo_kb() -> KnowledgeBase:
    return KnowledgeBase.demo()

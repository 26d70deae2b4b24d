"""The turn pipeline: understanding -> policy -> action (code-written or generated) -> guard.

`service.DialogueService` is the face every edge talks to.
"""

"""Rasa interoperability: the REST channel and the rasa-sdk action server."""

"""Grounded generation: the facts chosen for the generator, the streamed reply, the guard that
reads it against the facts, and the admission gate in front of the generator.
"""

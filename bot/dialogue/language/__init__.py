"""The shopper's language: detection, reading a message in English (glossaries, spelling, numbers,
places, amounts) and the sentences code writes in each language the assistant speaks.
"""

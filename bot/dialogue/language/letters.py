"""Letters read without their marks: "envío" as "envio", "Knäckebröd" as "Knackebrod", "Nuß"
as "Nuss", as shoppers type them on a keyboard without those letters."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """The text with its accents removed and ß written ss ("Nuß-Nougat-Créme" -> "Nuss-Nougat-Creme")."""
    text = text.replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))

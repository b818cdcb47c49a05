"""File names for downloads and exports: ``<title-slug>.docx``, safe on every filesystem."""

from __future__ import annotations

import re
import unicodedata


def slugify(title: str, *, fallback: str = "brief", max_length: int = 80) -> str:
    """ "Russia Won’t Cooperate on Syria" → "russia-wont-cooperate-on-syria"."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:max_length].rstrip("-") or fallback

"""The small words of an answer, in French or English: periods (« d'avril à juin 2026 »),
places (« pôle Chirurgie »), row labels and the engine's notes about missing months."""

from __future__ import annotations

import re

from cockpit.formatting import month_name
from cockpit.periods import Period, parse_month

_NOT_SET = {"fr": "(non renseigné)", "en": "(not set)"}
_VALUE_WORDS = {
    "medical": ("personnel médical", "medical staff"),
    "non_medical": ("personnel non médical", "non-medical staff"),
}


def _de(text: str) -> str:
    """« de mars », « d'avril »."""
    return f"d'{text}" if text[:1].lower() in "aeiouyhéèâ" else f"de {text}"


def period_words(period: Period, lang: str) -> str:
    """« en mars 2026 », « en 2025 », « de janvier à octobre 2026 », "from May to July 2025"."""
    start, end = period.start, period.end
    if start == end:
        return f"en {month_name(start, lang)}" if lang == "fr" else f"in {month_name(start, lang)}"
    if start.month == 1 and end.month == 12 and start.year == end.year:
        return f"en {start.year}" if lang == "fr" else f"in {start.year}"
    first = month_name(start, lang)
    if start.year == end.year:
        first = first.rsplit(" ", 1)[0]
    last = month_name(end, lang)
    return f"{_de(first)} à {last}" if lang == "fr" else f"from {first} to {last}"


def value_words(value: object, lang: str) -> str:
    if value is None:
        return _NOT_SET[lang]
    fr, en = _VALUE_WORDS.get(str(value), (str(value), str(value)))
    return fr if lang == "fr" else en


def place_words(filters: dict[str, str], lang: str) -> str:
    """« (Chirurgie, infirmier) » after a metric's label, or nothing."""
    if not filters:
        return ""
    return " (" + ", ".join(value_words(v, lang) for v in filters.values()) + ")"


def row_label(row: dict, dimensions: tuple[str, ...], lang: str) -> str:
    return " / ".join(value_words(row.get(d), lang) for d in dimensions)


def bucket_words(label: str, lang: str) -> str:
    """A result row's period ('2026-03', '2025-Q2', '2025') as words."""
    if re.fullmatch(r"\d{4}-\d{2}", label):
        return month_name(parse_month(label), lang)
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", label):
        year, quarter = match.groups()
        return f"T{quarter} {year}" if lang == "fr" else f"Q{quarter} {year}"
    return label


def missing_months(notes: list[str], lang: str) -> str:
    """The engine's notes on months without data, as one sentence ('' when none)."""
    said = []
    for note in notes:
        if match := re.match(r"no data after (\d{4}-\d{2})", note):
            month = month_name(parse_month(match.group(1)), lang)
            said.append(
                f"pas encore de données après {month}" if lang == "fr" else f"no data after {month}"
            )
        elif match := re.match(r"no data before (\d{4}-\d{2})", note):
            month = month_name(parse_month(match.group(1)), lang)
            said.append(
                f"pas de données avant {month}" if lang == "fr" else f"no data before {month}"
            )
    if not said:
        return ""
    text = " ; ".join(said) if lang == "fr" else "; ".join(said)
    return ("Attention : " if lang == "fr" else "Note: ") + text + "."

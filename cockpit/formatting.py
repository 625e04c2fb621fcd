"""Numbers, money, percentages, variations and months as shown on screen, per locale (babel).

Pure functions: a value and a metric's format preset in, text out. French by
default (`1 234,5 €`, `87,3 %`, `12,4 M€`, `mars 2026`), English on request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
NBSP = "\u00a0"
MINUS = "\u2212"
# Between a sign and a currency symbol, which line breaking would otherwise let apart.
WORD_JOINER = "\u2060"
DASH = "–"


@dataclass(frozen=True)
class Preset:
    """How a metric's figures are shown: scaled, rounded, with a unit sign around them, and
    as an Excel number format in exports (which keep the unscaled figure)."""

    scale: float
    decimals: int
    fr_suffix: str = ""  # '1 234,5 M€'
    en_prefix: str = ""  # '€1,234.5M'
    en_suffix: str = ""
    excel: str = "#,##0.0"

    @property
    def has_sign(self) -> bool:
        """A money or percent sign stands for the unit (no unit word after the number)."""
        return bool(self.fr_suffix)


# The one table of format presets: the catalog's `format` field accepts these names.
PRESETS: dict[str, Preset] = {
    "int": Preset(1, 0, excel="#,##0"),
    "dec1": Preset(1, 1),
    "dec2": Preset(1, 2, excel="#,##0.00"),
    "dec3": Preset(1, 3, excel="#,##0.000"),
    "eur": Preset(1, 0, NBSP + "€", "€", excel='#,##0 "€"'),
    "keur": Preset(1e-3, 1, NBSP + "k€", "€", "k", excel='#,##0 "€"'),
    "meur": Preset(1e-6, 1, NBSP + "M€", "€", "M", excel='#,##0 "€"'),
    "meur2": Preset(1e-6, 2, NBSP + "M€", "€", "M", excel='#,##0 "€"'),
    "pct1": Preset(100, 1, NBSP + "%", "", "%", excel="0.0%"),
    "days1": Preset(1, 1),
    "fte1": Preset(1, 1),
}
# Units that need a word after a plain number.
_UNIT_WORDS = {
    "fr": {"days": "j", "fte": "ETP", "hours": "h", "years": "ans"},
    "en": {"days": "days", "fte": "FTE", "hours": "h", "years": "yrs"},
}


def locale_of(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["fr"])


def number(value: float, decimals: int, lang: str = "fr", signed: bool = False) -> str:
    """1234.5 → '1 234,5' (fr) or '1,234.5' (en); a true minus sign; '+' when signed."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(abs(value), pattern, locale=locale_of(lang))
    rounded_zero = text.strip("0,.\u202f") == ""
    if value < 0 and not rounded_zero:
        return MINUS + text
    if signed and not rounded_zero:
        return "+" + text
    return text


def _affix(preset: Preset, unit: str, lang: str) -> tuple[str, str]:
    if preset.has_sign:
        return ("", preset.fr_suffix) if lang == "fr" else (preset.en_prefix, preset.en_suffix)
    word = _UNIT_WORDS.get(lang, _UNIT_WORDS["fr"]).get(unit)
    return "", (NBSP + word) if word else ""


def format_value(
    value: float | None, preset: str, unit: str, lang: str = "fr", signed: bool = False
) -> str:
    """A metric's value in its display format: '29,3 M€', '87,0 %', '3 237,6 ETP'."""
    if value is None:
        return DASH
    shown = PRESETS.get(preset, PRESETS["dec1"])
    prefix, suffix = _affix(shown, unit, lang)
    text = number(value * shown.scale, shown.decimals, lang, signed)
    if prefix and text[0] in (MINUS, "+"):
        return text[0] + WORD_JOINER + prefix + text[1:] + suffix
    return prefix + text + suffix


def format_percent(
    ratio: float | None, lang: str = "fr", signed: bool = True, decimals: int = 1
) -> str:
    """0.032 → '+3,2 %' (fr) / '+3.2%' (en)."""
    if ratio is None:
        return DASH
    text = number(ratio * 100, decimals, lang, signed)
    return text + (NBSP + "%" if lang == "fr" else "%")


def format_points(delta: float | None, lang: str = "fr") -> str:
    """A difference of two rates, in percentage points: −0.007 → '−0,7 pt'."""
    if delta is None:
        return DASH
    return number(delta * 100, 1, lang, signed=True) + NBSP + "pt"


def format_delta(
    delta: float | None, delta_pct: float | None, preset: str, unit: str, lang: str = "fr"
) -> str:
    """A variation as people read it: points for rates, percent otherwise."""
    if unit == "pct":
        return format_points(delta, lang)
    if delta_pct is None:
        return format_value(delta, preset, unit, lang, signed=True)
    return format_percent(delta_pct, lang)


def month_name(month: date, lang: str = "fr", short: bool = False) -> str:
    """date(2026, 3, 1) → 'mars 2026' / 'March 2026' ('mars 2026' / 'Mar 2026' when short)."""
    return format_date(month, "LLL y" if short else "LLLL y", locale=locale_of(lang))


def month_word(month: date, lang: str = "fr") -> str:
    """date(2026, 3, 1) → 'mars' / 'March' (« de janvier à mars »)."""
    return format_date(month, "LLLL", locale=locale_of(lang))


def month_only(month: date, lang: str = "fr") -> str:
    """date(2026, 3, 1) → 'mars' / 'Mar' (axis labels, spans inside a year)."""
    return format_date(month, "LLL", locale=locale_of(lang))


def shows_as_zero(text: str) -> bool:
    """'+0,0 %', '0,0 pt', '−0 €': a figure that reads as no change once rounded."""
    return any(c.isdigit() for c in text) and not any(c in "123456789" for c in text)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def timestamp(moment: datetime, lang: str = "fr") -> str:
    """When figures were fetched: '28 novembre 2026 à 15:30' / '28 November 2026 at 15:30'."""
    day = format_date(moment, "d MMMM y", locale=locale_of(lang))
    joiner = " à " if lang == "fr" else " at "
    return f"{day}{joiner}{moment:%H:%M}"


def plain_number(value: float | None, lang: str = "fr", decimals: int = 4) -> str:
    """A raw figure for CSV: no grouping, locale decimal mark, trailing zeros dropped."""
    if value is None:
        return ""
    text = f"{round(value, decimals):.{decimals}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",") if lang == "fr" else text


def format_date_short(month: date, lang: str = "fr") -> str:
    """Chart axis labels: 'nov. 25' / 'Nov 25'."""
    return format_date(month, "LLL yy", locale=locale_of(lang))

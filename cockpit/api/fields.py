"""The constrained values the API reads and writes (a month, a metric id, a dimension…),
each with the sentence its error gives, so requests, answers and the OpenAPI document
say the same thing."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from cockpit.auth import storable_text

MONTH_PATTERN = r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$"
METRIC_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
DIMENSION_PATTERN = r"^[a-z][a-z0-9_]{0,31}$"
FILTER_PATTERN = r"^[a-z][a-z0-9_]{0,31}[:=].+$"
MAX_QUESTION_CHARS = 500
MAX_VALUE_CHARS = 100

# What a pattern means, for the error that says a value does not match it.
PATTERN_HINTS = {
    MONTH_PATTERN: "a month YYYY-MM between 1900-01 and 2999-12",
    METRIC_PATTERN: "a metric id: lowercase letters, digits and _, at most 64 characters",
    DIMENSION_PATTERN: "a dimension name: lowercase letters, digits and _, at most 32 characters",
    FILTER_PATTERN: "DIM:VALUE, e.g. pole:Chirurgie",
}

Month = Annotated[
    str,
    StringConstraints(pattern=MONTH_PATTERN),
    Field(examples=["2026-03"], description="YYYY-MM"),
]
MetricId = Annotated[
    str,
    StringConstraints(pattern=METRIC_PATTERN),
    Field(examples=["admissions", "bed_occupancy_rate"], description="A metric id of the catalog"),
]
# Checked against the registry (queries/dimensions.yaml) by the engine, which follows its edits.
Dimension = Annotated[
    str,
    StringConstraints(pattern=DIMENSION_PATTERN),
    Field(
        examples=["pole", "service"],
        description="A dimension of the registry; /api/v1/metrics lists each metric's",
    ),
]
FilterText = Annotated[
    str,
    StringConstraints(pattern=FILTER_PATTERN, max_length=MAX_VALUE_CHARS + 33),
    Field(examples=["pole:Chirurgie"], description="DIM:VALUE"),
]
DimensionValue = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_VALUE_CHARS),
    Field(examples=["Chirurgie"]),
]
Question = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION_CHARS),
    AfterValidator(storable_text),
    Field(
        examples=["Quel est le taux d'occupation du pôle Chirurgie en mars ?"],
        description=f"In French or English, at most {MAX_QUESTION_CHARS} characters",
    ),
]
# Periods resolve against `today` (its last complete month): keep them within the months
# an answer can carry (1900-01 to 2999-12), or the answer itself would be refused.
Today = Annotated[
    date,
    Field(ge=date(1900, 2, 1), le=date(2999, 12, 31), examples=["2026-11-15"]),
]
Grain = Literal["month", "quarter", "year"]
Compare = Literal["previous_year", "budget", "target"]
PlannerChoice = Literal["offline", "llm", "auto"]
Status = Literal["green", "amber", "red"]

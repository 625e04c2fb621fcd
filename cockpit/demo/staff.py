"""Staff categories: their group, loaded cost, absenteeism, headcount and overtime habits."""

from __future__ import annotations

# Staff categories and their group (SPEC §7). Sage-femme counts as medical staff here.
STAFF_CATEGORIES: dict[str, str] = {
    "médecin": "medical",
    "interne": "medical",
    "sage-femme": "medical",
    "infirmier": "non_medical",
    "aide-soignant": "non_medical",
    "administratif": "non_medical",
    "technique": "non_medical",
    "médico-technique": "non_medical",
}

# Loaded monthly cost of one FTE in 2023 (salary plus employer charges), in euros.
COST_PER_FTE = {
    "médecin": 12_600.0,
    "interne": 4_700.0,
    "sage-femme": 5_300.0,
    "infirmier": 4_900.0,
    "aide-soignant": 4_050.0,
    "administratif": 4_300.0,
    "technique": 3_950.0,
    "médico-technique": 4_750.0,
}

# Yearly absenteeism (absence days / theoretical days) outside the seasons.
ABSENTEEISM = {
    "médecin": 0.035,
    "interne": 0.02,
    "sage-femme": 0.085,
    "infirmier": 0.09,
    "aide-soignant": 0.115,
    "administratif": 0.07,
    "technique": 0.095,
    "médico-technique": 0.075,
}

# People per FTE: part-time work is common among senior doctors and nurses.
HEADCOUNT_PER_FTE = {"interne": 1.0, "médecin": 1.15}
OVERTIME_HOURS_PER_FTE = {"infirmier": 2.6, "aide-soignant": 2.2, "médecin": 1.0, "interne": 0.0}

"""The commented definition file `cockpit queries new ID` writes for an analyst to fill in."""

from __future__ import annotations

from cockpit.formatting import PRESETS

TEMPLATE = """\
# {id} — a new indicator. Fill in every field, then run:
#   cockpit queries check            (the file is valid)
#   cockpit queries explain {id}     (the SQL it compiles to)
#   cockpit query {id} --by pole     (its figures)
# Every field is described in queries/README.md.
version: 1
id: {id}                      # equal to the file name
label:                        # as shown on cards
  fr: "{id}"
  en: "{id}"
description:                  # the formula in words, shown under « Comment c'est calculé »
  fr: "À décrire."
  en: "To describe."
domain: activity              # activity | hr | finance | cross: the page it belongs to
# placement: {{home: 125, page: 500}}  # its card's rank on « Aujourd'hui » and on its page
unit: count                   # count | eur | pct | days | ratio | fte | hours | years
format: int                   # {presets}
aggregation: flow             # flow | ratio | stock_avg | stock_last | formula
table: activity               # activity | hr | finance | treasury (the extract, SPEC §3)
# filter: "section = 'charges' AND titre = '1'"   # optional condition on the table's rows
expr: sum(admissions)         # flow / stock: an SQL aggregate over the rows
# numerator: sum(bed_days)    # ratio: numerator / denominator, sums over the period
# denominator: sum(stays_full)
dimensions: [establishment, site, pole, service]   # declared in dimensions.yaml
direction: higher_is_better   # higher_is_better | lower_is_better | target_band
# thresholds: {{target: 100, amber: 90, red: 80}}  # defaults where the targets extract has none
synonyms:                     # the words people use in questions (French and English)
  fr: []
  en: []
# ai_instructions: "A hint for the question planner: how to read and compare this figure."
owner: "Contrôle de gestion"  # who answers for the definition
"""


def new_definition(metric_id: str) -> str:
    return TEMPLATE.format(id=metric_id, presets=" | ".join(PRESETS))

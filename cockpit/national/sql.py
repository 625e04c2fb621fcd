"""The SQL of a national comparison, built from the dictionary (pure string building).

Every query starts from `entity_values`: each indicator's value per entity (legal
entity or site) and year, read as the dictionary says, from the first source that
published it that year. Peers' quartiles, deciles and the target's rank among them are
computed by DuckDB (`quantile_cont`: linear interpolation, numpy's default).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cockpit.national.dictionary import Indicator
from cockpit.national.peers import PeerGroup
from cockpit.warehouse.rules import sql_str

Level = str  # 'legal_entity' | 'site'
LEVELS = ("legal_entity", "site")
QUANTILES = (0.1, 0.2, 0.25, 0.5, 0.75, 0.8, 0.9)
FAR_FUTURE = 9999


@dataclass(frozen=True)
class Target:
    finess: str
    level: Level
    legal_entity: str


def _codes(indicators: Sequence[Indicator]) -> str:
    rows = []
    for indicator in indicators:
        for priority, reading in enumerate(indicator.sources):
            first, last = reading.years or (0, None)
            for role, codes in (("sum", reading.sum), ("per", reading.per)):
                rows += [
                    f"({sql_str(indicator.id)}, {priority}, {sql_str(reading.source)}, "
                    f"{first}, {last or FAR_FUTURE}, {reading.scale!r}, "
                    f"{str(indicator.volume).lower()}, {bool(reading.per)!s}, "
                    f"{sql_str(code)}, {sql_str(role)})"
                    for code in codes
                ]
    return (
        "codes(indicator, priority, source, first_year, last_year, scale, volume, is_ratio, "
        f"code, role) AS (VALUES {', '.join(rows)})"
    )


def entity_values_sql(indicators: Sequence[Indicator], level: Level) -> str:
    """CTEs ending in `ev`: (indicator, year, source, finess, legal_entity, category,
    size_class, value, status, volume) for the source chosen each year."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    return f"""{_codes(indicators)},
read AS (
  SELECT c.indicator, c.priority, n.source, n.year, n.{level} AS finess,
    any_value(n.legal_entity) AS legal_entity, any_value(n.category) AS category,
    any_value(n.size_class) AS size_class, any_value(c.scale) AS scale,
    any_value(c.volume) AS volume, any_value(c.is_ratio) AS is_ratio,
    sum(n.value) FILTER (WHERE c.role = 'sum') AS num,
    sum(n.value) FILTER (WHERE c.role = 'per') AS den,
    count(n.value) FILTER (WHERE c.role = 'sum') AS published,
    count(*) FILTER (WHERE n.status = 'withheld') AS withheld,
    count(*) FILTER (WHERE n.status = 'not_applicable') AS not_applicable
  FROM national n
  JOIN codes c ON n.source = c.source AND n.code = c.code
    AND n.year BETWEEN c.first_year AND c.last_year
  WHERE n.{level} IS NOT NULL
  GROUP BY c.indicator, c.priority, n.source, n.year, n.{level}
),
valued AS (
  SELECT *,
    CASE WHEN withheld > 0 THEN 'withheld'
         WHEN not_applicable > 0 AND published = 0 THEN 'not_applicable' END AS status,
    -- rounded: sums of decimals over sites come in any order (parallel), give one answer
    round(CASE WHEN withheld > 0 OR published = 0 THEN NULL
               WHEN is_ratio THEN num / nullif(den, 0) * scale
               ELSE num * scale END, 9) AS value
  FROM read
),
chosen AS (
  SELECT indicator, year, min(priority) AS priority FROM valued
  WHERE value IS NOT NULL OR status IS NOT NULL GROUP BY ALL
),
ev AS (
  SELECT v.indicator, v.year, v.source, v.finess, v.legal_entity, v.category, v.size_class,
         v.value, v.status, v.volume
  FROM valued v JOIN chosen USING (indicator, year, priority)
)"""  # nosec B608 # codes checked by the dictionary's patterns, values quoted by sql_str, numbers by int()


def _peer_condition(group: PeerGroup) -> str:
    if group.kind == "named":
        listed = ", ".join(sql_str(f) for f in group.finess)
        return f"(p.finess IN ({listed}) OR p.legal_entity IN ({listed}))"
    return "p.category = t.category AND p.size_class IS NOT DISTINCT FROM t.size_class"


def _target_sql(target: Target) -> str:
    """CTEs `target` (one row per indicator and year published) and `peers`."""
    me = sql_str(target.finess)
    return f"""
target_class AS (
  SELECT year, category, size_class FROM national_class
  WHERE legal_entity = {sql_str(target.legal_entity)}
),
slots AS (SELECT DISTINCT indicator, year, source FROM ev),
target AS (
  SELECT s.indicator, s.year, s.source, tc.category, tc.size_class, e.value, e.status
  FROM slots s
  LEFT JOIN target_class tc USING (year)
  LEFT JOIN ev e ON e.indicator = s.indicator AND e.year = s.year AND e.finess = {me}
)"""  # nosec B608 # codes checked by the dictionary's patterns, values quoted by sql_str, numbers by int()


def comparison_sql(indicators: Sequence[Indicator], target: Target, group: PeerGroup) -> str:
    """One row per indicator and year: the target's value and its peers' distribution."""
    quantiles = ", ".join(str(q) for q in QUANTILES)
    return f"""WITH {entity_values_sql(indicators, target.level)},{_target_sql(target)},
peers AS (
  SELECT p.indicator, p.year, p.value FROM ev p JOIN target t USING (indicator, year)
  WHERE p.finess <> {sql_str(target.finess)} AND p.value IS NOT NULL
    AND (NOT p.volume OR p.value > 0) AND {_peer_condition(group)}
)
SELECT t.indicator, t.year, t.source, t.category, t.size_class, t.value, t.status,
  count(p.value) AS peers, quantile_cont(p.value, [{quantiles}]) AS quantiles,
  min(p.value) AS lowest, max(p.value) AS highest,
  count(p.value) FILTER (WHERE p.value < t.value) AS below,
  count(p.value) FILTER (WHERE p.value = t.value) AS equal
FROM target t LEFT JOIN peers p USING (indicator, year)
GROUP BY ALL
ORDER BY t.indicator, t.year"""  # nosec B608 # codes checked by the dictionary's patterns, values quoted by sql_str, numbers by int()


def peer_list_sql(indicator: Indicator, year: int, target: Target, group: PeerGroup) -> str:
    """The target and each of its peers for one indicator and year, with their names."""
    return f"""WITH {entity_values_sql([indicator], target.level)},{_target_sql(target)},
listed AS (
  SELECT p.finess, p.legal_entity, p.value, p.status, p.finess = {sql_str(target.finess)} AS me
  FROM ev p JOIN target t USING (indicator, year)
  WHERE p.year = {int(year)} AND (p.finess = {sql_str(target.finess)}
    OR (({_peer_condition(group)}) AND (NOT p.volume OR coalesce(p.value, 1) > 0)))
)
SELECT l.finess, coalesce({_name_of("l.finess")}, l.finess) AS name, l.value, l.status, l.me
FROM listed l
ORDER BY l.value DESC NULLS LAST, name"""  # nosec B608 # codes checked by the dictionary's patterns, values quoted by sql_str, numbers by int()


def _name_of(finess: str) -> str:
    """The latest name published for an entity; for a legal entity only the SAE knows, the
    name of its first site."""
    return (
        "coalesce((SELECT arg_max(name, year) FROM national_entity "  # nosec B608 # codes checked by the dictionary's patterns, values quoted by sql_str, numbers by int()
        f"WHERE finess = {finess} AND name IS NOT NULL), "
        "(SELECT arg_min(name, site) FROM national_entity "
        f"WHERE legal_entity = {finess} AND source = 'sae' AND name IS NOT NULL))"
    )


def identity_sql(finess: str) -> str:
    """(is a legal entity, its legal entity when a site, name) of a FINESS number."""
    me = sql_str(finess)
    return (
        f"SELECT EXISTS (SELECT 1 FROM national_completed WHERE legal_entity = {me}) "  # nosec B608 # codes checked by the dictionary's patterns, values quoted by sql_str, numbers by int()
        f"OR EXISTS (SELECT 1 FROM national_entity WHERE legal_entity = {me} "
        "AND source = 'hospidiag'), "
        f"(SELECT any_value(legal_entity) FROM national_completed WHERE site = {me}), "
        f"{_name_of(me)}"
    )

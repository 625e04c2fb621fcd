"""The national tables: public indicators as published, kept apart from the monthly extracts.

`national_value` holds one published number per (source, year, entity, code);
`national_entity` who each entity is (name, category, size class) as its source says;
`national_class` the peer classification of each legal entity and year, rebuilt after
every national import; the view `national` puts the three together: (source, year,
legal entity, site, category, size class, code, value, status).
"""

from __future__ import annotations

NATIONAL_TABLES = ("national_value", "national_entity", "national_class")

_TABLES = (
    """
CREATE TABLE IF NOT EXISTS national_value (
  source VARCHAR NOT NULL,        -- hospidiag | sae
  year INTEGER NOT NULL,          -- the data year
  legal_entity VARCHAR,           -- FINESS of the legal entity (entité juridique), as published
  site VARCHAR,                   -- FINESS of the site (établissement); NULL in Hospi Diag
  code VARCHAR NOT NULL,          -- as published: 'P12', 'SYGEN.LIT_MCO', 'URGENCES2.PASSU.GEN'
  value DOUBLE,                   -- NULL when withheld or not applicable
  status VARCHAR                  -- NULL, 'withheld' (.c) or 'not_applicable' (.z)
)""",
    """
CREATE TABLE IF NOT EXISTS national_entity (
  source VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  finess VARCHAR NOT NULL,        -- the entity the row describes (legal entity or site)
  legal_entity VARCHAR NOT NULL,
  site VARCHAR,
  name VARCHAR,
  category VARCHAR,               -- Hospi Diag 'cat' (CH, CHR…) or SAE 'catr' (PUB2…)
  size_class VARCHAR,             -- Hospi Diag 'taille_MCO' (T1…T4); SAE has none
  region VARCHAR,
  department VARCHAR
)""",
    """
CREATE TABLE IF NOT EXISTS national_class (
  legal_entity VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  category VARCHAR,
  size_class VARCHAR,
  class_source VARCHAR,           -- where the classification comes from
  class_year INTEGER              -- and for which year it was published
)""",
)

# Hospi Diag classifies legal entities by category and size: that classification, of
# the year or else of the nearest year published, defines peers in every source. An
# entity Hospi Diag does not know keeps the SAE category of its sites, without a size.
REBUILD_CLASS_SQL = """
DELETE FROM national_class;
INSERT INTO national_class
WITH slots AS (
  SELECT DISTINCT legal_entity, year FROM national_completed WHERE legal_entity IS NOT NULL
  UNION SELECT DISTINCT legal_entity, year FROM national_entity
),
anap AS (
  SELECT legal_entity, year, category, size_class FROM national_entity
  WHERE source = 'hospidiag' AND finess = legal_entity
),
before AS (
  SELECT s.legal_entity, s.year, a.category, a.size_class, a.year AS class_year
  FROM slots s ASOF LEFT JOIN anap a ON a.legal_entity = s.legal_entity AND a.year <= s.year
),
after AS (
  SELECT s.legal_entity, s.year, a.category, a.size_class, a.year AS class_year
  FROM slots s ASOF LEFT JOIN anap a ON a.legal_entity = s.legal_entity AND a.year >= s.year
),
drees AS (
  SELECT legal_entity, year, mode(category) AS category FROM national_entity
  WHERE source = 'sae' AND category IS NOT NULL GROUP BY ALL
)
SELECT s.legal_entity, s.year,
  CASE WHEN b.class_year IS NOT NULL THEN b.category
       WHEN a.class_year IS NOT NULL THEN a.category ELSE d.category END,
  CASE WHEN b.class_year IS NOT NULL THEN b.size_class
       WHEN a.class_year IS NOT NULL THEN a.size_class END,
  CASE WHEN coalesce(b.class_year, a.class_year) IS NOT NULL THEN 'hospidiag'
       WHEN d.category IS NOT NULL THEN 'sae' END,
  coalesce(b.class_year, a.class_year, CASE WHEN d.category IS NOT NULL THEN s.year END)
FROM slots s
JOIN before b USING (legal_entity, year)
JOIN after a USING (legal_entity, year)
LEFT JOIN drees d USING (legal_entity, year)
"""

# A site published without its legal entity (SYGEN 2019) gets it from that year's ID table.
_COMPLETED_SQL = """
CREATE OR REPLACE VIEW national_completed AS
SELECT v.source, v.year, coalesce(v.legal_entity, e.legal_entity) AS legal_entity, v.site,
       v.code, v.value, v.status
FROM national_value v
LEFT JOIN national_entity e
  ON v.legal_entity IS NULL AND e.source = 'sae' AND e.year = v.year AND e.finess = v.site
"""

_VIEW_SQL = """
CREATE OR REPLACE VIEW national AS
SELECT v.source, v.year, v.legal_entity, v.site, c.category, c.size_class,
       v.code, v.value, v.status
FROM national_completed v
LEFT JOIN national_class c USING (legal_entity, year)
"""


def national_ddl() -> list[str]:
    return [*_TABLES, _COMPLETED_SQL, _VIEW_SQL]

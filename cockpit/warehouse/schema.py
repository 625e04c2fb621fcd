"""DDL of the warehouse tables, derived from the extract contracts."""

from __future__ import annotations

from cockpit.contracts import CONTRACTS, Column

_SQL_TYPES = {
    "text": "VARCHAR",
    "finess": "VARCHAR",
    "code": "VARCHAR",
    "period": "DATE",
    "year": "INTEGER",
    "count": "DOUBLE",
    "amount": "DOUBLE",
    "signed": "DOUBLE",
}


def sql_type(column: Column) -> str:
    if column.type == "count" and column.integer:
        return "BIGINT"
    return _SQL_TYPES[column.type]


def create_table_sql(kind: str) -> str:
    contract = CONTRACTS[kind]
    cols = ",\n  ".join(f"{c.name} {sql_type(c)}" for c in contract.columns)
    return f"CREATE TABLE IF NOT EXISTS {kind} (\n  {cols}\n)"


INGEST_LOG_SQL = """
CREATE TABLE IF NOT EXISTS ingest_log (
  run_id VARCHAR,
  file VARCHAR,
  sha256 VARCHAR,
  kind VARCHAR,
  rows BIGINT,
  period_start VARCHAR,
  period_end VARCHAR,
  started_at TIMESTAMP,
  finished_at TIMESTAMP,
  outcome VARCHAR,
  message VARCHAR,
  username VARCHAR
)
"""


def all_ddl() -> list[str]:
    return [create_table_sql(kind) for kind in CONTRACTS] + [INGEST_LOG_SQL]

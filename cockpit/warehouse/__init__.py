"""The DuckDB warehouse: schema, validated ingest and read-only access."""

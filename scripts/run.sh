#!/usr/bin/env bash
# Runs Cockpit on the demo hospital: installs, generates and ingests the demo if needed, serves.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" base
DB="${COCKPIT_DB:-data/cockpit.duckdb}"
if [ ! -f "$DB" ]; then
  cockpit demo --out data/demo
  cockpit ingest --db "$DB" data/demo/*.csv
fi
# The demo's CH de Vallombre is compared as the CH d'Avignon on « Comparaison nationale »
# (public files imported with `cockpit national import`, see README).
export COCKPIT_NATIONAL_FINESS="${COCKPIT_NATIONAL_FINESS-990000012=840006597}"
exec cockpit serve --db "$DB" --demo-users "$@"

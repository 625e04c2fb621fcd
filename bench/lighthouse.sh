#!/usr/bin/env bash
# Lighthouse 12 mobile (performance + accessibility, simulated throttling) on every kind of page
# of a demo Cockpit, logged in as the demo director.
#
#   bench/lighthouse.sh [URL] [PAGE…]   # default: builds the demo, serves it on a free port,
#                                       # and measures home, a detail page, each domain page
#                                       # and the alerts page
#
# Prints, per page, both scores, total blocking time, LCP and the bytes transferred, then a
# summary table. Lighthouse is installed with npm under $LIGHTHOUSE_DIR (default
# $TMPDIR/cockpit-lighthouse) when missing. Targets: performance ≥ 90, accessibility ≥ 90.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
LH_DIR="${LIGHTHOUSE_DIR:-${TMPDIR:-/tmp}/cockpit-lighthouse}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cockpit-lh-XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]; then
  echo "Installing lighthouse into $LH_DIR …" >&2
  mkdir -p "$LH_DIR"
  npm install --prefix "$LH_DIR" --no-audit --no-fund --silent lighthouse@12 >&2
fi

URL="${1:-}"
if [ -z "$URL" ]; then
  "$PY" -m cockpit demo --out "$WORK/extracts" >/dev/null
  "$PY" -m cockpit ingest --db "$WORK/demo.duckdb" "$WORK"/extracts/*.csv >/dev/null
  PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "$PY" -m cockpit serve --db "$WORK/demo.duckdb" --state "$WORK/state" --port "$PORT" \
    --demo-users >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  URL="http://127.0.0.1:$PORT"
  for _ in $(seq 1 120); do curl -fs -o /dev/null "$URL/healthz" && break; sleep 0.25; done
fi
URL="${URL%/}"
shift || true
PAGES=("$@")
if [ "${#PAGES[@]}" -eq 0 ]; then
  PAGES=(/ /indicateur/bed_occupancy_rate /activite /rh /finances /alertes)
fi

# Log in like a browser: CSRF token from the form, same-origin POST, keep the session cookie.
JAR="$WORK/cookies.txt"
TOKEN="$(curl -fs -c "$JAR" "$URL/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p')"
curl -fs -b "$JAR" -c "$JAR" -o /dev/null -H "Origin: $URL" \
  --data-urlencode "csrf_token=$TOKEN" --data-urlencode "username=directeur" \
  --data-urlencode "password=demo-directeur" --data-urlencode "next=/" "$URL/login"
COOKIE="$(sed 's/^#HttpOnly_//' "$JAR" | awk '!/^#/ && NF==7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')"
HEADERS="$WORK/headers.json"
printf '{"Cookie": "%s"}' "$COOKIE" >"$HEADERS"

REPORTS=()
for PAGE in "${PAGES[@]}"; do
  REPORT="$WORK/report-${#REPORTS[@]}.json"
  # Lighthouse occasionally fails to record a trace (NO_NAVSTART): try up to three times.
  for attempt in 1 2 3; do
    if "$LH_DIR/node_modules/.bin/lighthouse" "$URL$PAGE" \
      --only-categories=performance,accessibility --form-factor=mobile \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      --extra-headers="$HEADERS" --output=json --output-path="$REPORT" --quiet; then
      break
    fi
    echo "lighthouse attempt $attempt failed on $PAGE" >&2
    [ "$attempt" = 3 ] && exit 1
  done
  REPORTS+=("$REPORT")
  if [ -n "${LH_REPORT_DIR:-}" ]; then
    mkdir -p "$LH_REPORT_DIR"
    cp "$REPORT" "$LH_REPORT_DIR/$(echo "$PAGE" | tr -c 'a-z0-9_\n' '-' | sed 's/^-*$/home/').json"
  fi
done

"$PY" - "${REPORTS[@]}" <<'PYEOF'
import json, sys
rows = []
for path in sys.argv[1:]:
    report = json.load(open(path))
    cats, audits = report["categories"], report["audits"]
    page = report["finalDisplayedUrl"].split("/", 3)[-1]
    perf = round(cats["performance"]["score"] * 100)
    a11y = round(cats["accessibility"]["score"] * 100)
    tbt = audits["total-blocking-time"]["numericValue"]
    lcp = audits["largest-contentful-paint"]["numericValue"]
    weight = audits["total-byte-weight"]["numericValue"] / 1024
    rows.append(("/" + page, perf, a11y, tbt, lcp, weight))
    failed = [a["title"] for a in audits.values()
              if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0]
    if failed:
        print(f"/{page}: failing audits: " + "; ".join(failed))
print(f"Lighthouse {report['lighthouseVersion']} mobile, simulated throttling (targets ≥ 90)")
print(f"{'page':<34} {'perf':>4} {'a11y':>4} {'TBT ms':>7} {'LCP s':>6} {'KiB':>6}")
for page, perf, a11y, tbt, lcp, weight in rows:
    print(f"{page:<34} {perf:>4} {a11y:>4} {tbt:>7.0f} {lcp / 1000:>6.1f} {weight:>6.0f}")
PYEOF

#!/usr/bin/env bash
# Lighthouse (mobile: performance + accessibility) on the home page of a demo Cockpit.
#
#   bench/lighthouse.sh [URL] [PAGE]   # default: builds the demo, serves it on a free port, PAGE=/
#
# Logs in as the demo director (cookie passed to Lighthouse), prints both scores and the
# Core Web Vitals. Lighthouse is installed with npm under $LIGHTHOUSE_DIR (default
# $TMPDIR/cockpit-lighthouse) when missing. Targets: performance ≥ 95, accessibility ≥ 95.
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
PAGE="${2:-/}"

# Log in like a browser: CSRF token from the form, same-origin POST, keep the session cookie.
JAR="$WORK/cookies.txt"
TOKEN="$(curl -fs -c "$JAR" "$URL/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p')"
curl -fs -b "$JAR" -c "$JAR" -o /dev/null -H "Origin: $URL" \
  --data-urlencode "csrf_token=$TOKEN" --data-urlencode "username=directeur" \
  --data-urlencode "password=demo-directeur" --data-urlencode "next=/" "$URL/login"
COOKIE="$(sed 's/^#HttpOnly_//' "$JAR" | awk '!/^#/ && NF==7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')"
HEADERS="$WORK/headers.json"
printf '{"Cookie": "%s"}' "$COOKIE" >"$HEADERS"

# Lighthouse occasionally fails to record a trace (NO_NAVSTART): try up to three times.
for attempt in 1 2 3; do
  if "$LH_DIR/node_modules/.bin/lighthouse" "$URL$PAGE" \
    --only-categories=performance,accessibility --form-factor=mobile \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --extra-headers="$HEADERS" --output=json --output-path="$WORK/report.json" --quiet; then
    break
  fi
  echo "lighthouse attempt $attempt failed" >&2
  [ "$attempt" = 3 ] && exit 1
done
[ -n "${LH_REPORT:-}" ] && cp "$WORK/report.json" "$LH_REPORT"

"$PY" - "$WORK/report.json" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))
cats, audits = report["categories"], report["audits"]
print(f"Lighthouse {report['lighthouseVersion']} on {report['finalDisplayedUrl']} (mobile)")
print(f"  performance   {round(cats['performance']['score'] * 100)}   (target ≥ 95)")
print(f"  accessibility {round(cats['accessibility']['score'] * 100)}   (target ≥ 95)")
for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
            "cumulative-layout-shift", "speed-index"):
    print(f"  {audits[key]['title']:<26} {audits[key]['displayValue']}")
failed = [a["title"] for a in audits.values()
          if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0]
if failed:
    print("  failing audits: " + "; ".join(failed))
PYEOF

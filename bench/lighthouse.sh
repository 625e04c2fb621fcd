#!/usr/bin/env bash
# Lighthouse 12 mobile (performance + accessibility, simulated throttling) on every kind of page
# of a demo Cockpit, logged in as the demo director.
#
#   bench/lighthouse.sh [URL] [PAGE…]   # default: builds the demo, serves it on a free port,
#                                       # and measures home, a detail page, each domain page,
#                                       # the alerts page, the Question screen and the
#                                       # indicator dictionary
#
# Each page is measured LH_RUNS times (default 3) and the median run by performance is kept,
# as Lighthouse advises (a shared machine makes single runs noisy); the table gives both
# scores, total blocking time, LCP and the bytes transferred of that run, and the range of
# performance scores seen. Lighthouse is installed with npm under $LIGHTHOUSE_DIR (default
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
  PAGES=(/ /indicateur/bed_occupancy_rate /activite /rh /finances /alertes /question /dictionnaire)
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

RUNS="${LH_RUNS:-3}"
for INDEX in "${!PAGES[@]}"; do
  PAGE="${PAGES[$INDEX]}"
  for RUN in $(seq 1 "$RUNS"); do
    REPORT="$WORK/report-$INDEX-$RUN.json"
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
  done
done

"$PY" - "$WORK" "${#PAGES[@]}" "${LH_REPORT_DIR:-}" <<'PYEOF'
import json, shutil, statistics, sys
from pathlib import Path

work, pages, keep = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print("Lighthouse mobile, simulated throttling, median run by performance (targets ≥ 90)")
print(f"{'page':<34} {'perf':>4} {'a11y':>4} {'TBT ms':>7} {'LCP s':>6} {'KiB':>5}  perf range")
for index in range(pages):
    runs = sorted(work.glob(f"report-{index}-*.json"))
    reports = [(json.loads(p.read_text()), p) for p in runs]
    scores = [r["categories"]["performance"]["score"] for r, _ in reports]
    median = statistics.median_low(scores)
    report, path = next(
        (r, p) for r, p in reports if r["categories"]["performance"]["score"] == median
    )
    audits = report["audits"]
    page = "/" + report["finalDisplayedUrl"].split("/", 3)[-1]
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        name = (page.strip("/").replace("/", "-") or "home") + ".json"
        shutil.copy(path, Path(keep) / name)
    print(f"{page:<34} {round(median * 100):>4} "
          f"{round(report['categories']['accessibility']['score'] * 100):>4} "
          f"{audits['total-blocking-time']['numericValue']:>7.0f} "
          f"{audits['largest-contentful-paint']['numericValue'] / 1000:>6.1f} "
          f"{audits['total-byte-weight']['numericValue'] / 1024:>5.0f}  "
          f"{round(min(scores) * 100)}–{round(max(scores) * 100)}")
PYEOF

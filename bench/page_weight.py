"""Benchmark: bytes on the wire for a cold first load of home on a phone (390×844).

Logs in as the demo director, then opens « Aujourd'hui » in a fresh browser
context (empty cache) and sums Chromium's `encodedDataLength` (compressed
bytes received, headers included) of every request the page makes until the
network is idle. Lists the heaviest responses and checks that no Plotly code
(plotly.js, dcc's graph chunk) is fetched on home. Starts its own demo server
(`cockpit demo` + `cockpit ingest` + `cockpit serve --demo-users`) unless --url.

    .venv/bin/python bench/page_weight.py [--url http://127.0.0.1:8050] [--page /activite]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from cockpit.demo.serve import CHROMIUM, CHROMIUM_FLAGS, demo_server

ROOT = Path(__file__).resolve().parent.parent
BUDGET_KIB = 350
USER, PASSWORD = "directeur", "demo-directeur"


def log_in(browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/login")
    page.fill("#username", USER)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/")
    state = context.storage_state()
    context.close()
    return state


def measure(url: str, path: str = "/") -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        state = log_in(browser, url)
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, storage_state=state, service_workers="block"
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        urls, sizes = {}, {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: urls.setdefault(e["requestId"], e["request"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        page.goto(url + path, wait_until="networkidle")
        page.wait_for_selector(".frame")
        if page.locator("#_dash-config").count():  # a page with the Dash runtime
            page.wait_for_selector("html.live", state="attached")
        page.wait_for_load_state("networkidle")
        time.sleep(0.5)
        browser.close()

    total = sum(sizes.values())
    rows = sorted(((sizes[k], urls.get(k, "?")) for k in sizes), reverse=True)
    fetched = [r for r in rows if not r[1].startswith("data:")]
    print(f"cold first load of {path} at 390×844: {len(fetched)} requests (data: URIs left out)")
    for size, address in rows:
        if address.startswith("data:"):
            continue
        print(f"  {size / 1024:8.1f} KiB  {address.replace(url, '')[:100]}")
    print(f"total transferred: {total / 1024:.1f} KiB (budget {BUDGET_KIB} KiB)")
    plotly = [a for _, a in rows if "plotly" in a or "async-graph" in a]
    print(f"plotly on {path}:", "NONE" if not plotly else ", ".join(plotly))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="A running Cockpit with the demo users (default: start one)")
    parser.add_argument("--page", default="/", help="Another page to weigh (default: home)")
    args = parser.parse_args()
    if args.url:
        total = measure(args.url.rstrip("/"), args.page)
    else:
        with (
            tempfile.TemporaryDirectory(prefix="cockpit-weight-") as tmp,
            demo_server(Path(tmp)) as url,
        ):
            total = measure(url, args.page)
    return 0 if total <= BUDGET_KIB * 1024 else 1


if __name__ == "__main__":
    raise SystemExit(main())

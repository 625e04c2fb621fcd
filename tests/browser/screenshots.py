"""Takes the README screenshots (docs/screenshots/*.png) in headless Chromium: home, a
detail page, a drill-down, the table view, the alerts, the Question screen with an answer and
the national comparison, at 390×844 (phone) and 1440×900 (desktop).

    .venv/bin/python tests/browser/screenshots.py [--url http://127.0.0.1:8050] [NAME…]

Without --url it builds the demo hospital and serves it (`cockpit demo`, `cockpit ingest`,
`cockpit serve --demo-users`) in a temporary directory, with the real public files
(Hospi Diag, SAE) imported when a `shared/data/real` folder is found above the project.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from cockpit.demo.serve import CHROMIUM, CHROMIUM_FLAGS, demo_server

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
SIZES = {
    "phone": ({"width": 390, "height": 844}, 2),
    "desktop": ({"width": 1440, "height": 900}, 1),
}
# name → (address, element to scroll to the top, per size[, question asked first])
SHOTS = {
    "home": ("/", {}),
    # The headline and the whole chart, month axis included.
    "detail": ("/indicateur/bed_occupancy_rate", {"phone": ".headline", "desktop": ".headline"}),
    "table": (
        "/finances?sort=status&dir=desc",
        {"desktop": ".dense"},
    ),
    "alerts": ("/alertes", {}),
    "drilldown": (
        "/indicateur/admissions?pole=M%C3%A9decine",
        {"phone": ".breakdown", "desktop": ".breakdown"},
    ),
    "question": (
        "/question",
        {"phone": ".ask-form"},
        "Quel pôle a le plus d'intérim depuis janvier ?",
    ),
    "national": ("/comparaison", {"phone": "[data-indicator='ambulatory_surgery_rate']"}),
    # The year-end landing: home's card, a detail chart run on to December, a question.
    "landing": ("/", {"phone": ".landing", "desktop": ".landing"}),
    "projection": ("/indicateur/staff_expenses", {"phone": ".headline", "desktop": ".headline"}),
    "question-landing": (
        "/question",
        {"phone": ".ask-answer"},
        "Où va-t-on atterrir sur les dépenses de personnel ?",
    ),
}


def add_public_data(db: Path) -> None:
    """Import the real public files into the served demo (the server follows the swap)."""
    from cockpit.warehouse.national import import_national_files

    real = next((p / "shared/data/real" for p in ROOT.parents if (p / "shared/data/real").is_dir()),
                None)  # fmt: skip
    if real is not None:
        import_national_files([real / "hospidiag", real / "sae"], db)


def take(url: str, names: list[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        login = browser.new_page()
        login.goto(url + "/login")
        login.fill("#username", "directeur")
        login.fill("#password", "demo-directeur")
        login.click("button[type=submit]")
        login.wait_for_url(url + "/")
        state = login.context.storage_state()
        for size, (viewport, scale) in SIZES.items():
            context = browser.new_context(
                viewport=viewport,
                device_scale_factor=scale,
                storage_state=state,
                service_workers="block",
            )
            page = context.new_page()
            for name, (address, anchors, *question) in SHOTS.items():
                if names and name not in names:
                    continue
                page.goto(url + address)
                page.wait_for_selector(".frame", state="attached")
                if page.locator("#_dash-config").count():
                    page.wait_for_selector("html.live", state="attached")
                if question:
                    page.get_by_label("Votre question").fill(question[0])
                    page.get_by_label("Votre question").press("Enter")
                    page.wait_for_selector(".ask-answer .ask-card")
                page.wait_for_load_state("networkidle")
                if size in anchors:
                    page.locator(f".frame {anchors[size]}").evaluate(
                        "e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 72)"
                    )
                path = OUT / f"{name}-{size}.png"
                page.screenshot(path=str(path))
                written.append(path)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="A running Cockpit with the demo users")
    parser.add_argument("names", nargs="*", help=f"Only these shots: {', '.join(SHOTS)}")
    args = parser.parse_args()
    if args.url:
        paths = take(args.url.rstrip("/"), args.names)
    else:
        with (
            tempfile.TemporaryDirectory(prefix="cockpit-shots-") as tmp,
            demo_server(Path(tmp)) as url,
        ):
            add_public_data(Path(tmp) / "demo.duckdb")
            paths = take(url, args.names)
    print("\n".join(str(p.relative_to(ROOT)) for p in paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

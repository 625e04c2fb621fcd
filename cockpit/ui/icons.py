"""Renders the app icons (PNG 192/512, maskable 512, apple-touch 180) from the SVGs in
assets/icons with headless Chromium. Run once when the logo changes:
`python -m cockpit.ui.icons` (needs the `playwright` test dependency).
"""

from __future__ import annotations

import os

from cockpit.config import PROJECT_ROOT

ICONS = PROJECT_ROOT / "assets" / "icons"
OUTPUTS = (
    ("icon.svg", "icon-192.png", 192),
    ("icon.svg", "icon-512.png", 512),
    ("maskable.svg", "maskable-512.png", 512),
    ("maskable.svg", "apple-touch-icon.png", 180),
)


def render_icons() -> list[str]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page(device_scale_factor=1)
        for source, target, size in OUTPUTS:
            svg = (ICONS / source).read_text(encoding="utf-8")
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(
                "<html><body style='margin:0;background:transparent'>"
                f"<div style='width:{size}px;height:{size}px'>"
                + svg.replace("<svg ", f"<svg width='{size}' height='{size}' ", 1)
                + "</div></body></html>"
            )
            page.screenshot(
                path=str(ICONS / target),
                omit_background=True,
                clip={"x": 0, "y": 0, "width": size, "height": size},
            )
            written.append(target)
        browser.close()
    return written


if __name__ == "__main__":
    print("\n".join(render_icons()))

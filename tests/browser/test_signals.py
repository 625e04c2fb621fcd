"""Every signal on screen means one thing: walks every card, detail and table row of the demo
(director and pole manager, French and English) in headless Chromium and checks that chip,
arrows, colours and sentences agree; detail charts' month labels never overlap on a phone;
no figure wraps between its sign and its digits; the pole manager sees their pole."""

from __future__ import annotations

import re

import pytest

DESKTOP = {"width": 1440, "height": 900}

pytestmark = pytest.mark.browser

PAGES = ["/", "/activite", "/rh", "/finances", "/alertes"]
CHIPS = {
    "green": {"Dans les seuils", "Conforme au budget", "Within limits", "On budget"},
    "amber": {"À surveiller", "Budget à surveiller", "Watch", "Budget: watch"},
    "red": {"Alerte", "Hors budget", "Alert", "Off budget"},
    "none": {"Sans objectif", "No target"},
}
GOOD_SIDE = {"higher_is_better": "up", "lower_is_better": "down"}

SIGNALS_JS = """() => [...document.querySelectorAll('#page [data-direction]')].map(top => {
  const box = top.closest('.card, .landing-row, .headline');
  const chip = top.querySelector('.chip');
  const reason = box.querySelector('.facts.reason');
  return {
    metric: top.dataset.metric, direction: top.dataset.direction,
    status: chip.dataset.status, reference: chip.dataset.reference,
    chip: chip.textContent, box: box.className, reason: reason && reason.textContent,
    badges: [...box.querySelectorAll('[data-compare]')].map(b => ({
      compare: b.dataset.compare, tone: b.dataset.tone, arrow: b.dataset.arrow,
      text: b.querySelector('b').textContent})),
  };
})"""

ROWS_JS = """() => [...document.querySelectorAll('#page .table tbody tr')].map(tr => ({
  name: tr.querySelector('th').textContent,
  status: (tr.querySelector('.col-status') || {}).className || '',
  gap: (tr.querySelector('.col-delta_target') || {}).className || '',
  gapText: (tr.querySelector('.col-delta_target') || {}).textContent || '',
}))"""

SPLIT_SIGN_JS = r"""() => {
  const split = [];
  const walker = document.createTreeWalker(document.getElementById('page'), NodeFilter.SHOW_TEXT);
  const sign = /[\u2212+]\u2060?[€\d]/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(sign)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top);
      if (tops.length && Math.max(...tops) - Math.min(...tops) > 2) split.push(node.textContent);
    }
  }
  return split;
}"""

TICKS_JS = """() => [...document.querySelectorAll('.chart .x-tick')]
  .map(t => t.getBoundingClientRect()).filter(r => r.width > 0)
  .map(r => [r.left, r.right])"""


def _has_digit(text: str) -> bool:
    return bool(re.search(r"[1-9]", text))


def check_figure(item: dict) -> list[str]:
    """What contradicts itself in one card or headline."""
    wrong = []
    where = item["metric"]
    status, direction = item["status"], item["direction"]
    if item["chip"] not in CHIPS[status]:
        wrong.append(f"{where}: chip {item['chip']!r} for status {status}")
    if f"card-{status}" not in item["box"]:
        wrong.append(f"{where}: stripe {item['box']!r} for status {status}")
    for badge in item["badges"]:
        arrow, tone, text = badge["arrow"], badge["tone"], badge["text"]
        sign = {"up": "+", "down": "\u2212"}.get(arrow)
        if (sign and not text.startswith(sign)) or (arrow == "flat" and _has_digit(text)):
            wrong.append(f"{where}: arrow {arrow} on {text!r}")
        if arrow == "flat" and tone != "neutral":
            wrong.append(f"{where}: {tone} colour on a change of {text!r}")
        if badge["compare"] == "reference":
            expected = {"red": {"bad"}, "amber": {"watch"}}.get(status)
            if status == "green":
                expected = {"good" if arrow == GOOD_SIDE.get(direction) else "neutral"}
            if status == "none" or tone not in expected:
                wrong.append(f"{where}: {tone} gap beside a {status} chip")
            side = {"up": ("au-dessus", "above"), "down": ("en dessous", "below")}.get(arrow)
            if item["reason"] and side and not any(w in item["reason"] for w in side):
                wrong.append(f"{where}: {item['reason']!r} beside a gap going {arrow}")
        elif direction in GOOD_SIDE and arrow != "flat":
            good = arrow == GOOD_SIDE[direction]
            if tone != ("good" if good else "bad"):
                wrong.append(f"{where}: {tone} for {text!r} vs N-1 ({direction})")
        elif item["reference"] != "target" and tone != "neutral":
            wrong.append(f"{where}: {tone} for a band metric without a target")
    return wrong


def check_row(row: dict) -> list[str]:
    status = re.search(r"tone-(green|amber|red|none)", row["status"])
    gap = re.search(r"tone-(good|watch|bad|neutral)", row["gap"])
    if not status or not gap:
        return []
    allowed = {"red": {"bad"}, "amber": {"watch"}, "green": {"good", "neutral"}}.get(
        status.group(1), set()
    )
    if gap.group(1) not in allowed:
        return [f"row {row['name']}: {gap.group(1)} gap {row['gapText']!r} with {status.group(1)}"]
    return []


def log_in(browser, server, user: str, lang: str, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, base_url=server, service_workers="block")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", user)
    page.fill("#password", f"demo-{user}")
    page.click("button[type=submit]")
    page.wait_for_url(server + "/")
    if lang == "en":
        page.goto("/lang/en?next=/")
    return context, page


def walk(page) -> tuple[list[str], int]:
    """Every page, and every detail page its cards link to: contradictions found, items seen."""
    wrong, seen, details = [], 0, set()
    for path in PAGES:
        page.goto(path)
        items = page.evaluate(SIGNALS_JS)
        rows = page.evaluate(ROWS_JS)
        seen += len(items) + len(rows)
        wrong += [w for item in items for w in check_figure(item)]
        wrong += [w for row in rows for w in check_row(row)]
        details |= set(
            page.eval_on_selector_all(
                "#page a[href^='/indicateur/']", "links => links.map(a => a.pathname)"
            )
        )
    for path in sorted(details):
        page.goto(path)
        items = page.evaluate(SIGNALS_JS)
        rows = page.evaluate(ROWS_JS)
        assert items, f"{path} has no headline"
        seen += len(items) + len(rows)
        wrong += [f"{path} {w}" for item in items for w in check_figure(item)]
        wrong += [f"{path} {w}" for row in rows for w in check_row(row)]
    return wrong, seen


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("user", ["directeur", "chef-chirurgie"])
def test_chips_arrows_colours_and_sentences_never_contradict(browser, server, user, lang):
    context, page = log_in(browser, server, user, lang)
    try:
        wrong, seen = walk(page)
    finally:
        context.close()
    assert seen > 40
    assert wrong == []


def test_the_rule_check_would_catch_a_contradiction():
    green_arrow_below_band = {
        "metric": "bed_occupancy_rate",
        "direction": "target_band",
        "status": "green",
        "reference": "target",
        "chip": "Dans les seuils",
        "box": "card card-green",
        "reason": "86,3 %, en dessous de la cible de 88,0 %",
        "badges": [{"compare": "reference", "tone": "good", "arrow": "down", "text": "−1,7"}],
    }
    assert check_figure(green_arrow_below_band)
    rounded_to_zero = {**green_arrow_below_band, "badges": [
        {"compare": "previous", "tone": "good", "arrow": "down", "text": "0,0 pt"}]}  # fmt: skip
    assert check_figure(rounded_to_zero)


@pytest.mark.slow
@pytest.mark.parametrize("width", [360, 390])
def test_detail_charts_month_labels_never_overlap_and_no_sign_is_split(
    browser, server, engine, width
):
    context, page = log_in(browser, server, "directeur", "fr", {"width": width, "height": 800})
    overlaps, split = [], []
    try:
        for metric in engine.metrics():
            page.goto(f"/indicateur/{metric.id}")
            ticks = sorted(page.evaluate(TICKS_JS))
            assert len(ticks) >= 5, metric.id
            overlaps += [
                (metric.id, a, b) for a, b in zip(ticks, ticks[1:], strict=False) if a[1] > b[0]
            ]
            split += [(metric.id, text) for text in page.evaluate(SPLIT_SIGN_JS)]
        for path in PAGES:
            page.goto(path)
            split += [(path, text) for text in page.evaluate(SPLIT_SIGN_JS)]
    finally:
        context.close()
    assert overlaps == []
    assert split == []


@pytest.mark.parametrize("path", ["/", "/activite", "/rh", "/finances"])
def test_the_pole_manager_sees_the_pole_and_only_meaningful_figures(browser, server, path):
    context, page = log_in(browser, server, "chef-chirurgie", "fr")
    try:
        page.goto(path)
        scope = page.inner_text("#page .page-sub")
        top = page.inner_text(".ctx-scope")
        metrics = page.eval_on_selector_all(
            "#page .card [data-metric]", "tops => tops.map(t => t.dataset.metric)"
        )
        values = page.eval_on_selector_all(".card-value", "vs => vs.map(v => v.textContent)")
    finally:
        context.close()
    assert "Pôle Chirurgie" in scope and "Pôle Chirurgie" in top
    assert metrics, "no card at all"
    assert not {"er_visits", "births", "operating_result", "total_revenue"} & set(metrics)
    assert all(_has_digit(v) for v in values), values

"""Assembles the demo group: every establishment's extracts, as flat columns per contract.

Each establishment draws from its own seeded random streams, so the two demo
establishments are the same whatever the size of the group.
"""

from __future__ import annotations

import numpy as np

from cockpit.contracts import ACTIVITY, CONTRACTS, FINANCE, HR, TREASURY
from cockpit.demo.activity import activity_block
from cockpit.demo.block import NO_PERIOD, Columns, Vocabulary, concat
from cockpit.demo.finance import finance_block
from cockpit.demo.group import generated_establishment
from cockpit.demo.hr import hr_block
from cockpit.demo.org import DEMO_ESTABLISHMENTS, Establishment
from cockpit.demo.seeds import stream
from cockpit.demo.targets import establishment_targets
from cockpit.demo.treasury import treasury_block


def establishments(count: int) -> list[Establishment]:
    """The two demo establishments followed by count − 2 generated ones."""
    if count < 2:
        raise ValueError("a demo group has at least the 2 establishments of the GHT")
    return list(DEMO_ESTABLISHMENTS) + [generated_establishment(k) for k in range(count - 2)]


def _structure(est: Establishment, vocab: Vocabulary) -> Columns:
    n = len(est.services)
    return {
        "establishment_id": np.full(n, vocab.code(est.finess), dtype=np.int32),
        "establishment": np.full(n, vocab.code(est.name), dtype=np.int32),
        "site": vocab.codes([s.site for s in est.services]),
        "pole": vocab.codes([s.pole for s in est.services]),
        "service": vocab.codes([s.name for s in est.services]),
    }


def _targets(rows: list[tuple], finess: str, vocab: Vocabulary) -> Columns:
    metrics, poles, years, targets, ambers, reds = zip(*rows, strict=True)
    return {
        "metric": vocab.codes(list(metrics)),
        "establishment_id": np.full(len(rows), vocab.code(finess), dtype=np.int32),
        "pole": vocab.codes(list(poles)),
        "period": np.full(len(rows), NO_PERIOD, dtype=np.int32),
        "year": np.array(years, dtype=np.int64),
        "target": np.array(targets, dtype=float),
        "amber_threshold": np.array(ambers, dtype=float),
        "red_threshold": np.array(reds, dtype=float),
    }


def generate(count: int = 2) -> tuple[dict[str, Columns], Vocabulary]:
    """Columns per extract kind (text as vocabulary codes, `period` as month index)."""
    vocab = Vocabulary()
    parts: dict[str, list[Columns]] = {kind: [] for kind in CONTRACTS}
    for est in establishments(count):
        activity = activity_block(est, stream("activity", est.seed))
        hr = hr_block(est, stream("hr", est.seed))
        finance = finance_block(est, activity, hr, stream("finance", est.seed))
        treasury = treasury_block(est, finance, stream("treasury", est.seed))
        ids = {"establishment_id": est.finess}
        parts["structure"].append(_structure(est, vocab))
        parts["activity"].append(activity.flatten(vocab, ids, ACTIVITY.names))
        parts["hr"].append(hr.flatten(vocab, ids, HR.names))
        parts["finance"].append(finance.block.flatten(vocab, ids, FINANCE.names))
        parts["treasury"].append(treasury.flatten(vocab, {}, TREASURY.names))
        targets = establishment_targets(est, activity, hr, finance.block)
        parts["targets"].append(_targets(targets, est.finess, vocab))
    return {kind: _month_by_month(concat(p)) for kind, p in parts.items()}, vocab


def _month_by_month(columns: Columns) -> Columns:
    """Rows ordered by month, establishments in order within a month, as monthly
    extracts arrive; stored in that order, DuckDB skips whole row groups on a period."""
    if "period" not in columns:
        return columns
    order = np.argsort(columns["period"], kind="stable")
    return {name: values[order] for name, values in columns.items()}

"""Peer medians, quartiles, best-20 % thresholds and percentile ranks, checked against an
independent computation: pandas reads the real files itself, numpy computes the statistics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from real_data import AVIGNON, VANNES, VANNES_SITE, require_real_data

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine
from cockpit.national.dictionary import load_dictionary
from cockpit.national.figures import MIN_PEERS, year_figure
from cockpit.national.service import National


@pytest.fixture(scope="module")
def national(national_db) -> National:
    return National(Engine(national_db, PROJECT_ROOT / "queries"))


@pytest.fixture(scope="module")
def hd2022() -> pd.DataFrame:
    path = require_real_data() / "hospidiag" / "anap_opendata_2022" / "hd2022.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.map(str.strip)


def number(column: pd.Series) -> pd.Series:
    """Hospi Diag cells: decimal commas; '.c', '.z' and empty are no number."""
    return pd.to_numeric(column.str.replace(",", ".", regex=False), errors="coerce")


def expected(peers: np.ndarray, mine: float) -> dict:
    """What the comparison must say, computed with numpy from the peers' values."""
    below, equal = (peers < mine).sum(), (peers == mine).sum()
    q1, median, q3, p20, p80 = np.quantile(peers, [0.25, 0.5, 0.75, 0.2, 0.8])
    return {
        "count": len(peers), "q1": q1, "median": median, "q3": q3, "p20": p20, "p80": p80,
        "percentile": (below + equal / 2) / len(peers),
    }  # fmt: skip


def computed(figure) -> dict:
    stats = figure.peers
    return {
        "count": stats.count, "q1": stats.q1, "median": stats.median, "q3": stats.q3,
        "p20": stats.p20, "p80": stats.p80, "percentile": figure.percentile,
    }  # fmt: skip


def ch_t4(hd: pd.DataFrame) -> pd.DataFrame:
    return hd[(hd["cat"] == "CH") & (hd["taille_MCO"] == "T4")]


def test_day_surgery_rate_against_same_category_and_size(national, hd2022):
    peers = ch_t4(hd2022)
    rates = number(peers["P12"]) / 100
    mine = rates[peers["finess"] == AVIGNON].item()
    others = rates[(peers["finess"] != AVIGNON) & rates.notna()].to_numpy()
    figure = national.compare(AVIGNON, year=2022).get("ambulatory_surgery_rate").selected
    assert figure.value == pytest.approx(mine)
    assert computed(figure) == pytest.approx(expected(others, mine))
    assert figure.best20_threshold == pytest.approx(np.quantile(others, 0.8))
    assert figure.in_best20 is bool(mine >= np.quantile(others, 0.8))


def test_lower_is_better_uses_the_20th_percentile_as_the_best_fifth(national, hd2022):
    peers = ch_t4(hd2022)
    index = number(peers["P2"])
    mine = index[peers["finess"] == VANNES].item()
    others = index[(peers["finess"] != VANNES) & index.notna()].to_numpy()
    figure = national.compare(VANNES, year=2022).get("ip_dms_surgery").selected
    assert computed(figure) == pytest.approx(expected(others, mine))
    assert figure.best20_threshold == pytest.approx(np.quantile(others, 0.2))
    assert figure.better_than == pytest.approx(1 - expected(others, mine)["percentile"])


def sygen_2024_by_legal_entity() -> pd.DataFrame:
    path = require_real_data() / "sae" / "2024" / "SYGEN_2024r.csv.gz"
    frame = pd.read_csv(path, sep=";", encoding="latin-1", decimal=",", dtype={"FI": str,
                        "FI_EJ": str}, usecols=["FI", "FI_EJ", "JOU_MCO", "SEJHC_MCO"])  # fmt: skip
    sums = frame.groupby("FI_EJ")[["JOU_MCO", "SEJHC_MCO"]].sum(min_count=1)
    return sums


def test_length_of_stay_sums_the_sites_of_each_legal_entity(national, hd2022):
    sums = sygen_2024_by_legal_entity()
    alos = (sums["JOU_MCO"] / sums["SEJHC_MCO"].where(sums["SEJHC_MCO"] > 0)).dropna()
    classified = set(ch_t4(hd2022)["finess"])  # 2024 takes the nearest classification: 2022
    peers = alos[alos.index.isin(classified) & (alos.index != AVIGNON)].to_numpy()
    figure = national.compare(AVIGNON, year=2024).get("alos_mco").selected
    assert figure.source == "sae"
    assert figure.value == pytest.approx(alos[AVIGNON])
    assert computed(figure) == pytest.approx(expected(peers, alos[AVIGNON]))


def test_a_site_is_compared_with_the_sites_of_comparable_legal_entities(national, hd2022):
    path = require_real_data() / "sae" / "2022" / "SYGEN_2022r.csv.gz"
    sites = pd.read_csv(path, sep=";", encoding="latin-1", dtype={"FI": str, "FI_EJ": str},
                        usecols=["FI", "FI_EJ", "SEJHC_MCO"]).dropna()  # fmt: skip
    sites = sites[sites["FI_EJ"].isin(set(ch_t4(hd2022)["finess"]))]
    stays = sites.set_index("FI")["SEJHC_MCO"]
    peers = stays[(stays.index != VANNES_SITE) & (stays > 0)].to_numpy()  # 0: no such activity
    comparison = national.compare(VANNES_SITE, year=2022)
    figure = comparison.get("stays_mco").selected
    assert comparison.level == "site" and comparison.legal_entity == VANNES
    assert computed(figure) == pytest.approx(expected(peers, stays[VANNES_SITE]))


def test_named_group_compares_with_its_list_only(national, hd2022):
    listed = next(g for g in national.groups.values() if g.id == "sud_est").finess
    rates = number(hd2022.set_index("finess")["P12"]) / 100
    others = rates[rates.index.isin(listed)].dropna().to_numpy()
    figure = (
        national.compare(AVIGNON, year=2022, group_id="sud_est")
        .get("ambulatory_surgery_rate")
        .selected
    )
    assert computed(figure) == pytest.approx(expected(others, rates[AVIGNON]))


def test_the_trend_covers_every_published_year_from_the_first_source_that_has_it(national):
    trend = national.compare(VANNES).get("non_medical_fte").years
    sources = {f.year: f.source for f in trend}
    # SAE from 2019 (its staff columns are empty in 2020, and renamed in 2024), Hospi Diag before
    assert sources == {2017: "hospidiag", 2018: "hospidiag", 2019: "sae", 2021: "sae",
                       2022: "sae", 2023: "sae", 2024: "sae"}  # fmt: skip
    assert all(f.value and f.peers for f in trend)


# -- the decision rules on hand-made rows -------------------------------------------------


def row(value, quantiles=(1, 2, 2.5, 5, 7.5, 8, 9), count=10, below=4, equal=0, lowest=0, top=10):
    return ("x", 2022, "hospidiag", "CH", "T4", value, None, count, list(quantiles), lowest, top,
            below, equal)  # fmt: skip


@pytest.fixture(scope="module")
def indicators():
    return load_dictionary(PROJECT_ROOT / "queries")


def test_too_few_peers_give_no_quartiles_and_no_rank(indicators):
    figure = year_figure(indicators.get("alos_mco"), row(5.0, count=MIN_PEERS - 1))
    assert figure.peers is None and figure.percentile is None and figure.in_best20 is None


def test_reaching_the_threshold_is_the_best_fifth_whatever_the_direction(indicators):
    higher = year_figure(indicators.get("ambulatory_surgery_rate"), row(8.0, below=8))
    lower = year_figure(indicators.get("alos_mco"), row(2.0, below=2))
    assert (higher.best20_threshold, higher.in_best20, higher.in_worst20) == (8, True, False)
    assert (lower.best20_threshold, lower.in_best20, lower.in_worst20) == (2, True, False)
    assert lower.better_than == pytest.approx(0.8)


def test_neutral_indicators_have_a_rank_but_no_best_fifth(indicators):
    figure = year_figure(indicators.get("beds_medicine"), row(6.0, below=6))
    assert figure.percentile == pytest.approx(0.6)
    assert (figure.best20_threshold, figure.better_than, figure.in_best20) == (None, None, None)


def test_a_volume_of_zero_is_not_ranked(indicators):
    figure = year_figure(indicators.get("beds_obstetrics"), row(0.0, below=0))
    assert figure.peers is not None and figure.percentile is None

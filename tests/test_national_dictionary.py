"""The indicator dictionary and the peer groups: the shipped files are valid and complete,
every field is documented, and a broken file is reported by file, indicator and field."""

from __future__ import annotations

import re
import shutil

import pytest

from cockpit.config import PROJECT_ROOT
from cockpit.engine import Engine
from cockpit.national.dictionary import Indicator, Reading, load_dictionary
from cockpit.national.peers import NamedGroup, load_peer_groups
from cockpit.national.service import National

QUERIES = PROJECT_ROOT / "queries"
REQUIRED = {
    "beds_medicine", "beds_surgery", "beds_obstetrics", "stays_mco", "alos_mco",
    "ip_dms_medicine", "ip_dms_surgery", "ip_dms_obstetrics", "ambulatory_surgery_rate",
    "er_visits", "medical_fte", "non_medical_fte", "absenteeism_rate", "turnover_rate",
}  # fmt: skip


def test_shipped_dictionary_and_peer_groups_are_valid(tmp_path):
    national = National(Engine(tmp_path / "none.duckdb", QUERIES))
    assert national.errors == []
    assert {i.id for i in national.dictionary.indicators} >= REQUIRED
    assert "sud_est" in national.groups


def test_every_field_is_documented():
    readme = (QUERIES / "national" / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", readme, re.MULTILINE))
    fields = {*Indicator.model_fields, *Reading.model_fields, *NamedGroup.model_fields}
    assert fields - documented == set()


def broken(tmp_path, text: str, name: str = "indicators.yaml"):
    queries = tmp_path / "queries"
    shutil.copytree(QUERIES, queries)
    (queries / "national" / name).write_text(text, encoding="utf-8")
    return queries


INDICATOR = """
version: 1
indicators:
  - id: alos_mco
    label: {{fr: DMS, en: ALOS}}
    description: {{fr: x, en: x}}
    theme: performance
    unit: days
    format: days1
    direction: lower_is_better
    sources: [{source}]
"""


@pytest.mark.parametrize(
    ("source", "field", "message"),
    [
        ("{source: sae, sum: [JOU_MCO]}", "indicators[alos_mco].sources.0",
         "not sae code(s): JOU_MCO (e.g. SYGEN.LIT_MCO)"),
        ("{source: hospidiag, sum: [SYGEN.JOU]}", "indicators[alos_mco].sources.0",
         "not hospidiag code(s): SYGEN.JOU (e.g. P12)"),
        ("{source: ars, sum: [P1]}", "indicators[alos_mco].sources.0.source", "Input should be"),
        ("{source: sae, years: [2024, 2019], sum: [SYGEN.JOU_MCO]}",
         "indicators[alos_mco].sources.0", "years: 2019 comes before 2024"),
        ("{source: sae, sum: []}", "indicators[alos_mco].sources.0.sum", "at least 1 item"),
    ],
)  # fmt: skip
def test_dictionary_errors_name_the_indicator_and_the_field(tmp_path, source, field, message):
    dictionary = load_dictionary(broken(tmp_path, INDICATOR.format(source=source)))
    assert dictionary.indicators == ()
    (error,) = dictionary.errors
    assert error.field == field and message in error.message
    assert str(error).startswith(str(dictionary.path))


def test_own_metric_must_exist_in_the_catalog(tmp_path):
    text = (QUERIES / "national" / "indicators.yaml").read_text(encoding="utf-8")
    queries = broken(tmp_path, text.replace("own: {metric: er_visits}", "own: {metric: er_vists}"))
    errors = National(Engine(tmp_path / "none.duckdb", queries)).errors
    assert [(e.field, e.message) for e in errors] == [
        ("indicators[er_visits].own.metric", "unknown metric 'er_vists'")
    ]


def test_peer_groups_refuse_what_is_not_a_finess_number(tmp_path):
    text = "groups:\n  - {id: voisins, label: {fr: V, en: N}, finess: ['840006597', '8400']}\n"
    groups, errors = load_peer_groups(broken(tmp_path, text, "peers.yaml"))
    assert list(groups) == ["category_size"]
    (error,) = errors
    assert error.field == "groups.0.finess" and "not FINESS numbers (9 characters): 8400" in (
        error.message
    )


def test_national_check_exits_1_and_names_the_field(tmp_path):
    from typer.testing import CliRunner

    from cockpit.cli import _register, app

    _register()
    queries = broken(tmp_path, INDICATOR.format(source="{source: sae, sum: [JOU_MCO]}"))
    result = CliRunner().invoke(app, ["national", "check", "--queries", str(queries)])
    assert result.exit_code == 1
    assert "indicators[alos_mco].sources.0: " in result.output


def test_an_edited_dictionary_reaches_a_running_engine(tmp_path):
    import os

    from cockpit.national.service import national_for

    queries = broken(tmp_path, (QUERIES / "national" / "indicators.yaml").read_text("utf-8"))
    engine = Engine(tmp_path / "none.duckdb", queries)
    assert national_for(engine).dictionary.get("births").label.en == "Deliveries"
    path = queries / "national" / "indicators.yaml"
    path.write_text(path.read_text("utf-8").replace('en: "Deliveries"', 'en: "Births"'), "utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert national_for(engine).dictionary.get("births").label.en == "Births"

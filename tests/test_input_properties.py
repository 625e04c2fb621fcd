"""Property tests (hypothesis) for the parsers every input goes through: periods, filters,
metric ids and questions through the API, ingest cells. Whatever comes in, the answer is
a value or a clear refusal, never a crash. (`next` targets: test_redirect_targets.py.)"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import quote

import duckdb
import pytest
from extract_samples import canonical_frames, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from cockpit.api.endpoints import BadRequest, read_query
from cockpit.api.requests import QueryParams
from cockpit.auth.audit_log import AuditLog
from cockpit.engine import QueryError
from cockpit.periods import MAX_YEAR, MIN_YEAR, Period, PeriodError, add_months, parse_month
from cockpit.warehouse.errors import IngestError
from cockpit.warehouse.ingest import ingest_files
from cockpit.warehouse.rules import number_of

# Any unicode, lone surrogates and control characters included.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)
MONTHS = st.builds(date, st.integers(1, 9999), st.integers(1, 12), st.just(1))
SHARED = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(st.one_of(ANY_TEXT, st.from_regex(r"\A[0-9]{4}-[0-9]{2}\Z")))
def test_a_month_is_read_or_refused_with_a_period_error(text):
    try:
        month = parse_month(text)
    except PeriodError as exc:
        assert len(str(exc)) < 120
    else:
        assert MIN_YEAR <= month.year <= MAX_YEAR and month.day == 1


@given(MONTHS, st.integers(-200_000, 200_000))
def test_shifting_a_month_gives_a_month_or_a_period_error(month, n):
    try:
        shifted = add_months(month, n)
    except PeriodError:
        assert not 1 <= (month.year * 12 + month.month - 1 + n) // 12 <= 9999
    else:
        assert (shifted.year - month.year) * 12 + shifted.month - month.month == n


@given(st.from_regex(r"\A[0-9]{4}-[0-9]{2}\Z"), st.from_regex(r"\A[0-9]{4}-[0-9]{2}\Z"))
def test_a_period_is_read_or_refused_with_a_period_error(start, end):
    try:
        period = Period.parse(start, end)
    except PeriodError:
        return
    assert period.start <= period.end and period.shift(-12).months == period.months


QUERY_VALUES = st.lists(st.one_of(ANY_TEXT, st.from_regex(r"\A[a-z_]{1,12}[:=].{0,20}\Z")),
                        max_size=4)  # fmt: skip


@given(QUERY_VALUES, st.lists(ANY_TEXT, max_size=2), ANY_TEXT)
def test_filters_are_read_or_refused_with_a_clear_error(filters, by, pole):
    args = MultiDict([("metric", "admissions"), *(("filter", f) for f in filters),
                      *(("by", b) for b in by), ("pole", pole)])  # fmt: skip
    try:
        params = read_query(QueryParams, args)
        plan = params.to_query_plan()
    except (BadRequest, QueryError, PeriodError) as exc:
        assert 0 < len(str(exc)) < 400
        return
    for dimension, value in plan.filters:
        assert value == value.strip() and value and dimension.isidentifier()


@settings(SHARED, max_examples=60)
@given(ANY_TEXT)
def test_any_metric_id_gets_an_answer_or_a_clear_error(director, metric):
    # A lone surrogate cannot travel in a URL as text: send its bytes percent-encoded, as a
    # client with broken UTF-8 would.
    raw = quote(metric.encode("utf-8", "surrogatepass"), safe="")
    response = director.get(f"/api/v1/query?metric={raw}&from=2026-03")
    assert response.status_code in (200, 400, 404), response.get_data(as_text=True)[:300]
    if response.status_code != 200:
        assert 0 < len(response.json["message"]) <= 300


@settings(SHARED, max_examples=40)
@given(ANY_TEXT.filter(lambda q: q.strip()))
def test_any_question_is_answered_or_refused_and_audited(director, shared_state, question):
    body = json.dumps({"question": question, "today": "2026-11-15"})  # \ud800 stays an escape
    headers = {"Content-Type": "application/json"}
    response = director.post("/api/v1/ask", data=body, headers=headers)
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]
    if response.status_code == 200:
        assert response.json["status"] in ("answered", "clarify", "refused")
        assert AuditLog(shared_state).read(event="question", limit=1)[0].details["status"]


@pytest.fixture(scope="module")
def parse_cell():
    """The ingest's reading of a text cell as a number (cockpit.warehouse.rules.number_of)."""
    con = duckdb.connect()
    sql = f"SELECT {number_of('cell', 'VARCHAR')} FROM (SELECT ? AS cell)"
    yield lambda cell: con.execute(sql, [cell]).fetchone()[0]
    con.close()


@SHARED
# A cell comes from a decoded file: never a NUL, never a lone surrogate (not UTF-8 at all).
@given(ANY_TEXT.map(lambda s: s.encode("utf-8", "ignore").decode("utf-8").replace("\x00", "")))
def test_any_cell_text_is_a_number_or_nothing(parse_cell, cell):
    value = parse_cell(cell)
    assert value is None or isinstance(value, float)


@SHARED
@given(st.integers(-(10**9), 10**9), st.integers(0, 99))
def test_a_french_number_cell_reads_as_its_value(parse_cell, units, cents):
    grouped = f"{abs(units):,}".replace(",", "\u202f")
    cell = f"{'-' if units < 0 else ''}{grouped},{cents:02d}"
    assert parse_cell(cell) == pytest.approx((abs(units) + cents / 100) * (1 if units >= 0 else -1))


@settings(SHARED, max_examples=12)
@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20))
def test_an_ingest_cell_is_loaded_or_refused_naming_its_line_and_column(tmp_path_factory, cell):
    work = tmp_path_factory.mktemp("cell")
    frames = canonical_frames()
    activity = frames["activity"].astype({"admissions": object})
    activity.loc[1, "admissions"] = cell
    files = [write_csv(frames["structure"], work / "structure.csv"),
             write_csv(activity, work / "activity.csv")]  # fmt: skip
    try:
        ingest_files(files, work / "w.duckdb")
    except IngestError as exc:
        if "\r" in cell:  # pandas leaves a bare CR unquoted: the row itself breaks
            assert {e.file for e in exc.errors} == {str(work / "activity.csv")}, exc.errors
        else:
            assert any(e.line == 3 and e.column == "admissions" for e in exc.errors), exc.errors
        assert not (work / "w.duckdb").exists()

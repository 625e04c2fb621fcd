"""The analysts' documentation is complete: every field of a metric file is described in
queries/README.md, and every CLI command is in the README."""

from __future__ import annotations

import re
from pathlib import Path

from cockpit.catalog.model import Metric

ROOT = Path(__file__).resolve().parent.parent


def _documented_fields() -> set[str]:
    text = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])}


def test_every_metric_field_is_documented_for_analysts():
    missing = set(Metric.model_fields) - _documented_fields()
    assert not missing, f"document these fields in queries/README.md: {sorted(missing)}"


def test_every_field_of_the_dimension_registry_is_documented_for_analysts():
    from cockpit.catalog.dimensions import Dimension, QuestionWords

    names = {field.alias or name for name, field in Dimension.model_fields.items()} - {"name"}
    missing = names - _documented_fields()
    text = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    questions_row = next(line for line in text.splitlines() if line.startswith("| `questions`"))
    missing |= {f for f in QuestionWords.model_fields if f"`{f}`" not in questions_row}
    assert not missing, f"document these registry fields in queries/README.md: {sorted(missing)}"


def test_every_format_preset_is_documented_for_analysts():
    from cockpit.formatting import PRESETS

    text = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    format_row = next(line for line in text.splitlines() if line.startswith("| `format`"))
    missing = [name for name in PRESETS if f"`{name}`" not in format_row]
    assert not missing, f"document these format presets in queries/README.md: {missing}"


def test_every_cli_command_is_in_the_readme():
    from typer.main import get_command

    from cockpit.cli import _register, app

    _register()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = get_command(app)
    names = []
    for name, sub in command.commands.items():
        names += [f"{name} {child}" for child in getattr(sub, "commands", {})] or [name]
    missing = [n for n in names if f"cockpit {n}" not in readme]
    assert not missing, f"document these commands in the README: {missing}"

"""Planner selection by configuration: offline | llm | auto, COCKPIT_LLM and friends, and the
app working without LangChain installed."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from cockpit import config
from cockpit.config import ConfigError, LLMSettings, llm_settings
from cockpit.engine import Engine
from cockpit.nl.llm.planner import LLMPlanner
from cockpit.nl.planner import OfflinePlanner
from cockpit.nl.planners import PlannerUnavailable, planner_for

LOCAL = {"COCKPIT_LLM": "openai:qwen2.5-coder", "COCKPIT_LLM_BASE_URL": "http://127.0.0.1:9/v1"}


@pytest.fixture(scope="module")
def engine(demo_warehouse):
    return Engine(demo_warehouse, config.queries_dir(None))


@pytest.fixture
def env(monkeypatch):
    for name in ("COCKPIT_PLANNER", "COCKPIT_LLM", "COCKPIT_LLM_BASE_URL", "COCKPIT_LLM_API_KEY",
                 "COCKPIT_LLM_TIMEOUT"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)

    def set_env(values: dict[str, str]) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_env


def test_settings_read_provider_model_url_key_and_timeout():
    settings = llm_settings({**LOCAL, "COCKPIT_LLM_API_KEY": "k", "COCKPIT_LLM_TIMEOUT": "7.5"})
    assert settings == LLMSettings(
        "openai", "qwen2.5-coder", "http://127.0.0.1:9/v1", "k", timeout_s=7.5
    )
    assert llm_settings({}) is None


@pytest.mark.parametrize(
    "values, named",
    [
        ({"COCKPIT_LLM": "gpt-4o"}, "COCKPIT_LLM"),
        ({"COCKPIT_LLM": "anthropic:claude"}, "COCKPIT_LLM"),
        ({"COCKPIT_LLM": "openai:"}, "COCKPIT_LLM"),
        ({**LOCAL, "COCKPIT_LLM_TIMEOUT": "soon"}, "COCKPIT_LLM_TIMEOUT"),
        ({**LOCAL, "COCKPIT_LLM_TIMEOUT": "0"}, "COCKPIT_LLM_TIMEOUT"),
    ],
)
def test_unusable_settings_name_the_variable(values, named):
    with pytest.raises(ConfigError, match=named):
        llm_settings(values)


def test_offline_is_always_the_offline_planner(engine, env):
    env(LOCAL)
    assert type(planner_for(engine, "offline")) is OfflinePlanner


def test_auto_without_llm_configured_is_offline(engine, env):
    assert type(planner_for(engine, "auto")) is OfflinePlanner
    assert type(planner_for(engine)) is OfflinePlanner


def test_llm_without_configuration_says_what_to_set(engine, env):
    with pytest.raises(PlannerUnavailable, match="COCKPIT_LLM=openai:MODEL"):
        planner_for(engine, "llm")


def test_unknown_choice_is_refused(engine, env):
    with pytest.raises(PlannerUnavailable, match="offline, llm, auto"):
        planner_for(engine, "oracle")


def test_llm_with_a_local_server_builds_chat_openai(engine, env):
    env({**LOCAL, "COCKPIT_LLM_TIMEOUT": "4"})
    planner = planner_for(engine, "llm")
    assert isinstance(planner, LLMPlanner) and planner.consult == "always"
    assert planner.timeout_s == 4.0
    model = planner.model
    assert type(model).__name__ == "ChatOpenAI"
    assert model.openai_api_base == LOCAL["COCKPIT_LLM_BASE_URL"]
    assert model.max_retries == 0 and model.temperature == 0


def test_auto_with_llm_configured_consults_the_model_when_unsure(engine, env):
    env(LOCAL)
    planner = planner_for(engine, "auto")
    assert isinstance(planner, LLMPlanner) and planner.consult == "when_unsure"


def test_mistral_needs_a_key_and_builds_chat_mistral(engine, env):
    env({"COCKPIT_LLM": "mistralai:mistral-small-latest"})
    with pytest.raises(PlannerUnavailable, match="COCKPIT_LLM_API_KEY"):
        planner_for(engine, "llm")
    env({"COCKPIT_LLM_API_KEY": "secret"})
    model = planner_for(engine, "llm").model
    assert type(model).__name__ == "ChatMistralAI" and model.model == "mistral-small-latest"


def test_missing_packages_fail_llm_clearly_and_auto_falls_back(engine, env, monkeypatch, caplog):
    env(LOCAL)
    monkeypatch.setitem(sys.modules, "langchain_openai", None)  # import now raises ImportError
    with pytest.raises(PlannerUnavailable, match=r"langchain-openai.*cockpit\[llm\]"):
        planner_for(engine, "llm")
    with caplog.at_level(logging.WARNING, logger="cockpit.nl.planners"):
        assert type(planner_for(engine, "auto")) is OfflinePlanner
    assert "langchain-openai" in caplog.text


def test_unusable_settings_fail_llm_and_auto_falls_back(engine, env):
    env({"COCKPIT_LLM": "gpt-4o"})
    with pytest.raises(PlannerUnavailable, match="PROVIDER:MODEL"):
        planner_for(engine, "llm")
    assert type(planner_for(engine, "auto")) is OfflinePlanner


def test_offline_questions_never_import_langchain(demo_warehouse):
    code = (
        "import sys; from datetime import date; from cockpit import config; "
        "from cockpit.engine import Engine; from cockpit.nl.ask import ask; "
        "from cockpit.nl.planners import planner_for; "
        f"e = Engine({str(demo_warehouse)!r}, config.queries_dir(None)); "
        "got = ask('Combien de passages aux urgences le mois dernier ?', e, "
        "today=date(2026, 11, 15), planner=planner_for(e, 'auto')); "
        "assert got['status'] == 'answered', got; "
        "print(sorted(m for m in sys.modules if m.startswith(('langchain', 'openai'))))"
    )
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("COCKPIT_LLM")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_cli_planner_flag_chooses_and_explains_what_is_missing(demo_warehouse, env):
    from typer.testing import CliRunner

    from cockpit.cli import _register
    from cockpit.cli import app as cli

    _register()
    question = ["ask", "DMS en cardiologie en 2025", "--db", str(demo_warehouse), "--json"]
    answered = CliRunner().invoke(cli, [*question, "--planner", "offline"])
    assert answered.exit_code == 0 and '"metric": "alos"' in answered.output
    missing = CliRunner().invoke(cli, [*question, "--planner", "llm"])
    assert missing.exit_code == 2 and "COCKPIT_LLM" in missing.output
    sample = ["eval", "/work/shared/eval/questions.jsonl", "--db", str(demo_warehouse)]
    unknown = CliRunner().invoke(cli, [*sample, "--planner", "oracle"])
    assert unknown.exit_code == 2 and "offline, llm, auto" in unknown.output

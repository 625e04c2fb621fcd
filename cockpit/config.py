"""Where things live (warehouse, metric definitions, user store) and which chat model the
LLM planner uses.

Resolution order for each path: explicit argument (CLI flag), environment
variable, project default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """The DuckDB warehouse: --db, else COCKPIT_DB, else data/cockpit.duckdb."""
    value = explicit or os.environ.get("COCKPIT_DB") or PROJECT_ROOT / "data" / "cockpit.duckdb"
    return Path(value)


def queries_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The metric definitions: --queries, else COCKPIT_QUERIES, else queries/."""
    value = explicit or os.environ.get("COCKPIT_QUERIES") or PROJECT_ROOT / "queries"
    return Path(value)


def state_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Users, sessions and audit live here, outside the warehouse that ingest replaces."""
    value = explicit or os.environ.get("COCKPIT_STATE") or PROJECT_ROOT / "data"
    return Path(value)


def redis_url(environ: Mapping[str, str] | None = None) -> str | None:
    """COCKPIT_REDIS_URL: the Redis that several server processes share for cached results
    and login failures (unset: each process caches for itself, failures in the state dir)."""
    env = os.environ if environ is None else environ
    return (env.get("COCKPIT_REDIS_URL") or "").strip() or None


LLM_PROVIDERS: tuple[str, ...] = ("openai", "mistralai")
DEFAULT_LLM_TIMEOUT_S = 20.0


class ConfigError(ValueError):
    """A setting is present but unusable; the message names the variable and the fix."""


@dataclass(frozen=True)
class LLMSettings:
    """The chat model behind the LLM planner (COCKPIT_LLM and friends)."""

    provider: str
    model: str
    base_url: str | None = None
    api_key: str | None = None
    timeout_s: float = DEFAULT_LLM_TIMEOUT_S


def llm_is_requested(environ: Mapping[str, str] | None = None) -> bool:
    """COCKPIT_LLM is set (usable or not)."""
    env = os.environ if environ is None else environ
    return bool((env.get("COCKPIT_LLM") or "").strip())


def llm_settings(environ: Mapping[str, str] | None = None) -> LLMSettings | None:
    """COCKPIT_LLM=`openai:MODEL` or `mistralai:MODEL` (None when unset), with
    COCKPIT_LLM_BASE_URL, COCKPIT_LLM_API_KEY and COCKPIT_LLM_TIMEOUT (seconds)."""
    env = os.environ if environ is None else environ
    spec = (env.get("COCKPIT_LLM") or "").strip()
    if not spec:
        return None
    provider, _, model = spec.partition(":")
    provider, model = provider.strip().lower(), model.strip()
    if provider not in LLM_PROVIDERS or not model:
        raise ConfigError(
            f"COCKPIT_LLM={spec!r}: expected PROVIDER:MODEL with PROVIDER one of "
            f"{', '.join(LLM_PROVIDERS)} (e.g. openai:qwen2.5-7b-instruct)"
        )
    raw_timeout = (env.get("COCKPIT_LLM_TIMEOUT") or "").strip()
    try:
        timeout_s = float(raw_timeout) if raw_timeout else DEFAULT_LLM_TIMEOUT_S
    except ValueError:
        timeout_s = -1.0
    if not 0 < timeout_s <= 600:
        raise ConfigError(
            f"COCKPIT_LLM_TIMEOUT={raw_timeout!r}: expected a number of seconds between 0 and 600"
        )
    return LLMSettings(
        provider=provider,
        model=model,
        base_url=(env.get("COCKPIT_LLM_BASE_URL") or "").strip() or None,
        api_key=(env.get("COCKPIT_LLM_API_KEY") or "").strip() or None,
        timeout_s=timeout_s,
    )


def national_finess(explicit: str | None = None) -> dict[str, str]:
    """Which public FINESS each establishment of the monthly data is compared as.

    `COCKPIT_NATIONAL_FINESS="990000012=840006597,990000020=560023210"` (establishment id
    = FINESS in the public files). An establishment not listed is compared under its own
    id, which is right when the monthly extracts carry the real FINESS. Raises
    ConfigError, saying which part is wrong, for a value that cannot be read.
    """
    value = explicit if explicit is not None else os.environ.get("COCKPIT_NATIONAL_FINESS", "")
    mapping: dict[str, str] = {}
    for part in value.replace(";", ",").split(","):
        if not part.strip():
            continue
        own, sep, public = (p.strip() for p in part.partition("="))
        if not sep or not own or not public:
            raise ConfigError(
                f"COCKPIT_NATIONAL_FINESS: {part.strip()!r} is not ESTABLISHMENT=FINESS"
            )
        mapping[own] = public
    return mapping

"""The LangChain chat model named by the settings (`openai:` or `mistralai:`), imported only
when asked so that the app and the offline planner run without LangChain installed."""

from __future__ import annotations

import math
from typing import Any

from cockpit.config import LLMSettings

INSTALL_HINT = "pip install 'cockpit[llm]'"
# A local OpenAI-compatible server (vLLM, llama.cpp, Ollama) takes any key but needs one.
LOCAL_SERVER_KEY = "local"
_CHAT_CLASSES = {
    "openai": ("langchain_openai", "ChatOpenAI"),
    "mistralai": ("langchain_mistralai", "ChatMistralAI"),
}


class LLMUnavailable(RuntimeError):
    """The chat model cannot be built here; the message says what is missing."""


def chat_model(settings: LLMSettings) -> Any:
    """A chat model with temperature 0, no retries (the planner falls back instead) and the
    configured timeout."""
    api_key = settings.api_key or (LOCAL_SERVER_KEY if settings.base_url else None)
    if api_key is None:
        raise LLMUnavailable(
            f"COCKPIT_LLM={settings.provider}:{settings.model} needs COCKPIT_LLM_API_KEY "
            "(or COCKPIT_LLM_BASE_URL for a local server)"
        )
    if settings.provider not in _CHAT_CLASSES:
        raise LLMUnavailable(f"unknown LLM provider {settings.provider!r}")
    chat_class = _import(*_CHAT_CLASSES[settings.provider])
    # Mistral's client counts whole seconds
    timeout = (
        math.ceil(settings.timeout_s) if settings.provider == "mistralai" else settings.timeout_s
    )
    return chat_class(
        model=settings.model,
        base_url=settings.base_url,
        api_key=api_key,
        temperature=0,
        timeout=timeout,
        max_retries=0,
    )


def _import(module: str, name: str) -> Any:
    try:
        return getattr(__import__(module, fromlist=[name]), name)
    except ImportError as exc:
        raise LLMUnavailable(
            f"the LLM planner needs the {module.replace('_', '-')} package: {INSTALL_HINT}"
        ) from exc

"""LangChain fake chat models that bind tools like a real provider and answer with scripted
tool calls, so the LLM planner is tested with no network and no weights."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel
from langchain_core.messages import AIMessage


class ScriptedChatModel(FakeMessagesListChatModel):
    """Answers each call with the next scripted message; counts the calls."""

    calls: int = 0

    def bind_tools(self, tools: list[Any], **kwargs: Any) -> ScriptedChatModel:
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.calls += 1
        return super()._generate(messages, stop, run_manager, **kwargs)


class FailingChatModel(ScriptedChatModel):
    """A provider that is down."""

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.calls += 1
        raise ConnectionError("connection refused")


def tool_call(**args: Any) -> AIMessage:
    """The message a provider returns when the model calls the plan tool."""
    return AIMessage(content="", tool_calls=[{"name": "plan_question", "args": args, "id": "c1"}])


def scripted(*messages: AIMessage, sleep: float | None = None) -> ScriptedChatModel:
    return ScriptedChatModel(responses=list(messages), sleep=sleep)

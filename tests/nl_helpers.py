"""Helpers for the question tests: plan or answer a question on the demo at a fixed date."""

from __future__ import annotations

from datetime import date

from cockpit.engine import Perimeter
from cockpit.nl.ask import ask
from cockpit.nl.planner import OfflinePlanner

TODAY = date(2026, 11, 15)


def plan_of(engine, question: str, previous=None, today: date = TODAY):
    return OfflinePlanner(engine).plan(question, today, Perimeter.everything(), previous)


def answer(engine, question: str, today: date = TODAY, **kwargs) -> dict:
    return ask(question, engine, today=today, **kwargs)


def months(plan) -> tuple[str, str]:
    return f"{plan.period.start:%Y-%m}", f"{plan.period.end:%Y-%m}"

"""Text in French and English, as definition files give it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Localized(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fr: str
    en: str


class LocalizedList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fr: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

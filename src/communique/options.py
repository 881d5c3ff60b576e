"""One Options object: everything a run can be told, validated at the edge."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

SUPPORTED_LANGS: tuple[str, ...] = ("en", "de", "ru", "uk", "fr", "es", "ko")


class Options(BaseModel):
    """Settings of one run; immutable so that stages can share it across processes."""

    model_config = ConfigDict(frozen=True)

    lang: str | None = None  # force this language instead of identifying it
    published: str | None = None  # default publication date (YYYY-MM-DD / YYYY-MM / YYYY)
    languages: tuple[str, ...] = SUPPORTED_LANGS
    actors_file: Path | None = None  # extra actors and aliases supplied by the user
    batch_size: int = Field(default=64, ge=1)
    workers: int = Field(default=1, ge=1)
    doc_time_budget: float = Field(default=20.0, gt=0)  # seconds one document may take
    max_chars: int = Field(default=2_000_000, ge=1)  # longer texts are cut, with a problem recorded

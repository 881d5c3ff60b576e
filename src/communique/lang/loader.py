"""Reads the data files of a language pack: lang/data/<lang>/.

A pack is a folder of data, not code: hand-written files at its top level, files built by
scripts/ under generated/. Readers here only parse; each consumer validates what it reads
and reports errors with the file and line (PackError).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from communique.errors import PackError

DATA = Path(__file__).parent / "data"


# libyaml's parser when PyYAML has it (the wheels do): ~10x faster than the pure-Python one, and the
# packs' YAML is most of what a process reads at start-up. Tags are still resolved in Python, so the
# boolean rule below holds for both.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataLoader(_SAFE_LOADER):
    """YAML with only true/false as booleans: words like "no", "on", "yes" stay words in every language."""


DataLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))


def load_data_yaml(text: str) -> Any:
    """Parse a data file's YAML (see DataLoader)."""
    return yaml.load(text, Loader=DataLoader)


def pack_dir(lang: str) -> Path:
    """The folder of one language pack."""
    return DATA / lang


def available() -> tuple[str, ...]:
    """The languages that have a pack (a folder with pack.toml)."""
    return tuple(sorted(p.name for p in DATA.iterdir() if (p / "pack.toml").is_file()))


@cache
def meta(lang: str) -> dict[str, Any]:
    """The pack's pack.toml as a dict."""
    path = pack_dir(lang) / "pack.toml"
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise PackError(f"{path}: no such language pack") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: {exc}") from None


def read_yaml(lang: str, name: str) -> Any:
    """A YAML file of the pack, or None when the pack has no such file."""
    path = pack_dir(lang) / name
    if not path.is_file():
        return None
    try:
        return load_data_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise PackError(f"{path}{line}: {getattr(exc, 'problem', exc)}") from None


def read_tsv(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) for each data line of a TSV file; '#' starts a comment line.

    Missing trailing fields are filled with ""; a line with too many fields is an error.
    """
    with path.open(encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) > columns:
                raise PackError(f"{path}:{n}: {len(fields)} fields, expected at most {columns}")
            yield n, fields + [""] * (columns - len(fields))


def pack_tsv(lang: str, name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Data lines of a TSV file of the pack (nothing when the pack has no such file)."""
    path = pack_dir(lang) / name
    if path.is_file():
        yield from read_tsv(path, columns)

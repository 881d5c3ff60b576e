from pathlib import Path

import pytest

from communique.errors import PackError
from communique.lang import loader
from communique.lang.pack import load_pack
from communique.lang.schema import Patterns, load_yaml_file


@pytest.mark.parametrize("lang", loader.available())
def test_every_pack_loads_and_compiles(lang: str):
    pack = load_pack(lang)
    assert pack.lang == lang


@pytest.mark.parametrize("lang", ["en", "de", "ru", "fr", "es", "uk"])
def test_coder_packs_cover_all_sixteen_categories(lang: str):
    from communique.events.ontology import ontology

    cats = {p.value.category for p in load_pack(lang).triggers.phrases}
    assert cats == set(ontology().categories)


def test_a_bad_pattern_names_file_and_line(tmp_path: Path):
    f = tmp_path / "patterns.yaml"
    f.write_text("patterns:\n  - id: ok\n    category: CONSULT\n    triggers: [met]\n"
                 "  - id: bad\n    category: CONSULT\n    triggers: [visited]\n    confidence: 7\n")
    with pytest.raises(PackError, match=r"patterns.yaml:8: patterns.1.confidence"):
        load_yaml_file(Patterns, f)


def test_unknown_category_mode_and_slot_are_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pack = tmp_path / "zz"
    pack.mkdir()
    (pack / "pack.toml").write_text('code = "zz"\nname = "Test"\nscript = "Latn"\nsplitter = "en"\n')
    monkeypatch.setattr(loader, "DATA", tmp_path)
    import communique.lang.pack as packmod

    monkeypatch.setattr(packmod, "pack_dir", lambda lang: tmp_path / lang)
    for body, message in [
        ("category: GREET\n    triggers: [hi]", "unknown PLOVER category"),
        ("category: CONSULT\n    mode: fly\n    triggers: [hi]", "has no mode 'fly'"),
        ("category: CONSULT\n    recipient: [nowhere]\n    triggers: [hi]", "unknown slot 'nowhere'"),
    ]:
        (pack / "patterns.yaml").write_text(f"patterns:\n  - id: p\n    {body}\n")
        load_pack.cache_clear()
        with pytest.raises(PackError, match=message):
            load_pack("zz")
    load_pack.cache_clear()

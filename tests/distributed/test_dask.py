"""The Dask runner: a local cluster of two workers stores what the single-machine run stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.options import Options
from communique.pipeline import ingest
from communique.read import read_paths
from communique.store.duckdb import Store
from tests.corpus import write_manifest
from tests.test_pipeline import full_snapshot

pytest.importorskip("distributed")


def test_two_dask_workers_store_what_one_machine_stores(tmp_path: Path):
    from communique.distributed.dask import ingest_dask

    manifest = write_manifest(tmp_path / "c", 90)
    with manifest.open("a", encoding="utf-8") as f:  # a bad record and a repeated one: problems, stored once
        f.write("{not json\n")
        f.write(manifest.read_text(encoding="utf-8").splitlines()[0] + "\n")
    opts = Options(workers=2, batch_size=16, languages=("en",))
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    with Store(local) as st:
        one = ingest(read_paths([manifest]), st, opts.model_copy(update={"workers": 1}))
    with Store(dask) as st:
        two = ingest_dask(read_paths([manifest]), st, opts, shards=tmp_path / "shards")
    assert (two.documents_new, two.documents_seen, two.events, two.problems) == \
        (one.documents_new, one.documents_seen, one.events, one.problems)
    assert one.documents_new == 90 and one.events > 100 and one.problems >= 1
    assert full_snapshot(dask) == full_snapshot(local)
    assert not any((tmp_path / "shards").iterdir()) if (tmp_path / "shards").exists() else True
    # a second run finds everything stored
    with Store(dask) as st:
        again = ingest_dask(read_paths([manifest]), st, opts, shards=tmp_path / "shards")
    assert again.documents_new == 0 and again.documents_seen == 91

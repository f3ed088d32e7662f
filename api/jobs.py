"""Uploads as background jobs: the request stores the files and returns a job id at once; one
worker thread ingests them in order, and GET /v1/jobs/{id} shows each file's stage as it goes
(queued → reading → ocr (page k of n) → parsing → embedding → saving → done | unchanged | failed).

Jobs live in memory (bounded, most recent kept): a restart forgets finished jobs, and files a
job had not reached are simply not ingested (nothing stored is lost or half-written).

With Redis configured (PLANQA_REDIS_URL) uploads go to an RQ queue instead (`RedisJobQueue`):
the request enqueues the files, `planqa worker` (any number, on any machine that sees the index
directory) reads, OCRs, parses and embeds them off the request path, and each file's progress is
kept in the RQ job's meta, which GET /v1/jobs/{id} reads from whichever API worker answers.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from api.uploads import CheckedUpload
from core.errors import PlanqaError

log = logging.getLogger("planqa.api")

MAX_JOBS = 200


@dataclass
class FileProgress:
    name: str
    format: str
    stage: str = "queued"
    # Every stage the file has passed through, in order: a fast file may pass several between two polls.
    stages: list[str] = field(default_factory=lambda: ["queued"])
    page: int | None = None  # OCR progress: `page` of `pages` read (kept once OCR is over)
    pages: int | None = None
    doc_ids: list[str] = field(default_factory=list)
    status: str | None = None  # added | replaced | unchanged, when done
    error: str | None = None


@dataclass
class Job:
    id: str
    created: float
    files: list[FileProgress]
    state: str = "queued"  # queued | running | done | failed (every file failed)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        done = sum(1 for f in self.files if f.stage in ("done", "unchanged", "failed"))
        return {**asdict(self), "done_files": done, "total_files": len(self.files)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Job:
        known = {f for f in FileProgress.__dataclass_fields__}
        files = [FileProgress(**{k: v for k, v in f.items() if k in known}) for f in data["files"]]
        return cls(str(data["id"]), float(data["created"]), files, str(data["state"]), data.get("finished"))


# (upload, bytes, report(stage, page, pages)) -> (doc ids, status)
IngestOne = Callable[[CheckedUpload, bytes, Callable[[str, int | None, int | None], None]], tuple[list[str], str]]


class JobQueue:
    def __init__(self, ingest_one: IngestOne) -> None:
        self._ingest_one = ingest_one
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planqa-ingest")

    def submit(self, uploads: list[tuple[CheckedUpload, bytes]]) -> Job:
        job = Job(uuid.uuid4().hex, time.time(), [FileProgress(u.filename, u.fmt) for u, _ in uploads])
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                self._jobs.popitem(last=False)
        self._worker.submit(self._run, job, uploads)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self, job: Job, uploads: list[tuple[CheckedUpload, bytes]]) -> None:
        run_job(job, uploads, self._ingest_one)

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)


def run_job(job: Job, uploads: list[tuple[CheckedUpload, bytes]], ingest_one: IngestOne,
            changed: Callable[[Job], None] = lambda job: None) -> None:
    """Ingest a job's files in order, recording each file's stages in `job` (and telling `changed`)."""
    job.state = "running"
    changed(job)
    for progress, (upload, data) in zip(job.files, uploads, strict=True):
        def report(stage: str, page: int | None = None, pages: int | None = None,
                   progress: FileProgress = progress) -> None:
            progress.stage = stage
            if stage not in progress.stages:
                progress.stages.append(stage)
            if page is not None:  # OCR pages read so far: kept after the stage moves on
                progress.page, progress.pages = page, pages
            changed(job)

        report("reading")
        try:
            progress.doc_ids, progress.status = ingest_one(upload, data, report)
            report("unchanged" if progress.status == "unchanged" else "done")
        except PlanqaError as exc:
            progress.error = exc.message
            report("failed")
        except Exception as exc:  # one bad file must not stop the queue
            log.exception("upload job failed", extra={"event": "job_failed", "job": job.id})
            progress.error = f"{type(exc).__name__}: could not be ingested"
            report("failed")
        log.info("job file", extra={"event": "job_file", "job": job.id, "stage": progress.stage,
                                    "format": progress.format})
    job.state = "failed" if all(f.stage == "failed" for f in job.files) else "done"
    job.finished = time.time()
    changed(job)


# ---------------------------------------------------------------------------- the Redis queue (RQ)

QUEUE_NAME = "planqa-ingest"
JOB_KEEP_SECONDS = 7 * 86400  # finished jobs (and their progress) stay readable this long
JOB_TIMEOUT_SECONDS = 6 * 3600  # a long scanned plan can take a while to OCR
META_KEY = "planqa"
UPLOAD_KEY_PREFIX = "planqa:upload:"


class RedisJobQueue:
    """Upload jobs on an RQ queue in Redis, run by `planqa worker`; the same interface as JobQueue."""

    def __init__(self, url: str) -> None:
        from redis import Redis
        from rq import Queue

        # RQ stores pickled arguments: this connection must not decode bytes.
        self._redis = Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
        self.queue = Queue(QUEUE_NAME, connection=self._redis)
        self.url = url

    def submit(self, uploads: list[tuple[CheckedUpload, bytes]]) -> Job:
        job = Job(uuid.uuid4().hex, time.time(), [FileProgress(u.filename, u.fmt) for u, _ in uploads])
        # The bytes go to keys of their own, deleted once ingested, so a finished job's record (kept
        # for a week) stays small; the job carries only their keys.
        files = [(u.filename, u.fmt, f"{UPLOAD_KEY_PREFIX}{job.id}:{n}") for n, (u, _) in enumerate(uploads)]
        with _state_errors(self.url):
            stored = self._redis.pipeline(transaction=True)
            for (_, _, key), (_, data) in zip(files, uploads, strict=True):
                stored.set(key, data, ex=JOB_KEEP_SECONDS)
            stored.execute()
            self.queue.enqueue(run_queued_job, files, job_id=job.id, meta={META_KEY: job.to_dict()},
                               result_ttl=JOB_KEEP_SECONDS, failure_ttl=JOB_KEEP_SECONDS,
                               job_timeout=JOB_TIMEOUT_SECONDS)
        log.info("job queued", extra={"event": "job_queued", "job": job.id, "files": len(files)})
        return job

    def get(self, job_id: str) -> Job | None:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job as RQJob
        from rq.job import JobStatus

        if not job_id.isalnum():
            return None
        with _state_errors(self.url):
            try:
                queued = RQJob.fetch(job_id, connection=self._redis)
            except NoSuchJobError:
                return None
            data = queued.get_meta(refresh=True).get(META_KEY)
            status = queued.get_status(refresh=False)
        if not isinstance(data, dict):
            return None
        job = Job.from_dict(data)
        if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED) and job.state != "done":
            # The worker died or was stopped mid-job: the files it had not finished are not ingested.
            for progress in job.files:
                if progress.stage not in ("done", "unchanged", "failed"):
                    progress.error = "the ingest worker stopped before this file was done; upload it again"
                    progress.stage = "failed"
                    progress.stages.append("failed")
            job.state = "failed" if all(f.stage == "failed" for f in job.files) else "done"
            job.finished = job.finished or time.time()
        return job

    def shutdown(self) -> None:
        self._redis.close()


@contextlib.contextmanager
def _state_errors(url: str) -> Iterator[None]:
    """Redis errors as StateUnavailable (one line, 503)."""
    from redis.exceptions import ConnectionError, TimeoutError

    try:
        yield
    except (ConnectionError, TimeoutError):
        from api.state import StateUnavailable, redacted_url

        raise StateUnavailable(f"the job queue (Redis at {redacted_url(url)}, PLANQA_REDIS_URL) "
                               "cannot be reached; try again shortly") from None


def run_queued_job(files: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The RQ task `planqa worker` runs: ingest the files (name, format, key of the bytes), keeping
    the progress in the job's meta."""
    from rq import get_current_job

    current = get_current_job()
    assert current is not None, "run by an RQ worker"
    job = Job.from_dict(current.meta[META_KEY])

    def changed(job: Job) -> None:
        current.meta[META_KEY] = job.to_dict()
        current.save_meta()

    keys = [key for _, _, key in files]
    contents = current.connection.mget(keys)
    uploads = [(CheckedUpload(name, fmt), data if isinstance(data, bytes) else b"")
               for (name, fmt, _), data in zip(files, contents, strict=True)]
    settings, ingest_one = _worker_ingest()

    def ingest_stored(upload: CheckedUpload, data: bytes, report: Callable[[str, int | None, int | None], None]
                      ) -> tuple[list[str], str]:
        if not data:
            raise PlanqaError(f"{upload.filename}: the uploaded file is no longer stored (kept a week); upload it again")
        return ingest_one(upload, data, report)

    run_job(job, uploads, ingest_stored, changed)
    current.connection.delete(*keys)  # ingested or failed for good: the index holds what it needs
    if any(f.doc_ids for f in job.files):  # the serving processes reload (api.state.IndexChangeWatcher)
        from api.state import announce_index_change, make_state

        state = make_state(settings)
        try:
            announce_index_change(state)
        finally:
            state.close()
    return job.to_dict()


def _worker_ingest() -> tuple[Any, IngestOne]:
    """Ingest into the library of the worker's settings (the API's PLANQA_INDEX)."""
    from api.service import DocumentLibrary, QAService
    from api.settings import ServiceSettings
    from core.settings import load_settings
    from index.library import Library

    settings = load_settings(ServiceSettings)

    def open_library() -> DocumentLibrary:
        library: DocumentLibrary = Library.create_or_open(settings.index_dir, settings.index)  # as the API writes
        return library

    service = QAService(settings, _NoServing(), lambda: None, open_library)  # type: ignore[arg-type]

    def ingest_one(upload: CheckedUpload, data: bytes, report: Callable[[str, int | None, int | None], None]
                   ) -> tuple[list[str], str]:
        outcome = service.ingest(upload, data, report)
        return outcome.doc_ids, outcome.status

    return settings, ingest_one


class _NoServing:
    """A worker answers no questions: there is no pipeline to reload after an ingest."""

    def reload(self) -> None:
        return None

"""Uploads as background jobs: the request stores the files and returns a job id at once; one
worker thread ingests them in order, and GET /v1/jobs/{id} shows each file's stage as it goes
(queued → reading → ocr (page k of n) → parsing → embedding → saving → done | unchanged | failed).

Jobs live in memory (bounded, most recent kept): a restart forgets finished jobs, and files a
job had not reached are simply not ingested (nothing stored is lost or half-written).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
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
        job.state = "running"
        for progress, (upload, data) in zip(job.files, uploads, strict=True):
            def report(stage: str, page: int | None = None, pages: int | None = None,
                       progress: FileProgress = progress) -> None:
                progress.stage = stage
                if stage not in progress.stages:
                    progress.stages.append(stage)
                if page is not None:  # OCR pages read so far: kept after the stage moves on
                    progress.page, progress.pages = page, pages

            report("reading")
            try:
                progress.doc_ids, progress.status = self._ingest_one(upload, data, report)
                report("unchanged" if progress.status == "unchanged" else "done")
            except PlanqaError as exc:
                report("failed")
                progress.error = exc.message
            except Exception as exc:  # one bad file must not stop the queue
                log.exception("upload job failed", extra={"event": "job_failed", "job": job.id})
                report("failed")
                progress.error = f"{type(exc).__name__}: could not be ingested"
            log.info("job file", extra={"event": "job_file", "job": job.id, "stage": progress.stage,
                                        "format": progress.format})
        job.state = "failed" if all(f.stage == "failed" for f in job.files) else "done"
        job.finished = time.time()

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)

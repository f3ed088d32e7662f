"""Ingest progress for people at a terminal: per document and per stage (reading, OCR pages,
parsing, embedding, saving). tqdm bars on an interactive terminal; plain lines on stderr
otherwise (logs, CI), so a long first ingest never looks hung. `planqa ingest`, `planqa up`
(scripts/run) and `planqa eval` use it through `Library.ingest_paths` callbacks.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from ingest.loaders import PageProgress

STAGE_WORDS = {"parsing": "parsing", "embedding": "embedding passages", "saving": "saving the index"}


class IngestProgress:
    def __init__(self, total: int, *, label: str = "ingest", quiet: bool = False,
                 stream: TextIO | None = None, interactive: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.interactive = (not quiet and self.stream.isatty()) if interactive is None else interactive
        self.total = total
        self.done = 0
        self.label = label
        self.started = time.perf_counter()
        self._bar: Any = None
        self._pages: dict[str, Any] = {}
        if self.interactive:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", desc=label, file=self.stream)

    def callbacks(self) -> dict[str, Any]:
        """Keyword arguments for `Library.ingest_paths`."""
        return {"progress": self.on_file, "on_page": self.on_page, "on_stage": self.on_stage,
                "on_embed": self.on_embed}

    def _line(self, text: str) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def on_file(self, name: str) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.set_postfix_str(f"{name[:40]}: reading")
            self._bar.update(1)
        else:
            self._line(f"{self.label} [{self.done}/{self.total}] {name}: reading")

    def on_page(self, event: PageProgress) -> None:
        confidence = f", confidence {event.confidence:.0f}%" if event.confidence is not None else ""
        status = f", {event.status.replace('_', ' ')}" if event.status != "ok" else ""
        if self._bar is not None:
            from tqdm import tqdm

            bar = self._pages.get(event.source)
            if bar is None:
                bar = self._pages[event.source] = tqdm(total=event.pages, unit="page", desc=event.source[:30],
                                                       position=1, leave=False, file=self.stream)
            bar.update(1)
            bar.set_postfix_str(f"{event.seconds:.1f} s{confidence}{status}")
        else:
            self._line(f"{self.label}   {event.source}: OCR page {event.page}/{event.pages} "
                       f"({event.seconds:.1f} s{confidence}{status})")

    def on_stage(self, name: str, stage: str) -> None:
        words = STAGE_WORDS.get(stage, stage)
        if self._bar is not None:
            self._bar.set_postfix_str(f"{name[:40]}: {words}" if name else words)
        elif name:
            self._line(f"{self.label} [{self.done}/{self.total}] {name}: {words}")
        else:
            self._line(f"{self.label}: {words} ({time.perf_counter() - self.started:.0f} s so far)")

    def on_embed(self, done: int, total: int) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(f"embedding passages {done}/{total}")
        else:
            self._line(f"{self.label}:   embedded {done}/{total} new passages "
                       f"({time.perf_counter() - self.started:.0f} s so far)")

    def close(self) -> None:
        for bar in self._pages.values():
            bar.close()
        if self._bar is not None:
            self._bar.close()

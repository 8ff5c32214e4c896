"""Where the outlining of many synopses runs: in this process, in worker processes, on Ray.

Every engine does the same per-synopsis work, `work(job)`: the pipeline on one text with
models loaded once per process. The main process reads inputs and writes outputs, so the
engines share nothing but the list of jobs, and a Ray cluster needs no shared filesystem.

- inline:   this process (the default; `-j 1`).
- process:  `-j N` worker processes (spawned: no state inherited from the parent); each
            worker gets cores/N threads so that N workers fill the machine, not oversubscribe it.
- ray:      Ray tasks on the cluster at `--ray-address`, or on a local Ray started for the run
            (`pip install 'outliner[ray]'`).
Results arrive as they finish; a failure in one job is reported with that job.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from outliner.config import Options
from outliner.errors import ModelError, OutlinerError, UsageError, one_line

if TYPE_CHECKING:
    from outliner.document import Outline
    from outliner.pipeline import Models

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class Job:
    index: int  # position in the run's input list
    source: str  # the input's name, as shown to the user and on the title page
    text: str
    options: Options


@dataclass(frozen=True)
class Done:
    job: Job
    outline: Outline | None
    error: str | None  # one line for the user
    fatal: bool  # the model cannot load: no other job can succeed either
    seconds: float
    more: tuple[Outline, ...] = ()  # the input's other films (or retellings, with --each)


# -- the work itself, run wherever the engine puts it ------------------------------------
_models: dict[str, Models] = {}


def work(job: Job, model: str, threads: int | None = None) -> Done:
    """Outline one job with this process's models (loaded on first use)."""
    started = time.perf_counter()
    try:
        if model not in _models:
            from outliner.pipeline import Models

            if threads:
                import torch

                torch.set_num_threads(threads)
            _models[model] = Models.load(model)
        from outliner.pipeline import outlines

        made = outlines(job.text, job.source, job.options, _models[model])
        return Done(job, made[0], None, False, time.perf_counter() - started, made[1:])
    except ModelError as exc:
        return Done(job, None, str(exc), True, time.perf_counter() - started)
    except OutlinerError as exc:
        return Done(job, None, str(exc), False, time.perf_counter() - started)
    except Exception as exc:  # one broken input must not stop the others
        if os.environ.get("OUTLINER_DEBUG"):
            raise
        message = f"{job.source}: internal error: {type(exc).__name__}: {exc}"
        return Done(job, None, message, False, time.perf_counter() - started)


class Engine(Protocol):
    def run(self, jobs: list[Job]) -> Iterator[Done]: ...


@dataclass
class InlineEngine:
    """This process. `load` can wrap the first model load (the CLI shows a spinner)."""

    model: str
    before_load: Callable[[], Any] | None = None

    def run(self, jobs: list[Job]) -> Iterator[Done]:
        for job in jobs:
            if self.model not in _models and self.before_load is not None:
                with self.before_load():
                    done = work(job, self.model)
            else:
                done = work(job, self.model)
            yield done


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class ProcessEngine:
    """`workers` spawned processes; each loads the models once and takes jobs as it frees."""

    model: str
    workers: int

    def run(self, jobs: list[Job]) -> Iterator[Done]:
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

        threads = max(1, cpu_count() // self.workers)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            pending: set[Future[Done]] = {
                pool.submit(work, job, self.model, threads) for job in jobs
            }
            try:
                while pending:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        yield future.result()
            finally:
                for future in pending:
                    future.cancel()


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Worker start-up: end this worker when the process that started it ends.

    A pool worker waits on a queue whose write end it holds itself, so it never notices
    its parent is gone: a parent killed with SIGKILL left its workers (over a GB each)
    and the resource tracker running for minutes. On Linux the kernel kills the worker
    when the parent dies (prctl PR_SET_PDEATHSIG): nothing to poll, and it works while
    the worker is busy inside torch. Elsewhere a thread checks every second.
    """
    if not _kernel_kills_orphans():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before this worker was set up
        os._exit(1)


def _kernel_kills_orphans() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


@dataclass
class RayEngine:
    """Ray tasks, one per job, on a given cluster or a local one started for this run."""

    model: str
    address: str | None = None

    def run(self, jobs: list[Job]) -> Iterator[Done]:
        ray = _import_ray()
        started_here = not ray.is_initialized()
        if started_here:
            try:
                ray.init(
                    address=self.address,
                    include_dashboard=False,
                    logging_level="ERROR",
                    log_to_driver=False,
                    configure_logging=False,
                )
            except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError
                where = self.address or "a local Ray instance"
                raise UsageError(
                    f"cannot connect to {where}: {one_line(str(exc) or type(exc).__name__)}"
                ) from exc
        try:
            remote = ray.remote(num_cpus=1, max_retries=0)(work)
            pending = {remote.remote(job, self.model, 1): job for job in jobs}
            while pending:
                ready, _ = ray.wait(list(pending), num_returns=1)
                for ref in ready:
                    job = pending.pop(ref)
                    try:
                        yield ray.get(ref)
                    except Exception as exc:  # the worker died (out of memory, killed)
                        yield Done(job, None, f"{job.source}: Ray task failed: {exc}", False, 0.0)
        finally:
            if started_here:
                ray.shutdown()


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise UsageError(
            "--engine ray needs Ray: pip install 'outliner[ray]' (or pip install ray)"
        ) from None
    return ray


def engine_for(
    name: str,
    model: str,
    workers: int,
    address: str | None = None,
    before_load: Callable[[], Any] | None = None,
) -> Engine:
    if name not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, got {name!r}")
    if name == "ray":
        return RayEngine(model, address)
    if address is not None:
        raise UsageError("--ray-address needs --engine ray")
    if workers < 1:
        raise UsageError(f"-j must be at least 1, got {workers}")
    if workers == 1:
        return InlineEngine(model, before_load)
    return ProcessEngine(model, workers)

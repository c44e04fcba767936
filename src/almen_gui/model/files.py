"""Atomic file writing: a temporary file in the target folder, renamed over the target only when complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


class WriteError(Exception):
    """A file could not be written; the message is one sentence for the user."""


def check_folder(folder: Path) -> None:
    """Raise WriteError unless `folder` exists and can be written to."""
    if not folder.exists():
        raise WriteError(f"Mappen {folder} findes ikke.")
    if not folder.is_dir():
        raise WriteError(f"{folder} er ikke en mappe.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(f"Der er ikke skriveadgang til mappen {folder}.")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; if the block succeeds and wrote something, it replaces `path`.

    On any error the temporary file is removed and an existing `path` is left as it was.
    """
    path = Path(path)
    check_folder(path.parent)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=f"{path.suffix}.tmp", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise WriteError(f"Der kan ikke skrives i mappen {path.parent} ({exc.strerror}).") from None
    temporary_path = Path(temporary)
    try:
        yield temporary_path
        if temporary_path.stat().st_size == 0:
            raise WriteError(f"{path.name} blev tom og er ikke gemt (er disken fuld?).")
        os.chmod(temporary_path, 0o666 & ~_UMASK)  # mkstemp makes files private; these are meant to be shared
        os.replace(temporary_path, path)
    except OSError as exc:
        raise WriteError(f"{path.name} kunne ikke gemmes ({exc.strerror or exc}).") from None
    finally:
        temporary_path.unlink(missing_ok=True)


def remember_copy(source: Path, folder: Path) -> Path:
    """Copy a user's file (and a CSV's explanation file) into `folder` atomically; returns the copy's path."""
    import shutil

    from almen_gui.model.readers import explanation_path

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    companion = explanation_path(source)
    for original, copy in ((source, target), (companion, folder / companion.name)):
        if original.is_file() and original.resolve() != copy.resolve():
            with atomic_path(copy) as temporary:
                shutil.copyfile(original, temporary)
    return target

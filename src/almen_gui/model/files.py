"""Atomic file writing: a temporary file in the target folder, renamed over the target only once it is verified whole;
and the one careful reader of a user's file (read_regular_file).

Writers such as QPdfWriter do not report a full disk, so every file is checked (size, and a PNG's chunks or a PDF's
trailer) and flushed to the disk before it replaces anything.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import struct
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from almen_gui.model.errors import os_reason

TEMPORARY_PREFIX = ".almen-"  # our temporary files: ".almen-<target name>-<random>.tmp"
TEMPORARY_SUFFIX = ".tmp"
STALE_SECONDS = 15 * 60  # older than any write takes: left by a killed run
NAME_MAX = 255  # bytes in one file name, on every file system the app runs on

_UMASK = os.umask(0)
os.umask(_UMASK)


class WriteError(Exception):
    """A file could not be written; the message is one sentence for the user."""


class FileRefused(Exception):
    """A file that is not read; the message is a Danish clause on why. `names_path`: the clause is about the path
    itself (it does not exist, it is a folder), so the message shows the whole path."""

    def __init__(self, reason: str, names_path: bool = False):
        super().__init__(reason)
        self.names_path = names_path


def read_regular_file(path: Path, limit: int) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes; the size is counted while reading, never
    taken from what the file system claims (a link to /dev/zero claims 0 bytes)."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise FileRefused("filen findes ikke", names_path=True) from None
    except PermissionError:
        raise FileRefused("filen kan ikke læses (ingen adgang)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefused("er en genvej, der peger i ring") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise FileRefused("navnet er for langt", names_path=True) from None
        raise FileRefused("filen kan ikke åbnes") from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise FileRefused("er en mappe, ikke en fil", names_path=True)
        if not stat.S_ISREG(mode):
            raise FileRefused("er ikke en almindelig fil, men fx en pipe eller en enhed, og læses ikke")
        chunks, size = [], 0
        while chunk := os.read(handle, 1024 * 1024):
            size += len(chunk)
            if size > limit:
                raise FileRefused(f"filen er for stor (over {_megabytes(limit)})")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:  # a disk or network error while reading; the system's own words would be English
        raise FileRefused("filen kan ikke læses (læsefejl fra disken eller netværket)") from None
    finally:
        os.close(handle)


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} kB"


def check_folder(folder: Path) -> None:
    """Raise WriteError unless `folder` exists and can be written to."""
    if not folder.exists():
        raise WriteError(f"Mappen {folder} findes ikke.")
    if not folder.is_dir():
        raise WriteError(f"{folder} er ikke en mappe.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(f"Der er ikke skriveadgang til mappen {folder}.")


def probe_folder(folder: Path) -> None:
    """Raise WriteError unless a file can really be made in `folder`, before a batch writes many there.

    access() knows the permission bits only; a read-only or special file system refuses each file itself, which a
    batch would otherwise report once per file. The probe's file is removed again; one that cannot be removed is
    left to remove_stale_temporaries, as it carries our temporary name.
    """
    try:
        handle, probe = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX, dir=folder)
    except OSError as exc:
        if exc.errno == errno.ENOENT:  # the folder is there (checked): a system folder such as /proc makes no files
            raise WriteError(f"Der kan ikke oprettes filer i mappen {folder}.") from None
        raise WriteError(f"Der kan ikke skrives i mappen {folder} ({os_reason(exc)}).") from None
    try:
        os.close(handle)
        os.unlink(probe)
    except OSError:
        pass


def _png_is_whole(data: bytes) -> bool:
    """Every chunk present with a correct checksum, ending in IEND at the file's end."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    at = 8
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        end = at + 12 + length
        if end > len(data):
            return False
        kind, crc = data[at + 4:at + 8], data[end - 4:end]
        if zlib.crc32(data[at + 4:end - 4]) != struct.unpack(">I", crc)[0]:
            return False
        if kind == b"IEND":
            return end == len(data)
        at = end
    return False


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def _pdf_is_whole(data: bytes) -> bool:
    """A PDF header, and a trailer at the end whose startxref points at the cross-reference table."""
    if not data.startswith(b"%PDF-"):
        return False
    found = _STARTXREF.search(data[-1024:])
    if not found:
        return False
    offset = int(found.group(1))
    return offset < len(data) and (data.startswith(b"xref", offset)
                                   or re.match(rb"\d+\s+\d+\s+obj", data[offset:offset + 32]) is not None)


def verify_written(path: Path, name: str, replaces: bool = False) -> None:
    """Raise WriteError unless the file at `path` is whole: not empty, and a PNG or PDF complete to its last byte.

    `replaces`: a file of that name exists, and the message says it is left as it was.
    """
    data = path.read_bytes()
    if not data:
        raise WriteError(f"{name} blev tom og er ikke gemt (er disken fuld?).")
    suffix = Path(name).suffix.lower()
    checks = {".png": _png_is_whole, ".pdf": _pdf_is_whole}
    if suffix in checks and not checks[suffix](data):
        kept = "; den tidligere fil af samme navn er uændret" if replaces else ""
        raise WriteError(f"{name} blev ikke skrevet helt og er ikke gemt (er disken fuld?){kept}.")


def remove_stale_temporaries(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove our own temporary files that a killed run left in `folder` (only ours, only old ones)."""
    removed = []
    limit = time.time() - older_than
    try:
        candidates = list(Path(folder).glob(f"{TEMPORARY_PREFIX}*{TEMPORARY_SUFFIX}"))
    except OSError:
        return removed
    for candidate in candidates:
        try:
            info = candidate.lstat()
            if candidate.is_file() and not candidate.is_symlink() and info.st_mtime < limit:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def _sync(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def check_name(path: Path) -> None:
    """WriteError for a file name longer than a file system takes (255 bytes), said before anything is tried."""
    size = len(os.fsencode(path.name))
    if size > NAME_MAX:
        raise WriteError(f"Filnavnet {path.name[:40]}… er for langt ({size} tegn; højst {NAME_MAX}).")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; if the block succeeds and the file it wrote is whole, it replaces `path`.

    On any error the temporary file is removed and an existing `path` is left as it was.
    """
    with atomic_paths([path]) as (temporary,):
        yield temporary


@contextmanager
def atomic_paths(paths: list[Path]) -> Iterator[list[Path]]:
    """atomic_path for files that belong together (a CSV and its explanation): every one is written and checked
    before any replaces its target, so a full disk leaves all of them as they were, never half a pair."""
    paths = [Path(path) for path in paths]
    for path in paths:
        check_name(path)
        check_folder(path.parent)
        remove_stale_temporaries(path.parent)
    temporaries: list[Path] = []
    try:
        for path in paths:
            try:
                # The name is cut short in the temporary's: a long (but valid) name must not make it too long.
                handle, temporary = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{path.name[:100]}-",
                                                     suffix=TEMPORARY_SUFFIX, dir=path.parent)
                os.close(handle)
            except OSError as exc:
                raise WriteError(f"Der kan ikke skrives i mappen {path.parent} ({os_reason(exc)}).") from None
            temporaries.append(Path(temporary))
        yield temporaries
        for path, temporary in zip(paths, temporaries):
            try:
                _sync(temporary)  # on the disk before the rename, so a power cut cannot leave an empty file there
                verify_written(temporary, path.name, replaces=path.exists())
                os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes files private; these are meant to be shared
            except OSError as exc:
                raise WriteError(f"{path.name} kunne ikke gemmes ({os_reason(exc)}).") from None
        for path, temporary in zip(paths, temporaries):
            try:
                os.replace(temporary, path)
            except OSError as exc:
                raise WriteError(f"{path.name} kunne ikke gemmes ({os_reason(exc)}).") from None
    except OSError as exc:  # from the block: what it wrote could not be written, so none of them is saved
        names = " og ".join(path.name for path in paths)
        raise WriteError(f"{names} kunne ikke gemmes ({os_reason(exc)}).") from None
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
    if os.name == "posix":  # the renames themselves are on the disk once the folders are synced
        for folder in {path.parent for path in paths}:
            try:
                _sync(folder)
            except OSError:  # some network file systems cannot sync a folder; the files themselves are already whole
                pass


def explanation_path(path: Path) -> Path:
    """A CSV dataset's optional companion file with columns, units and periods: "tal.csv" -> "tal.forklaring.csv"."""
    return path.with_name(f"{path.stem}.forklaring.csv")


def remember_copy(source: Path, folder: Path) -> Path:
    """Copy a user's file (and a CSV's explanation file) into `folder` atomically; returns the copy's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    companion = explanation_path(source)
    for original, copy in ((source, target), (companion, folder / companion.name)):
        if original.is_file() and original.resolve() != copy.resolve():
            with atomic_path(copy) as temporary:
                shutil.copyfile(original, temporary)
                if temporary.stat().st_size != original.stat().st_size:
                    raise WriteError(f"{copy.name} blev ikke kopieret helt (er disken fuld?).")
        elif not original.exists() and copy.is_file():
            # B/tal.csv has no explanation file: the one remembered with A/tal.csv must not lend B its periods.
            copy.unlink()
    return target

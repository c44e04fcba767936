"""Nothing replaced by a broken file: a short write (full disk) is caught before the rename, and reported.

The short write is made at the file system: a disk that fills up and does not say so keeps only the first part of a
file of ours by the time it is flushed (os.fsync), whatever wrote it.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from almen_gui.cli import main
from almen_gui.model.files import TEMPORARY_PREFIX
from synthetic import write_synthetic_csv

GLOSTRUP_PDF = "almene-boliger-glostrup-2024-fuld.pdf"  # an A4 PDF is the whole sheet by default
GLOSTRUP_PNG = "almene-boliger-glostrup-2024-kvadrat.png"


def _cut_short(path: Path) -> None:
    """What a full disk leaves: the first part of the file, and no error from the writer."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])


@pytest.fixture
def full_disk(monkeypatch):
    """Call with a part of a file name: from then on, each of our files whose name has it loses its last 40 % when
    it is flushed to the disk (SIMULATED: os.open and os.fsync are wrapped; nothing else changes)."""
    opened: dict[int, Path] = {}
    names: list[str] = []
    real_open, real_fsync = os.open, os.fsync

    def remembering_open(path, flags, *args, **kwargs):
        handle = real_open(path, flags, *args, **kwargs)
        opened[handle] = Path(path)
        return handle

    def losing_fsync(handle):
        path = opened.pop(handle, None)
        if (path is not None and path.is_file() and path.name.startswith(TEMPORARY_PREFIX)
                and any(name in path.name for name in names)):
            _cut_short(path)
        return real_fsync(handle)

    monkeypatch.setattr(os, "open", remembering_open)
    monkeypatch.setattr(os, "fsync", losing_fsync)
    return names.append


def test_a_short_pdf_write_leaves_the_good_pdf_and_fails(tmp_path, capsys, full_disk):
    assert main(["export", "Glostrup", "--format", "pdf", "--out", str(tmp_path)]) == 0
    good = (tmp_path / GLOSTRUP_PDF).read_bytes()
    assert len(PdfReader(tmp_path / GLOSTRUP_PDF).pages) == 2
    full_disk(".pdf")
    capsys.readouterr()
    assert main(["export", "Glostrup", "--format", "pdf", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "blev ikke skrevet helt" in err and "Skrev 0 faktaark" in err and "1 fejlede" in err
    assert "den tidligere fil af samme navn er uændret" in err
    assert (tmp_path / GLOSTRUP_PDF).read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == [GLOSTRUP_PDF]  # no temporary file left behind


def test_a_short_png_write_leaves_the_good_png_and_fails(tmp_path, capsys, full_disk):
    assert main(["export", "Glostrup", "--out", str(tmp_path), "--size", "kvadrat"]) == 0
    good = (tmp_path / GLOSTRUP_PNG).read_bytes()
    full_disk(".png")
    assert main(["export", "Glostrup", "--out", str(tmp_path), "--size", "kvadrat"]) == 1
    assert "blev ikke skrevet helt" in capsys.readouterr().err
    assert (tmp_path / GLOSTRUP_PNG).read_bytes() == good


def test_export_all_never_counts_a_short_file_as_written(tmp_path, capsys, full_disk):
    data = write_synthetic_csv(tmp_path / "syntetisk.csv", koder=[101, 161, 751])
    out = tmp_path / "ud"
    out.mkdir()
    full_disk("glostrup")
    assert main(["export", "--all", "--data", str(data), "--format", "pdf", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "Skrev 2 faktaark" in captured.err and "1 fejlede" in captured.err
    assert "blev ikke skrevet helt og er ikke gemt (er disken fuld?)." in captured.err  # there was no file to keep
    assert GLOSTRUP_PDF not in captured.out
    assert sorted(p.name for p in out.iterdir()) == ["almene-boliger-aarhus-2024-fuld.pdf",
                                                     "almene-boliger-koebenhavn-2024-fuld.pdf"]
    for path in out.iterdir():
        assert len(PdfReader(path).pages) == 2


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KB tmpfs: a really full disk. Needs root (mount)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("tmpfs cannot be mounted here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_leaves_the_good_pdf_in_place(tiny_disk, capsys):
    assert main(["export", "Glostrup", "--format", "pdf", "--out", str(tiny_disk)]) == 0
    good = (tiny_disk / GLOSTRUP_PDF).read_bytes()
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    (tiny_disk / "fyld").write_bytes(b"\0" * (free - len(good) // 2))  # room for half a PDF
    capsys.readouterr()
    assert main(["export", "Glostrup", "--format", "pdf", "--out", str(tiny_disk)]) == 1
    assert "er disken fuld" in capsys.readouterr().err
    assert (tiny_disk / GLOSTRUP_PDF).read_bytes() == good
    assert sorted(p.name for p in tiny_disk.iterdir()) == [GLOSTRUP_PDF, "fyld"]


def test_stale_temporary_files_of_our_own_are_cleaned_up(tmp_path):
    old = time.time() - 3600
    ours = tmp_path / f".almen-{GLOSTRUP_PNG}-k1ll3d.tmp"  # what `kill -9` during an export leaves
    fresh = tmp_path / f".almen-{GLOSTRUP_PNG}-busy.tmp"  # another export writing right now
    other = tmp_path / ".someone-else.tmp"
    for path in (ours, fresh, other):
        path.write_bytes(b"x")
    for path in (ours, other):
        os.utime(path, (old, old))
    assert main(["export", "Glostrup", "--out", str(tmp_path), "--size", "kvadrat"]) == 0
    assert not ours.exists()
    assert fresh.exists() and other.exists()


@pytest.mark.parametrize("refusal, says", [
    (errno.EROFS, "Der kan ikke skrives i mappen {folder} (drevet er skrivebeskyttet)."),  # a read-only mount
    (errno.ENOENT, "Der kan ikke oprettes filer i mappen {folder}."),  # /proc: the folder is there, its files are not
])
def test_a_folder_whose_file_system_refuses_files_is_one_danish_sentence_before_any_sheet(tmp_path, monkeypatch, capsys,
                                                                                          refusal, says):
    """A read-only or special file system passes the permission check and refuses each file (SIMULATED: os.open
    refuses files in the folder, as such a file system does): said once, in Danish, and nothing is made."""
    folder = tmp_path / "skrivebeskyttet"
    folder.mkdir()
    real_open = os.open

    def read_only_open(path, flags, *args, **kwargs):
        if Path(path).parent == folder and flags & os.O_CREAT:
            raise OSError(refusal, os.strerror(refusal))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    assert main(["export", "--all", "--allow-incomplete", "--out", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["almen: " + says.format(folder=folder)]
    assert list(folder.iterdir()) == []


def _fill(disk: Path, leave: int) -> None:
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "fyld").write_bytes(b"\0" * max(free - leave, 0))


def test_a_full_disk_leaves_no_half_template_pair(tiny_disk, capsys):
    first = tiny_disk / "tal.csv"
    assert main(["template", str(first)]) == 0
    good = {path.name: path.read_bytes() for path in tiny_disk.iterdir()}
    _fill(tiny_disk, len(good["tal.csv"]) + 1024)  # room for the figures, not for their explanation too
    capsys.readouterr()
    assert main(["template", str(first), "--force"]) == 2
    err = capsys.readouterr().err
    assert err == "almen: tal.csv og tal.forklaring.csv kunne ikke gemmes (der er ikke mere plads på disken).\n"
    assert {path.name: path.read_bytes() for path in tiny_disk.iterdir() if path.name != "fyld"} == good
    for path in tiny_disk.iterdir():
        path.unlink()
    _fill(tiny_disk, len(good["tal.csv"]) + 1024)
    assert main(["template", str(first)]) == 2  # a new pair: neither file is made
    assert sorted(path.name for path in tiny_disk.iterdir()) == ["fyld"]


def test_a_full_disk_under_a_workbook_template_is_one_sentence(tiny_disk):
    _fill(tiny_disk, 4096)
    done = subprocess.run([sys.executable, "-m", "almen_gui", "template", str(tiny_disk / "tal.xlsx")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "almen: tal.xlsx kunne ikke gemmes (der er ikke mere plads på disken).\n"  # no zip traceback
    assert sorted(path.name for path in tiny_disk.iterdir()) == ["fyld"]


@pytest.mark.parametrize("argv", [["template", "a" * 251 + ".xlsx"], ["template", "a" * 251 + ".csv"],
                                  ["table", "--out", "a" * 256 + ".csv"], ["export", "Glostrup", "--out", "a" * 256]],
                         ids=["template-xlsx", "template-csv", "table", "export-folder"])
def test_a_name_too_long_for_any_file_system_is_one_sentence(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("almen: ") and "er for lang" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []

"""A hostile Statistikbank and a broken cache, through `almen fetch` and `almen show`: every crafted answer from the
local server (tests/dst_server.py) is refused with one Danish sentence and the previous cache stays byte for byte; a
cache that fails its checks, or is no regular file, is set aside and the figures of the dataset are shown as before."""

import json
import os
import subprocess
import sys

import pytest
from dst_server import HOSTILE_CASES, HOSTILE_IDS, bank  # noqa: F401  (bank is a fixture)

from almen_gui.cli import main
from almen_gui.model.dst_cache import cache_path


def _fetched(capsys) -> bytes:
    assert main(["fetch"]) == 0
    capsys.readouterr()
    return cache_path().read_bytes()


def _one_sentence(err: str, words: str) -> None:
    assert err.count("\n") == 1 and err.startswith("almen: ") and "Traceback" not in err
    assert words in err, err


@pytest.mark.parametrize("faults, words", HOSTILE_CASES, ids=HOSTILE_IDS)
def test_a_hostile_answer_is_refused_in_one_sentence_and_the_cache_stays(bank, capsys, faults, words):
    before = _fetched(capsys)
    bank.fail(*faults)
    assert main(["fetch"]) == 1
    captured = capsys.readouterr()
    _one_sentence(captured.err, words)
    assert captured.err.endswith("de tal, der blev hentet tidligere, er uændrede.\n")
    assert cache_path().read_bytes() == before
    assert main(["show", "Aarhus"]) == 0  # the good figures are still there to show
    assert "Danmarks Statistik (hentet" in capsys.readouterr().out


def test_a_stalled_server_is_given_up_at_the_deadline_set_on_the_command_line(bank, capsys, monkeypatch):
    from almen_gui.model import statbank

    monkeypatch.setattr(statbank, "READ_TIMEOUT", 30.0)  # only the deadline can end this stall soon
    before = _fetched(capsys)
    bank.fail(None, "stall", "stall")
    assert main(["fetch", "--frist", "1"]) == 1
    _one_sentence(capsys.readouterr().err, "blev ikke færdig inden for fristen på 1 sekunder (ved BOL101)")
    assert cache_path().read_bytes() == before


def test_a_server_dripping_a_byte_a_second_is_given_up_at_the_deadline_from_the_environment(bank, capsys,
                                                                                            monkeypatch):
    from almen_gui.model import statbank

    monkeypatch.setattr(statbank, "READ_TIMEOUT", 30.0)  # a byte a second never trips a read timeout
    monkeypatch.setenv("ALMEN_DST_FRIST", "2")
    bank.fail(None, "drip")
    assert main(["fetch"]) == 1
    _one_sentence(capsys.readouterr().err, "inden for fristen på 2 sekunder (ved BOL101)")
    assert not cache_path().exists()


@pytest.mark.parametrize("argv, env, words, code", [
    (["fetch", "--frist", "nul"], None, "--frist skal være et antal sekunder mellem 1 og 3600, ikke 'nul'", 2),
    (["fetch", "--frist=-5"], None, "--frist skal være et antal sekunder", 2),
    (["fetch"], "uendelig", "ALMEN_DST_FRIST skal være et antal sekunder", 1),
])
def test_a_deadline_that_is_no_use_is_one_sentence(capsys, monkeypatch, argv, env, words, code):
    if env:
        monkeypatch.setenv("ALMEN_DST_FRIST", env)
    assert main(argv) == code
    _one_sentence(capsys.readouterr().err, words)
    assert not cache_path().exists()


def test_while_waiting_the_command_line_says_which_try_it_is_on(bank, capsys, monkeypatch):
    from almen_gui.model import statbank

    monkeypatch.setattr(statbank, "RETRIES", 3)
    bank.fail("500", "500")
    assert main(["fetch"]) == 0
    out = capsys.readouterr().out
    assert "venter på Danmarks Statistik (BOL101) … forsøg 2 af 4" in out
    assert "venter på Danmarks Statistik (BOL101) … forsøg 3 af 4" in out


def test_a_password_in_the_address_is_refused_and_never_printed_nor_stored(bank, capsys, monkeypatch):
    monkeypatch.setenv("ALMEN_DST_URL", bank.url.replace("http://", "http://bruger:hemmelig@"))
    assert main(["fetch"]) == 1
    captured = capsys.readouterr()
    _one_sentence(captured.err, "ALMEN_DST_URL må ikke indeholde brugernavn eller adgangskode")
    assert "hemmelig" not in captured.out + captured.err
    assert not cache_path().exists() and not bank.requests


def _good_cache(capsys) -> dict:
    _fetched(capsys)
    return json.loads(cache_path().read_text(encoding="utf-8"))


def _write(document) -> None:
    cache_path().write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")


BAD_CACHES = {  # id -> (change to a good cache's document, or the text to write, and the reason given)
    "deep": (lambda d: "[" * 100_000 + "]" * 100_000, "filen er i stykker"),
    "fetched-at": (lambda d: {**d, "fetched_at": "i går"}, "tidspunktet for hentningen er ikke en dato"),
    "infinite": (lambda d: json.dumps(d).replace('"2026": 1784.0', '"2026": Infinity'),
                 "dst_almene_boliger har et tal, der ikke kan være et antal (751 2026)"),
    "huge-integer": (lambda d: json.dumps(d).replace('"2026": 1784.0', '"2026": 1' + "0" * 400), "filen er i stykker"),
    "no-series": (lambda d: {**d, "series": {}}, "målene er ikke de hentede"),
    "no-tables": (lambda d: {**d, "tables": {}}, "tabellerne passer ikke til målene"),
    "empty-measure": (lambda d: {**d, "series": {**d["series"], "dst_almene_boliger": {}}},
                      "dst_almene_boliger har ingen tal"),
    "bad-period": (lambda d: json.dumps(d).replace('"2026": 1784.0', '"20x6": 1784'),
                   "dst_almene_boliger har en ukendt periode (20x6)"),
    "year-9999": (lambda d: json.dumps(d).replace('"2026": 1784.0', '"9999": 1784'),
                  "dst_almene_boliger har en ukendt periode (9999)"),
    "text-value": (lambda d: json.dumps(d).replace('"2026": 1784.0', '"2026": "1784"'), "filen er i stykker"),
}


@pytest.mark.parametrize("case", list(BAD_CACHES))
def test_a_cache_that_fails_its_checks_is_set_aside_and_show_goes_on_without_it(bank, capsys, case):
    change, reason = BAD_CACHES[case]
    _write(change(_good_cache(capsys)))
    assert main(["show", "Glostrup"]) == 0
    captured = capsys.readouterr()
    assert "7.900" in captured.out and "Danmarks Statistik (hentet" not in captured.out  # BL's figures as before
    _one_sentence(captured.err, f"kan ikke bruges ({reason}) og er lagt til side som statbank.json.ugyldig-")
    assert not os.path.lexists(cache_path())
    assert [p.name.startswith("statbank.json.ugyldig-") for p in cache_path().parent.iterdir()] == [True]
    assert main(["show", "Glostrup"]) == 0  # set aside once: the next run is quiet
    assert capsys.readouterr().err == ""


def _folder():
    cache_path().mkdir()


def _fifo():
    os.mkfifo(cache_path())


def _link_to_dev_zero():
    cache_path().symlink_to("/dev/zero")


def _link_loop():
    cache_path().symlink_to(cache_path())


@pytest.mark.parametrize("make, reason", [
    (_folder, "er en mappe, ikke en fil"),
    (_fifo, "er ikke en almindelig fil, men fx en pipe eller en enhed, og læses ikke"),
    (_link_to_dev_zero, "er ikke en almindelig fil, men fx en pipe eller en enhed, og læses ikke"),
    (_link_loop, "er en genvej, der peger i ring"),
], ids=["folder", "fifo", "dev-zero", "link-loop"])
def test_a_cache_that_is_no_regular_file_is_set_aside_with_one_sentence(capsys, make, reason):
    cache_path().parent.mkdir(parents=True)
    make()
    # In a subprocess: a FIFO opened for reading, or /dev/zero read to its end, would hang this test for ever.
    done = subprocess.run([sys.executable, "-m", "almen_gui", "show", "Glostrup"], capture_output=True, text=True,
                          timeout=60, env=os.environ)
    assert done.returncode == 0 and "7.900" in done.stdout
    _one_sentence(done.stderr, f"kan ikke bruges ({reason}) og er lagt til side som statbank.json.ugyldig-")
    assert not os.path.lexists(cache_path())
    assert os.path.lexists("/dev/zero")  # a link is renamed itself, never what it points to

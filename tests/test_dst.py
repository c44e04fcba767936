"""Danmarks Statistik's figures in the model layer: the client against a local server in DST's formats (synthetic
numbers), the yearly series, the tidy table, the cache, and the measures' metadata."""

import json
import math
import subprocess
import sys
import threading

import pytest
from dst_server import (  # noqa: F401  (bank is a fixture)
    REAL_ZERO_STARTED,
    UNPUBLISHED_ALMENE,
    UNPUBLISHED_STARTED,
    bank,
    expected_almene,
    expected_share,
    expected_started,
)

from almen_gui.model import load_kommuner
from almen_gui.model.dst import ALMENE, ANDEL, BEBOERE, PAABEGYNDT
from almen_gui.model.dst_cache import DstCacheError, cache_path, load_dst_cache, update_dst_cache
from almen_gui.model.metadata import load_metadata
from almen_gui.model.statbank import (
    DEFAULT_URL,
    FetchCancelled,
    StatbankClient,
    StatbankError,
    Unreachable,
    base_url,
    parse_csv,
)


def _fetch(cancel=None):
    with StatbankClient(cancel=cancel) as client:
        return update_dst_cache(client, load_kommuner())


def test_base_url_is_dsts_unless_overridden(monkeypatch):
    monkeypatch.delenv("ALMEN_DST_URL", raising=False)
    assert base_url() == DEFAULT_URL == "https://api.statbank.dk/v1"
    monkeypatch.setenv("ALMEN_DST_URL", "http://spejl.example/v1/")
    assert base_url() == "http://spejl.example/v1"


def test_csv_in_dsts_bytes_is_read_and_dotdot_is_not_zero():
    body = b"\xef\xbb\xbfOMR\xc3\x85DE;TID;INDHOLD\r\n101;2024;1234\r\n147;2024;..\r\n"
    answer = parse_csv(body, "BOL101", ["OMRÅDE", "Tid"])
    assert answer.columns == ("OMRÅDE", "TID", "INDHOLD")
    assert [row["INDHOLD"] for row in answer.rows] == ["1234", ".."]


@pytest.mark.parametrize("body, message", [
    (b"", "tomt svar"),
    (b"<html><body>Log ind</body></html>", "webside"),
    (b"\xef\xbb\xbfOMR\xc3\x85DE;INDHOLD\r\n101;5\r\n", "ventede kolonner"),
    (b"\xef\xbb\xbfOMR\xc3\x85DE;TID;INDHOLD\r\n101;2024\r\n", "i stykker"),
    (b"\xef\xbb\xbfOMR\xc3\x85DE;TID;INDHOLD\r\n101;2024;mange\r\n", "ikke er et tal"),
])
def test_csv_of_the_wrong_shape_is_refused(body, message):
    with pytest.raises(StatbankError, match=message):
        parse_csv(body, "BOL101", ["OMRÅDE", "Tid"])


def test_fetch_builds_yearly_series_for_98_kommuner_regions_and_country(bank):
    figures, _ = _fetch()
    assert figures.areas("kommune") == {str(k.kode) for k in load_kommuner()}
    assert figures.areas("region") == {"081", "082", "083", "084", "085"}
    assert figures.areas("land") == {"000"}
    assert "411" not in figures.series[ALMENE] and "04" not in figures.series[ALMENE]  # Christiansø, a province
    assert figures.periods(ALMENE) == [str(y) for y in (*range(2010, 2021), 2023, 2024, 2025, 2026)]
    assert figures.latest(ALMENE, 751) == ("2026", expected_almene("751", 2026))
    assert figures.value(ANDEL, 751, "2026") == pytest.approx(expected_share("751", 2026))
    assert figures.latest(ALMENE, int(UNPUBLISHED_ALMENE[0])) == ("2026", None)  # `..`, not 0
    assert any("Christiansø" in note for note in figures.notes)
    assert figures.tables["BOL101"].updated == "2026-04-08T08:00:00"
    assert "2021 and 2022 are closed" in figures.tables["BOL101"].footnotes[0]


def test_started_construction_counts_only_complete_years(bank):
    figures, _ = _fetch()
    periods = figures.periods(PAABEGYNDT)
    assert periods[0] == "2006" and periods[-1] == "2025"  # 2026 has two quarters only: left out, and said so
    assert any("2026 (2 af 4 kvartaler) er ikke talt med" in note for note in figures.notes)
    assert figures.value(PAABEGYNDT, 751, "2025") == expected_started("751")
    assert figures.value(PAABEGYNDT, int(REAL_ZERO_STARTED), "2025") == 0  # a real 0 stays 0
    assert figures.value(PAABEGYNDT, int(UNPUBLISHED_STARTED), "2025") is None  # `..` quarters: ikke oplyst


def test_tidy_table_serves_region_and_national_aggregates(bank):
    figures, _ = _fetch()
    tidy = figures.tidy(load_kommuner())
    assert list(tidy.columns) == ["kode", "navn", "niveau", "maal", "periode", "vaerdi"]
    latest = tidy[(tidy.maal == ALMENE) & (tidy.periode == "2026")]
    assert set(latest.niveau.value_counts().items()) == {("kommune", 98), ("region", 5), ("land", 1)}
    aarhus = latest[latest.navn == "Aarhus"].vaerdi.item()
    assert aarhus == expected_almene("751", 2026)
    assert math.isnan(latest[latest.kode == UNPUBLISHED_ALMENE[0]].vaerdi.item())
    # Region and country figures are DST's own published rows, not sums of the kommuner.
    pivot = tidy[tidy.niveau != "kommune"].pivot_table(index="kode", columns=["maal", "periode"], values="vaerdi")
    assert pivot.loc["082", (ALMENE, "2026")] == expected_almene("082", 2026)
    assert pivot.loc["000", (ALMENE, "2010")] == expected_almene("000", 2010)


def test_history_of_a_kommune_its_region_and_the_country_keeps_the_closed_years_out(bank):
    figures, _ = _fetch()
    history = figures.history(load_kommuner(), 751, ALMENE)
    assert list(history.columns) == ["Aarhus", "Region Midtjylland", "Hele landet"]
    assert "2021" not in history.index and "2022" not in history.index
    assert list(history.index[:2]) == ["2010", "2011"] and history.index[-1] == "2026"
    assert history.loc["2024", "Aarhus"] == expected_almene("751", 2024)
    assert history.loc["2024", "Region Midtjylland"] == expected_almene("082", 2024)
    assert history.loc["2024", "Hele landet"] == expected_almene("000", 2024)


@pytest.mark.parametrize("mode, present", [("missing", False), ("unexpected", False), ("ok", True)])
def test_optional_bol201_is_read_only_when_it_has_the_expected_variables(bank, mode, present):
    bank.bol201 = mode
    figures, _ = _fetch()
    assert figures.has(BEBOERE) is present
    skipped = [note for note in figures.notes if note.startswith("BOL201 er sprunget over")]
    assert bool(skipped) is not present
    if mode == "unexpected":
        assert "ALDER" in skipped[0]


def test_the_cache_holds_fetch_time_updated_times_and_footnotes(bank):
    figures, path = _fetch()
    assert path == cache_path() and path.parent.name == "danmarks-statistik"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["fetched_at"] == figures.fetched_at
    assert document["tables"]["BYGV33"]["updated"] == "2026-08-14T08:00:00"
    assert "1½ year" in document["tables"]["BYGV33"]["footnotes"][0]
    again = load_dst_cache()
    assert again.series == figures.series and again.tables == figures.tables and again.notes == figures.notes


def test_no_cache_is_none_and_a_damaged_one_is_said_plainly(tmp_path):
    assert load_dst_cache() is None
    broken = tmp_path / "statbank.json"
    broken.write_text('{"format": 1, "series": [', encoding="utf-8")
    with pytest.raises(DstCacheError, match=r"kan ikke bruges \(filen er i stykker\) og er lagt til side som "
                                             r"statbank\.json\.ugyldig-"):
        load_dst_cache(broken)
    assert not broken.exists() and len(list(tmp_path.glob("statbank.json.ugyldig-*"))) == 1


def _assert_cache_unchanged(before: bytes) -> None:
    assert cache_path().read_bytes() == before
    assert [p.name for p in cache_path().parent.iterdir()] == ["statbank.json"]  # no temporary file left


# Each fault: on the first request, and later on (after BOL101 came through), the earlier cache stays byte for byte.
@pytest.mark.parametrize("skip", [0, 4])
@pytest.mark.parametrize("fault, error, message", [
    ("portal", StatbankError, "webside"),
    ("empty", StatbankError, "tomt svar"),
    ("400", StatbankError, "afviste forespørgslen.*ugyldig"),
    ("500", Unreachable, "fejl 500.*efter 2 forsøg"),
    ("stall", Unreachable, "svarede ikke i tide"),
])
def test_a_fault_keeps_the_previous_cache(bank, skip, fault, error, message):
    _fetch()
    before = cache_path().read_bytes()
    bank.fail(*[None] * skip, fault, fault)  # twice: the retry meets it too
    with pytest.raises(error, match=message):
        _fetch()
    _assert_cache_unchanged(before)


def test_an_answer_trickling_in_past_the_deadline_is_stopped(bank, monkeypatch):
    _fetch()
    before = cache_path().read_bytes()
    monkeypatch.setenv("ALMEN_DST_FRIST", "0,5")
    bank.fail(None, "trickle", "trickle")
    with pytest.raises(Unreachable, match="ikke færdig inden for fristen på 0,5 sekunder \\(ved BOL101\\)"):
        _fetch()
    _assert_cache_unchanged(before)


def test_a_500_then_success_is_retried(bank):
    bank.fail("500")
    figures, _ = _fetch()
    assert figures.latest(ALMENE, 751)[1] == expected_almene("751", 2026)
    assert bank.requests[0].startswith("tableinfo BOL101") and bank.requests[1].startswith("tableinfo BOL101")


def test_no_server_is_unreachable(monkeypatch, bank):
    monkeypatch.setenv("ALMEN_DST_URL", "http://127.0.0.1:9/v1")  # the discard port: nothing listens
    with pytest.raises(Unreachable, match="kunne ikke nås"):
        _fetch()
    assert not cache_path().exists()


def test_cancel_stops_the_fetch_and_writes_nothing(bank):
    _fetch()
    before = cache_path().read_bytes()
    cancel = threading.Event()
    bank.on_request = lambda table: cancel.set() if table == "BYGV33" else None
    with pytest.raises(FetchCancelled):
        _fetch(cancel=cancel)
    _assert_cache_unchanged(before)


def test_cancel_ends_a_back_off_pause(bank, monkeypatch):
    from almen_gui.model import statbank

    monkeypatch.setattr(statbank, "BACKOFF", 30.0)  # a cancel must not wait for this
    cancel = threading.Event()
    bank.fail("500")
    bank.on_request = lambda table: cancel.set()
    with pytest.raises(FetchCancelled):
        _fetch(cancel=cancel)
    assert not cache_path().exists()


def test_the_systems_proxy_is_honoured(bank, monkeypatch):
    # The local server plays the proxy: requests for an unresolvable host reach it only through HTTP_PROXY.
    monkeypatch.setenv("ALMEN_DST_URL", "http://dst.invalid/v1")
    monkeypatch.setenv("HTTP_PROXY", bank.url.removesuffix("/v1"))
    figures, _ = _fetch()
    assert figures.latest(ALMENE, 751)[1] == expected_almene("751", 2026)
    assert all("http://dst.invalid/v1/" in request for request in bank.requests)


def test_dst_measures_are_described_once_in_the_metadata():
    family = load_metadata().dst
    assert family.credit == "Kilde: Danmarks Statistik"
    titles = {m.name: m.title for m in family.measures}
    assert titles[ALMENE] == "Boliger ejet af almene boligselskaber"
    assert titles[ANDEL] == "Almen andel af alle boliger"
    assert titles[PAABEGYNDT] == "Påbegyndte almene boliger"
    for measure in family.measures:
        assert measure.source == f"Danmarks Statistik, {measure.table}"
        assert measure.licence == "CC BY 4.0"
        assert measure.unit and measure.period and measure.description
    assert [m.order for m in family.measures] == sorted(m.order for m in family.measures)
    bl_names = set(load_metadata().figure_names)
    assert not bl_names & set(titles)  # never one family's name for the other's figure


def test_the_dst_modules_load_neither_qt_nor_pandas():
    code = ("import almen_gui.model.dst_cache, almen_gui.model.statbank, almen_gui.model.figures_table, sys\n"
            "print('\\n'.join(sys.modules))")
    modules = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert not {m for m in modules if m.startswith(("PySide6", "pyqtgraph", "pandas"))}

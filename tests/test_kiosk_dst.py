"""The kiosk on Danmarks Statistik's figures (SYNTHETIC numbers from the local stand-in server): the kommuner and pages
it offers with a cache, that every sentence reads right, and the daily re-fetch with `dst_opdatering = dagligt`."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest
from dst_server import UNPUBLISHED_ALMENE, UNPUBLISHED_STARTED, bank, expected_almene  # noqa: F401 (bank: fixture)
from PySide6.QtWidgets import QApplication, QMessageBox
from qt_helpers import drawn_texts
from test_kiosk import CHORD, FakeClock, click, kiosk, kiosk_on_screen, page_texts  # noqa: F401 (kiosk: fixture)

from almen_gui.factsheet.build import build_spec
from almen_gui.model import load_bundled_dataset, load_kommuner
from almen_gui.model.dst import ALMENE, PAABEGYNDT
from almen_gui.model.dst_cache import cache_path, save_dst_cache, update_dst_cache
from almen_gui.model.formatting import MISSING, format_number
from almen_gui.model.statbank import StatbankClient
from almen_gui.qt.kiosk.config import load_kiosk_config
from almen_gui.qt.common.state import AppState
from almen_gui.qt.kiosk.pages import KioskPages
from almen_gui.qt.loading.dst_figures import DAY

AARHUS, GLOSTRUP = 751, 161
DST_PAGES = ("dst", "dst_sammenligning")


@pytest.fixture
def dst_cache(bank):  # noqa: F811 (the fixture above)
    """Fetch the local server's synthetic figures into the (temporary) app-data cache."""
    with StatbankClient() as client:
        figures, _ = update_dst_cache(client, load_kommuner())
    return figures


def test_every_dst_sentence_reads_right_for_every_kommune_it_offers(dst_cache, request):
    bundled = load_bundled_dataset()
    state = AppState(bundled)
    state.set_dst(dst_cache)
    pages = KioskPages(state)
    request.addfinalizer(pages.close)  # its offscreen plots are freed by Qt now, not by a later garbage collection
    offered = pages.offered()
    assert len(offered) == 98
    fanoe, laesoe = int(UNPUBLISHED_ALMENE[0]), int(UNPUBLISHED_STARTED)
    for kode in offered:
        shown = pages.pages_for(kode)
        assert "dst" in shown
        # Fanø's latest count is `..`: it cannot be ranked by it, so it gets no comparison page on it
        assert ("dst_sammenligning" in shown) == (kode != fanoe)
        # every kommune's DST pages; the BL pages and the map too for Glostrup (both families) and the odd ones
        for page in shown if kode in (GLOSTRUP, AARHUS, fanoe, laesoe) else [p for p in shown if p in DST_PAGES]:
            texts = page_texts(pages, kode, page)
            for text in texts:
                if MISSING in text:  # only a tile's own value may say it, never a sentence or a caption
                    assert text == MISSING and page == "dst", (kode, page, text)
            joined = " | ".join(texts)
            if page in (*DST_PAGES, "kort"):  # the map is coloured by DST's share
                # DST's source line; BL is named only to tell the two counts apart, never as the source
                assert "Kilde: Danmarks Statistik, BOL101" in joined and "Kilde til kommunens tal" not in joined
            else:  # BL's pages never carry DST's figures or source
                assert "Danmarks Statistik, BOL101" not in joined and "Boliger ejet af" not in joined
            if page == "dst_sammenligning":
                assert " af 97 kommuner med tallet" in joined  # 98 kommuner, Fanø's figure not published
    # the map coloured by DST's share: its legend under DST's name and year, Fanø's `..` share counted as ikke oplyst
    legend = [text.strip() for text in drawn_texts(lambda painter: pages.paint(painter, AARHUS, "kort", 960, 540))]
    assert "Almen andel af alle boliger (2026)" in " ".join(legend) and f"{MISSING} (1)" in legend
    # the share is almen-gui's computation on DST's counts, and the legend says so
    assert "Kilde: almen-guis beregning af Danmarks Statistiks BOL101" in " ".join(legend)
    assert MISSING in page_texts(pages, laesoe, "dst")  # started construction `..`: a tile saying so
    # named, not continued; 2025 is within DST's latest 1½ years: foreløbig
    assert "Påbegyndte almene boliger (2025, foreløbig)" in [" ".join(t.split()) for t in page_texts(pages, laesoe,
                                                                                                     "dst")]
    assert "0" in page_texts(pages, GLOSTRUP, "dst")  # Glostrup's started construction is a real 0
    # Fanø's latest count is `..`: its page tells the last published year's, as its sheet does, never a filled one
    fanoe_texts = [" ".join(text.split()) for text in page_texts(pages, fanoe, "dst")]  # a date is set unbroken
    assert MISSING not in fanoe_texts and any("(1. januar 2025)" in text for text in fanoe_texts)
    aarhus = page_texts(pages, AARHUS, "dst")
    assert format_number(dst_cache.latest(ALMENE, AARHUS)[1]) in aarhus
    # BL's pages stay BL's: Glostrup keeps all of them, Aarhus (no BL figures) has none of them
    assert {"oversigt", "boliger"} <= set(pages.pages_for(GLOSTRUP))  # one BL kommune: no BL comparison
    assert not {"oversigt", "boliger", "oekonomi", "sammenligning"} & set(pages.pages_for(AARHUS))


@pytest.mark.parametrize("kode", [AARHUS, int(UNPUBLISHED_STARTED), int(UNPUBLISHED_ALMENE[0])])
def test_the_kiosks_dst_page_says_what_the_kommunes_dst_sheet_says(dst_cache, request, kode):
    """One spec builder for both: the page shows the sheet's figure, statements, headline and source line, word for
    word (Aarhus, Læsø with its unpublished construction, Fanø with its unpublished latest count)."""
    bundled = load_bundled_dataset()
    state = AppState(bundled)
    state.set_dst(dst_cache)
    pages = KioskPages(state)
    request.addfinalizer(pages.close)
    sheet = build_spec(bundled, kode, dst=dst_cache)
    assert sheet.dst_based
    shown = {" ".join(text.split()) for text in page_texts(pages, kode, "dst")}  # a headline is set on its lines
    said = [sheet.overline, sheet.headline, sheet.residents.value, sheet.residents.caption, sheet.national,
            *(text for tile in sheet.tiles for text in (tile.value, tile.caption)), sheet.source_line]
    assert [text for text in said if text not in shown] == []
    assert [s.caption for s in sheet.full.sections[0].statements] == [t.caption for t in sheet.tiles[:2]]


def test_with_a_cache_the_kiosk_offers_every_kommune_with_dst_figures(qtbot, kiosk, dst_cache):  # noqa: F811
    window, controller = kiosk(dataset=load_bundled_dataset(), kommuner=[])
    assert window.picker_list.count() == 98
    labels = set()
    for _ in range(8):
        labels.add(window.page_label.text().split(" · ")[0])
        click(qtbot, window.next_button)
    assert "Danmarks Statistik" in labels
    click(qtbot, window.pick_button)
    items = [window.picker_list.item(i) for i in range(window.picker_list.count())]
    aarhus = next(item for item in items if item.text() == "Aarhus")
    window.picker_list.itemClicked.emit(aarhus)
    assert controller.state.kode == AARHUS and window.page_label.text().startswith("Danmarks Statistik")


def _aged(figures, aarhus_value: float):
    """The same figures, but with a different (SYNTHETIC) latest count for Aarhus, so a re-fetch shows."""
    latest = figures.periods(ALMENE)[-1]
    series = {**figures.series, ALMENE: {**figures.series[ALMENE],
                                         "751": {**figures.series[ALMENE]["751"], latest: aarhus_value}}}
    return replace(figures, series=series)


def _start_daily_kiosk(kiosk, dst_cache, clock):  # noqa: F811
    save_dst_cache(_aged(dst_cache, 4242.0))
    window, controller = kiosk(dataset=load_bundled_dataset(), kommuner=["Aarhus"], clock=clock, dst_daily=True)
    assert "4.242" in page_texts(controller.pages, AARHUS, "dst")
    return window, controller


def test_the_daily_fetch_brings_new_figures_onto_the_pages(qtbot, kiosk, dst_cache):  # noqa: F811
    clock = FakeClock()
    window, controller = _start_daily_kiosk(kiosk, dst_cache, clock)
    qtbot.waitUntil(lambda: not controller.dst_fetch.is_running(), timeout=1000)
    assert controller.state.dst.latest(ALMENE, AARHUS)[1] == 4242  # fetched less than a day ago: not yet
    with qtbot.waitSignal(controller.state.dst_changed, timeout=20000):
        clock.now += DAY + 1
    texts = page_texts(controller.pages, AARHUS, "dst")
    assert format_number(expected_almene("751", 2026)) in texts and "4.242" not in texts
    assert '"4242.0"' not in cache_path().read_text(encoding="utf-8")


def test_the_daily_fetch_of_a_kiosk_started_from_the_window_reaches_the_window(qtbot, tmp_path, bank):  # noqa: F811
    from qt_helpers import make_window

    config = tmp_path / "config"
    config.mkdir()
    (config / "kiosk.ini").write_text("[kiosk]\ndst_opdatering = dagligt\nsekunder_pr_side = 600\n", encoding="utf-8")
    window = make_window(qtbot, tmp_path / "s.ini", kode=AARHUS)
    window.menus.actions["kiosk"].trigger()
    kiosk_window = kiosk_on_screen()
    qtbot.addWidget(kiosk_window)
    assert window.state.dst is None  # nothing fetched or cached yet: the kiosk fetches at once
    qtbot.waitUntil(lambda: window.state.dst is not None, timeout=20000)
    assert window.state.dst.latest(ALMENE, AARHUS)[1] == expected_almene("751", 2026)
    qtbot.waitUntil(kiosk_window.isActiveWindow)  # in front, taking the keys
    with qtbot.waitSignal(kiosk_window.exit_requested, timeout=1000):
        qtbot.keyClick(kiosk_window, *CHORD)
    assert window.isVisible() and window.state.kode == AARHUS
    assert window.dst_label.isVisible() and window.dst_label.text().startswith("Danmarks Statistiks tal hentet")


@pytest.mark.parametrize("faults", [["500"] * 10, ["portal"] * 10, ["info-deep"], [None, "value-inf"],
                                    [None, "rows-twice"], [None, "gzip-gzip"]],
                         ids=["500", "portal", "info-deep", "value-inf", "rows-twice", "gzip-gzip"])
def test_a_failed_daily_fetch_keeps_the_figures_and_the_cache_and_only_logs(qtbot, kiosk, dst_cache, bank, caplog,
                                                                            faults):  # noqa: F811
    clock = FakeClock()
    window, controller = _start_daily_kiosk(kiosk, dst_cache, clock)
    before = cache_path().read_bytes()
    bank.fail(*faults)
    with caplog.at_level(logging.WARNING):
        clock.now += DAY + 1
        qtbot.waitUntil(lambda: "kunne ikke hente Danmarks Statistiks tal" in caplog.text, timeout=20000)
    qtbot.waitUntil(lambda: not controller.dst_fetch.is_running(), timeout=5000)
    assert cache_path().read_bytes() == before
    assert "4.242" in page_texts(controller.pages, AARHUS, "dst")
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    click(qtbot, window.next_button)  # the kiosk goes on
    assert window.page_label.text()


@pytest.mark.parametrize("content", ["{ikke json", '{"format": 1, "fetched_at": "i går"}', "[" * 100_000],
                         ids=["not-json", "fetched-at", "deep"])
def test_a_damaged_cache_is_logged_with_how_to_fetch_again_and_bls_figures_shown(qtbot, kiosk, caplog,  # noqa: F811
                                                                                 content):
    cache_path().parent.mkdir(parents=True)
    cache_path().write_text(content, encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        window, controller = kiosk(dataset=load_bundled_dataset(), kommuner=[])
    assert "kan ikke bruges" in caplog.text and "«almen fetch»" in caplog.text  # the staff read the log
    assert "lagt til side" in caplog.text and not cache_path().exists()  # the next start is clean
    assert controller.pages.dst is None and controller.pages.offered() == [GLOSTRUP]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_cache_with_valid_json_but_a_bad_date_no_longer_breaks_the_daily_fetch(qtbot, kiosk, dst_cache,  # noqa: F811
                                                                                  caplog):
    document = json.loads(cache_path().read_text(encoding="utf-8"))
    cache_path().write_text(json.dumps({**document, "fetched_at": "2026-13-45"}), encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        window, controller = kiosk(dataset=load_bundled_dataset(), kommuner=["Aarhus"], clock=FakeClock(),
                                   dst_daily=True)
    assert "tidspunktet for hentningen er ikke en dato" in caplog.text and "Traceback" not in caplog.text
    assert controller.pages.dst is None
    click(qtbot, window.next_button)
    assert window.page_label.text()


def test_dst_opdatering_in_kiosk_ini(tmp_path):
    path = tmp_path / "kiosk.ini"
    path.write_text("[kiosk]\ndst_opdatering = Dagligt\n", encoding="utf-8")
    assert load_kiosk_config(path).dst_daily
    path.write_text("[kiosk]\ndst_opdatering = aldrig\n", encoding="utf-8")
    assert not load_kiosk_config(path).dst_daily


BL_HEADING = ("FAKTAARK", "ALMENE HJEM FOR MANGE", "Kilde til kommunens tal", "BL's egne beregninger")


def _page(pages, kode: int, page: str) -> str:
    return " ".join(" ".join(text.split()) for text in page_texts(pages, kode, page))


@pytest.mark.parametrize("kode", [AARHUS, int(UNPUBLISHED_STARTED)])
def test_a_kommune_without_bls_figures_never_shows_bls_headline_edition_or_source(dst_cache, request, kode):
    """Aarhus and Læsø have DST's figures only: every page of their loop, as drawn, is DST's or the nation's."""
    bundled = load_bundled_dataset()
    state = AppState(bundled)
    state.set_dst(dst_cache)
    pages = KioskPages(state)
    request.addfinalizer(pages.close)
    shown = pages.pages_for(kode)
    assert {"dst", "vidste_du", "kort"} <= set(shown)
    for page in shown:
        text = _page(pages, kode, page)
        assert [bl for bl in BL_HEADING if bl in text] == [], (page, text)
    facts = _page(pages, kode, "vidste_du")
    assert "TAL FOR HELE LANDET" in facts and "ALMENE BOLIGER I DANMARK" in facts
    spec = build_spec(bundled, kode)
    told = [fact for fact in spec.facts if " ".join(fact.text[1:].split()[:6]) in facts]
    assert told  # the page tells national facts, each with its own source and year
    assert [fact for fact in told if f"{fact.note_number}) {fact.source}" not in facts] == []


def test_the_map_by_region_and_the_national_facts_carry_their_own_heading_for_every_kommune(request):
    """Without DST's figures the map is coloured by region: no kommune's figure, so no sheet's headline either."""
    pages = KioskPages(AppState(load_bundled_dataset()))
    request.addfinalizer(pages.close)
    for kode in (GLOSTRUP, AARHUS):
        kort = _page(pages, kode, "kort")
        assert "DANMARKS KOMMUNER" in kort and [bl for bl in BL_HEADING if bl in kort] == [], kort
        assert "Geodatastyrelsen" in kort  # the map's own source: the kommune data
        assert "TAL FOR HELE LANDET" in _page(pages, kode, "vidste_du")
    assert "FAKTAARK 2024 · GLOSTRUP KOMMUNE" in _page(pages, GLOSTRUP, "oversigt")  # BL's page stays BL's
def test_the_source_lines_are_readable_on_a_1366_by_768_screen(dst_cache, request):
    state = AppState(load_bundled_dataset())
    state.set_dst(dst_cache)
    pages = KioskPages(state)
    request.addfinalizer(pages.close)
    for kode, page in ((GLOSTRUP, "oversigt"), (GLOSTRUP, "vidste_du"), (GLOSTRUP, "kort"), (AARHUS, "dst")):
        texts = drawn_texts(lambda painter: pages.paint(painter, kode, page, 1366, 768), 1366, 768, sizes=True)
        sources = [(text, px) for text, px in texts
                   if text.startswith(("Kilde", "Kommunedata", "Hvert tal for hele landet"))]
        assert sources, (kode, page)
        assert all(px >= 15 for _, px in sources), (kode, page, sources)  # it was 12 px, as tall as 8 px capitals

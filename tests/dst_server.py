"""A local stand-in for Danmarks Statistik's Statistikbank API, for tests and `make bench`. No internet needed.

It answers in DST's exact formats (tableinfo JSON as DST served it for BOL101 and BYGV33; data as CSV with a UTF-8
BOM, `;`, CRLF, upper-cased ids, `TID`, `..` for unpublished cells, Christiansø, regions and provinces), but every
NUMBER IS SYNTHETIC: made by the formulas below, never real figures. As in DST's tables, a region is the sum of its
kommuner (Christiansø in Region Hovedstaden) and the whole country the sum of the regions. Faults can be queued: an
HTML captive portal, an empty body, DST's 400 JSON error, a 500, a stall, an answer trickling in a byte at a time (or dripping one a second), and
the hostile answers in HOSTILE (malformed table descriptions, a redirect loop, values no count can have, a period the
table does not list, every row twice, compression bombs).
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

HERE = Path(__file__).parent / "dst"
TABLEINFO = {table: json.loads((HERE / f"{table}.tableinfo.en.json").read_text(encoding="utf-8"))
             for table in ("BOL101", "BYGV33")}

# Synthetic quirks the tests look for: DST publishes `..` for these cells.
UNPUBLISHED_ALMENE = ("563", "2026")  # Fanø's latest count of almene dwellings
UNPUBLISHED_STARTED = "825"  # Læsø: started construction never published
REAL_ZERO_STARTED = "161"  # Glostrup: started construction is a real 0 in every quarter

BOL201_TABLEINFO = {  # a synthetic tableinfo in DST's shape, for the optional table
    "id": "BOL201", "text": "Personer i boliger (SYNTETISK)", "unit": "Antal", "updated": "2026-02-11T08:00:00",
    "footnote": {"text": "Syntetisk fodnote til testbrug.", "mandatory": True},
    "variables": [TABLEINFO["BOL101"]["variables"][0],
                  {"id": "EJER", "text": "ejerforhold", "elimination": True, "time": False,
                   "values": [{"id": "20", "text": "Almene boligselskaber"}, {"id": "10", "text": "Private"}]},
                  {"id": "Tid", "text": "tid", "elimination": False, "time": True,
                   "values": [{"id": str(y), "text": str(y)} for y in (2024, 2025, 2026)]}],
}
BOL201_UNEXPECTED = {**BOL201_TABLEINFO, "variables": [
    *BOL201_TABLEINFO["variables"],
    {"id": "ALDER", "text": "alder", "elimination": False, "time": False, "values": [{"id": "0", "text": "0 år"}]}]}


@functools.cache
def _members() -> dict[str, list[str]]:
    """Region and country code -> the kommuner (and Christiansø) DST sums them over."""
    from almen_gui.model import load_kommuner

    members: dict[str, list[str]] = {}
    for kommune in load_kommuner():
        members.setdefault(f"{kommune.regionskode - 1000:03d}", []).append(f"{kommune.kode:03d}")
    members["084"].append("411")
    members["000"] = [code for region in list(members.values()) for code in region]
    return members


def _parts(area: str) -> list[str]:
    return _members().get(area, [area])


def synthetic_almene(area: str, year: int, bebo: str) -> int:
    return 1000 + int(area) + (year - 2000) if bebo == "1000" else 7


def synthetic_all(area: str, year: int, bebo: str) -> int:
    return 10000 + 10 * int(area) if bebo == "1000" else 3


def synthetic_started(area: str, quarter: int) -> int:
    return 0 if area == REAL_ZERO_STARTED else quarter + int(area) % 5


def expected_almene(area: str, year: int) -> int:
    return sum(synthetic_almene(part, year, bebo) for part in _parts(area) for bebo in ("1000", "2000"))


def expected_share(area: str, year: int) -> float:
    every = sum(synthetic_all(part, year, bebo) for part in _parts(area) for bebo in ("1000", "2000"))
    return 100 * expected_almene(area, year) / every


def expected_started(area: str) -> int:
    return sum(synthetic_started(part, q) for part in _parts(area) for q in (1, 2, 3, 4))


def _synthetic(table: str, cell: dict[str, str]) -> int:
    area, period = cell["OMRÅDE"], cell["TID"]
    if table == "BOL101":
        if cell.get("EJER") == "20":
            return synthetic_almene(area, int(period), cell["BEBO"])
        if "EJER" in cell:
            return 5
        return synthetic_all(area, int(period), cell["BEBO"])
    if table == "BYGV33":
        return synthetic_started(area, int(period[-1]))
    return 2 * int(area) + int(period) - 2000  # BOL201


def _cell(table: str, cell: dict[str, str], own=None) -> str:
    """The cell's value; `own(table, cell)` gives a test's own value for a cell (None: the synthetic one), and a
    region or the country stays the sum of its kommuner, those values included."""
    area, period = cell["OMRÅDE"], cell["TID"]
    if area in _members():  # DST publishes the sum, also where a kommune's own figure is `..`
        total = 0.0
        for part in _members()[area]:
            part_cell = {**cell, "OMRÅDE": part}
            mine = own(table, part_cell) if own else None
            total += float(mine) if mine not in (None, "..") else _synthetic(table, part_cell)
        return str(int(total)) if total.is_integer() else str(total)
    if table == "BOL101" and cell.get("EJER") == "20" and (area, period) == UNPUBLISHED_ALMENE:
        return ".."
    if table == "BYGV33" and area == UNPUBLISHED_STARTED:
        return ".."
    return str(_synthetic(table, cell))


BOMB_BYTES = 256 * 1024 * 1024  # four times the size cap


def bomb(layers: int, byte: bytes = b"0") -> bytes:
    """BOMB_BYTES of one byte gzipped once (260 kB) or twice (1 kB; two layers can hold gigabytes); made once."""
    return _bomb(layers, byte)


@functools.cache
def _bomb(layers: int, byte: bytes) -> bytes:
    if layers > 1:
        return gzip.compress(_bomb(layers - 1, byte), 9)
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = byte * (1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(BOMB_BYTES // len(block))) + packer.flush()


def _values(value: str):
    """Aarhus's 2026 cell of the first data answer holds `value` instead of its count."""
    def change(lines: list[str]) -> list[str]:
        return [line.rsplit(";", 1)[0] + ";" + value if line.startswith("751;") and ";2026;" in line else line
                for line in lines]
    return change


HOSTILE_INFO = {  # table descriptions: a body in place of BOL101's
    "info-variables-strings": json.dumps({**TABLEINFO["BOL101"], "variables": ["OMRÅDE", "BEBO", "Tid"]}).encode(),
    "info-values-5": json.dumps({**TABLEINFO["BOL101"], "variables": [
        {**variable, "values": 5} for variable in TABLEINFO["BOL101"]["variables"]]}).encode(),
    "info-deep": b"[" * 100_000 + b"]" * 100_000,
}
HOSTILE_DATA = {  # data answers: a change of the normal CSV's lines (header first)
    "value-1e308": _values("1e308"),
    "value-inf": _values("inf"),
    "value-nan": _values("NaN"),
    "value-negative": _values("-5"),
    "year-9999": lambda lines: [*lines, "751;1000;20;9999;17"],
    "rows-twice": lambda lines: [lines[0], *[line for line in lines[1:] for _ in (1, 2)]],
    "region-not-sum": lambda lines: [line.rsplit(";", 1)[0] + ";1" if line.startswith("082;") else line
                                     for line in lines],
}


class FakeStatbank:
    """Serves in a thread; `url` is its base URL. Queue faults with `fail(kind, ...)`; they are used in order."""

    def __init__(self):
        self.faults: list[str] = []
        self.requests: list[str] = []
        self.bol201 = "missing"  # or "ok" or "unexpected"
        self.release = threading.Event()  # ends a stall
        self.on_request = None  # called with the table id before answering (tests use it to cancel)
        # A test's own cells: called with the table id and the cell's codes ({"OMRÅDE": "751", "TID": "2026", …});
        # its answer (DST's text: "1234" or "..") replaces the formula's, None keeps it.
        self.cell = None
        handler = type("Handler", (_Handler,), {"bank": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def fail(self, *kinds: str) -> None:
        if {"gzip-gzip", "gzip-bomb"} & set(kinds):
            bomb(2)  # made now, not while the client waits (its read timeout is short in the tests)
        if "newline-bomb" in kinds:
            bomb(1, b"\n")
        self.faults.extend(kinds)

    def __enter__(self) -> "FakeStatbank":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def tableinfo(self, table: str) -> tuple[int, dict]:
        if table in TABLEINFO:
            return 200, TABLEINFO[table]
        if table == "BOL201" and self.bol201 != "missing":
            return 200, BOL201_TABLEINFO if self.bol201 == "ok" else BOL201_UNEXPECTED
        return 400, {"errorTypeCode": "TableNotFound", "message": f"Tabellen '{table}' findes ikke."}

    def data(self, request: dict) -> tuple[int, str, bytes]:
        table = request.get("table", "")
        status, info = self.tableinfo(table)
        if status != 200:
            return status, "application/json", json.dumps(info).encode()
        known = {v["id"]: v for v in info["variables"]}
        asked = {v["code"]: v["values"] for v in request.get("variables", [])}
        for name, variable in known.items():
            if not variable["elimination"] and name not in asked:
                error = {"errorTypeCode": "MissingVariable", "message": f"Variablen {name} skal angives."}
                return 400, "application/json", json.dumps(error).encode()
        columns, choices = [], []
        for name, values in asked.items():
            all_values = [v["id"] for v in known[name]["values"]]
            columns.append(name.upper())
            choices.append(all_values if values == ["*"] else values)
        lines = [";".join([*columns, "INDHOLD"])]
        for combination in itertools.product(*choices):
            cell = dict(zip(columns, combination))
            own = self.cell(table, cell) if self.cell else None
            lines.append(";".join([*combination, _cell(table, cell, self.cell) if own is None else own]))
        return 200, "text/csv; charset=utf-8", csv_body(lines)


def csv_body(lines: list[str]) -> bytes:
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    bank: FakeStatbank

    def log_message(self, *args) -> None:  # quiet
        pass

    def _path(self):
        # Through a proxy the request line carries the whole URL ("GET http://host/v1/tableinfo?..."): accept both.
        return urlsplit(self.path)

    def do_GET(self) -> None:
        url = self._path()
        if url.path.endswith("/i-ring"):  # a redirect loop, once entered, never ends
            self._redirect()
            return
        table = parse_qs(url.query).get("id", [""])[0]
        self._answer("tableinfo", table, lambda: self._json(*self.bank.tableinfo(table)))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
        self.request_body = request
        self._answer("data", request.get("table", ""), lambda: self._send(*self.bank.data(request)))

    def _answer(self, kind: str, table: str, normal) -> None:
        self.bank.requests.append(f"{kind} {table} {self.path}")
        if self.bank.on_request:
            self.bank.on_request(table)
        fault = self.bank.faults.pop(0) if self.bank.faults else None
        if fault is None:
            normal()
        elif fault == "portal":
            self._send(200, "text/html; charset=utf-8",
                       "<!DOCTYPE html><html><body><h1>Log ind for at bruge netværket</h1></body></html>".encode())
        elif fault == "empty":
            self._send(200, "text/csv; charset=utf-8", b"")
        elif fault == "400":
            self._json(400, {"errorTypeCode": "InvalidRequest", "message": "Forespørgslen er ugyldig (syntetisk)."})
        elif fault == "500":
            self._send(500, "text/plain", b"Internal Server Error")
        elif fault == "stall":
            self.bank.release.wait(30)
        elif fault == "trickle":  # a byte at a time: never idle long enough for a read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/csv; charset=utf-8")
            self.end_headers()
            while not self.bank.release.wait(0.05):
                self.wfile.write(b".")
                self.wfile.flush()
        elif fault == "drip":  # one byte a second, as the attack did: under any read timeout, for ever
            self.send_response(200)
            self.send_header("Content-Type", "text/csv; charset=utf-8")
            self.end_headers()
            while True:
                self.wfile.write(b".")
                self.wfile.flush()
                if self.bank.release.wait(1.0):
                    break
        elif fault in HOSTILE_INFO:
            self._send(200, "application/json; charset=utf-8", HOSTILE_INFO[fault])
        elif fault in HOSTILE_DATA:
            status, content_type, body = self.bank.data(self.request_body)
            lines = body.decode("utf-8-sig").split("\r\n")[:-1]
            self._send(status, content_type, csv_body(HOSTILE_DATA[fault](lines)))
        elif fault == "redirect-loop":
            self._redirect()
        elif fault == "gzip-gzip":
            self._send(200, "text/csv; charset=utf-8", bomb(2), encoding="gzip, gzip")
        elif fault == "gzip-bomb":
            self._send(200, "text/csv; charset=utf-8", bomb(1), encoding="gzip")
        elif fault == "newline-bomb":
            self._send(200, "text/csv; charset=utf-8", bomb(1, b"\n"), encoding="gzip")
        else:
            raise ValueError(fault)

    def _redirect(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/v1/i-ring")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _json(self, status: int, document: dict) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(document).encode("utf-8"))

    def _send(self, status: int, content_type: str, body: bytes, encoding: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy",
                   "no_proxy")


@pytest.fixture
def bank(monkeypatch):
    """A running FakeStatbank that `ALMEN_DST_URL` points at; short timeouts and back-off so faults fail fast."""
    from almen_gui.model import statbank

    for name in PROXY_VARIABLES:  # the tester's own proxy must not catch requests to 127.0.0.1
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(statbank, "READ_TIMEOUT", 0.5)
    monkeypatch.setattr(statbank, "CONNECT_TIMEOUT", 0.5)
    monkeypatch.setattr(statbank, "RETRIES", 1)
    monkeypatch.setattr(statbank, "BACKOFF", 0.01)
    with FakeStatbank() as server:
        monkeypatch.setenv("ALMEN_DST_URL", server.url)
        yield server


# Each hostile answer as the server is told to give it (the faults in order, None: the normal answer), and the words
# the one Danish sentence refusing it must hold.
HOSTILE_CASES = [
    (("info-variables-strings",), "Tabelbeskrivelsen for BOL101 havde ikke den ventede form (en variabel uden id)"),
    (("info-values-5",), "Tabelbeskrivelsen for BOL101 havde ikke den ventede form (variablen OMRÅDE har ingen liste"),
    (("info-deep",), "Tabelbeskrivelsen for BOL101 var ikke JSON"),
    (("redirect-loop",), "sendte forespørgslen på BOL101 videre i ring"),
    ((None, "value-1e308"), "Svaret på BOL101 havde et urimeligt stort tal i linje"),
    ((None, "value-inf"), "Svaret på BOL101 havde et tal, der ikke er et endeligt tal i linje"),
    ((None, "value-nan"), "Svaret på BOL101 havde et tal, der ikke er et endeligt tal i linje"),
    ((None, "value-negative"), "Svaret på BOL101 havde et negativt antal i linje"),
    ((None, "year-9999"), "Svaret på BOL101 havde en periode, som tabelbeskrivelsen ikke nævner (9999)"),
    ((None, "rows-twice"), "Svaret på BOL101 havde den samme række mere end én gang"),
    ((None, "region-not-sum"), "Svaret på BOL101 hænger ikke sammen: Region Midtjylland har 2 i 2010, men delene"),
    ((None, "gzip-gzip"), "Svaret på BOL101 var pakket i flere lag (gzip, gzip)"),
    (("gzip-bomb",), "Svaret på BOL101 var langt større end ventet"),  # unpacked past the table description's cap
    ((None, "gzip-bomb"), "Svaret på BOL101 havde en linje, der er alt for lang til at være data"),
    ((None, "newline-bomb"), "Svaret på BOL101 havde flere rækker, end Danmarks Statistik sender i ét svar"),
]
HOSTILE_IDS = [("" if len(faults) > 1 or faults[0].startswith("info-") else "info-") + faults[-1]
               for faults, _ in HOSTILE_CASES]

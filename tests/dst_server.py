"""A local stand-in for Danmarks Statistik's Statistikbank API, for tests and `make bench`. No internet needed.

It answers in DST's exact formats (tableinfo JSON as DST served it for BOL101 and BYGV33; data as CSV with a UTF-8
BOM, `;`, CRLF, upper-cased ids, `TID`, `..` for unpublished cells, Christiansø, regions and provinces), but every
NUMBER IS SYNTHETIC: made by the formulas below, never real figures. Faults can be queued: an HTML captive portal, an
empty body, DST's 400 JSON error, a 500, a stall, an answer trickling in a byte at a time.
"""

from __future__ import annotations

import itertools
import json
import threading
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


def synthetic_almene(area: str, year: int, bebo: str) -> int:
    return 1000 + int(area) + (year - 2000) if bebo == "1000" else 7


def synthetic_all(area: str, year: int, bebo: str) -> int:
    return 10000 + 10 * int(area) if bebo == "1000" else 3


def synthetic_started(area: str, quarter: int) -> int:
    return 0 if area == REAL_ZERO_STARTED else quarter + int(area) % 5


def expected_almene(area: str, year: int) -> int:
    return synthetic_almene(area, year, "1000") + synthetic_almene(area, year, "2000")


def expected_share(area: str, year: int) -> float:
    return 100 * expected_almene(area, year) / (synthetic_all(area, year, "1000") + synthetic_all(area, year, "2000"))


def expected_started(area: str) -> int:
    return sum(synthetic_started(area, q) for q in (1, 2, 3, 4))


def _cell(table: str, cell: dict[str, str]) -> str:
    area, period = cell["OMRÅDE"], cell["TID"]
    if table == "BOL101":
        if cell.get("EJER") == "20":
            if (area, period) == UNPUBLISHED_ALMENE:
                return ".."
            return str(synthetic_almene(area, int(period), cell["BEBO"]))
        if "EJER" in cell:
            return "5"
        return str(synthetic_all(area, int(period), cell["BEBO"]))
    if table == "BYGV33":
        if area == UNPUBLISHED_STARTED:
            return ".."
        return str(synthetic_started(area, int(period[-1])))
    return str(2 * int(area) + int(period) - 2000)  # BOL201


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
            lines.append(";".join([*combination, _cell(table, cell) if own is None else own]))
        body = "\ufeff" + "\r\n".join(lines) + "\r\n"
        return 200, "text/csv; charset=utf-8", body.encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    bank: FakeStatbank

    def log_message(self, *args) -> None:  # quiet
        pass

    def _path(self):
        # Through a proxy the request line carries the whole URL ("GET http://host/v1/tableinfo?..."): accept both.
        return urlsplit(self.path)

    def do_GET(self) -> None:
        url = self._path()
        table = parse_qs(url.query).get("id", [""])[0]
        self._answer("tableinfo", table, lambda: self._json(*self.bank.tableinfo(table)))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
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
        else:
            raise ValueError(fault)

    def _json(self, status: int, document: dict) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(document).encode("utf-8"))

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
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

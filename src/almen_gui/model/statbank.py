"""A small client for Danmarks Statistik's Statistikbank API (tableinfo and CSV data), with every answer checked.

Network faults, DST's own errors and answers of the wrong shape (a captive portal's web page, an empty body, a table
description that is not DST's, a value that is not a count) become one StatbankError with a Danish sentence; nothing
here knows about the cache or the views. Every answer is treated as hostile until checked: one deadline for the whole
fetch, at most one layer of content encoding, a size cap after decoding, and the CSV read as it arrives, so no answer
can hold the fetch past its deadline or fill the memory.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import httpx

DEFAULT_URL = "https://api.statbank.dk/v1"
URL_VARIABLE = "ALMEN_DST_URL"
DEADLINE_VARIABLE = "ALMEN_DST_FRIST"
NOT_PUBLISHED = ".."
# After decoding. DST caps a CSV answer at 1.000.000 cells (about 30 MB); a table description is a few kB.
MAX_BODY_BYTES = 64 * 1024 * 1024
MAX_INFO_BYTES = 4 * 1024 * 1024
MAX_ERROR_BYTES = 64 * 1024  # an error's body is read only for DST's message
MAX_ROWS = 1_000_000  # DST's own cap on the cells of one answer
MAX_LINE_BYTES = 4096  # a CSV line of codes is some 30 bytes
# No count of dwellings or persons in Denmark (6 mio. inhabitants) comes near this; it also keeps every sum finite.
MAX_COUNT = 100_000_000
MAX_REDIRECTS = 5
DECODE_CHUNK = 1024 * 1024  # a compressed answer is unpacked this much at a time, so a bomb is stopped at the cap
TRANSIENT_STATUS = {429, 500, 502, 503, 504}
# Defaults, in seconds: DST answers a whole table in a few seconds; a stall longer than READ_TIMEOUT is a failure.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
DEADLINE = 60.0  # the whole fetch, every table, retry and pause included (ALMEN_DST_FRIST, `almen fetch --frist`)
MAX_DEADLINE = 3600.0
RETRIES = 3
BACKOFF = 1.0  # the first pause before a retry; it doubles each time
WAIT_NOTICE = 2.0  # an answer slower than this is told to the user while it is awaited

Waiting = Callable[[str], object]


class StatbankError(Exception):
    """The fetch failed; the message is one Danish clause for the user (no full stop: callers finish the sentence)."""


class Unreachable(StatbankError):
    """The network or the server failed (no connection, a stall, 5xx), also after the retries."""


class FetchCancelled(StatbankError):
    def __init__(self):
        super().__init__("Hentningen blev afbrudt")


class TableMissing(StatbankError):
    """DST does not have the table (an optional table may be skipped)."""


class BadAnswer(StatbankError):
    """An answer that came through but fails a check (a value, a period, a row twice, a sum): never skipped."""


def base_url() -> str:
    """The API's base URL: `ALMEN_DST_URL` (mirrors, proxies, tests) or DST's own."""
    return (os.environ.get(URL_VARIABLE) or DEFAULT_URL).rstrip("/")


def refuse_credentials(url: str) -> str:
    """The URL, unless it holds a user name or password: those are refused, never used, as they would be printed in
    messages and stored in the cache, which other users of the machine can read. (A proxy's own credentials belong
    in HTTPS_PROXY, which is never printed.)"""
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        netloc = ""  # not a URL at all: told by the request ("skal begynde med https://")
    if "@" in netloc:
        raise StatbankError(f"{URL_VARIABLE} må ikke indeholde brugernavn eller adgangskode, for de ville blive vist "
                            "og gemt; brug en adresse uden, fx https://api.statbank.dk/v1")
    return url


def deadline_from_env() -> float:
    """The fetch's deadline in seconds: `ALMEN_DST_FRIST`, or DEADLINE; StatbankError for a value that is no use."""
    text = os.environ.get(DEADLINE_VARIABLE, "").strip()
    return parse_deadline(text, DEADLINE_VARIABLE) if text else DEADLINE


def seconds_text(seconds: float) -> str:
    """60 -> "60", 0.5 -> "0,5" (a count of seconds the Danish way)."""
    return f"{seconds:g}".replace(".", ",")


def parse_deadline(text: str, where: str) -> float:
    try:
        seconds = float(text.replace(",", "."))
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_DEADLINE:  # also NaN
        raise StatbankError(f"{where} skal være et antal sekunder mellem 1 og {int(MAX_DEADLINE)}, ikke {text[:20]!r}")
    return seconds


@dataclass(frozen=True)
class CsvAnswer:
    """A data answer: the header's column ids and the rows as dicts of column id -> cell text."""

    columns: tuple[str, ...]
    rows: list[dict[str, str]]


def parse_value(text: str) -> float | None:
    """A cell of INDHOLD: `..` is not published (None, never 0); lang=da writes decimals with a comma.

    ValueError, with the reason in Danish, for anything but a finite count: DST publishes no negative, infinite or
    astronomical numbers of dwellings or persons.
    """
    text = text.strip()
    if text == NOT_PUBLISHED:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError("et tal, der ikke er et tal") from None
    if not math.isfinite(value):
        raise ValueError("et tal, der ikke er et endeligt tal")
    if value < 0:
        raise ValueError("et negativt antal")
    if value > MAX_COUNT:
        raise ValueError("et urimeligt stort tal")
    return value


class RowSink(Protocol):
    """Takes an answer's rows as they are read; `start` begins again (a retry after a broken connection)."""

    def start(self) -> None: ...

    def add(self, row: dict[str, str], line: int) -> None: ...


class CsvReader:
    """DST's CSV read as it arrives: UTF-8 with BOM, `;`, CRLF, a header of upper-cased variable ids then INDHOLD.

    Each row is checked and handed to the sink at once, so an answer is never held whole in memory.
    """

    def __init__(self, table: str, expected: list[str], sink: RowSink):
        self.table = table
        self.wanted = sorted([name.upper() for name in expected] + ["INDHOLD"])
        self.sink = sink
        self.columns: tuple[str, ...] | None = None
        self.pending = b""
        self.line = 0
        self.rows = 0
        sink.start()

    def feed(self, data: bytes) -> None:
        *lines, self.pending = (self.pending + data).split(b"\n")
        if len(self.pending) > MAX_LINE_BYTES:
            raise BadAnswer(f"Svaret på {self.table} havde en linje, der er alt for lang til at være data")
        for line in lines:
            self._line(line)

    def close(self) -> None:
        if self.pending:
            self._line(self.pending)
            self.pending = b""
        if self.columns is None:
            raise StatbankError(f"Danmarks Statistik sendte et tomt svar på {self.table}")
        if not self.rows:
            raise StatbankError(f"Danmarks Statistik sendte ingen tal for {self.table}")

    def _line(self, raw: bytes) -> None:
        self.line += 1
        if self.line > MAX_ROWS + 1:  # blank lines count too: a million of them is no answer either
            raise BadAnswer(f"Svaret på {self.table} havde flere rækker, end Danmarks Statistik sender i ét svar")
        raw = raw.rstrip(b"\r")
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES:
            raise BadAnswer(f"Svaret på {self.table} havde en linje, der er alt for lang til at være data")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise StatbankError(f"Svaret på {self.table} var ikke tekst i UTF-8, som Danmarks Statistik sender") \
                from None
        if self.columns is None:
            self._header(text.removeprefix("\ufeff"))
            return
        cells = text.split(";")
        if len(cells) != len(self.columns):
            raise StatbankError(f"Svaret på {self.table} var i stykker i linje {self.line}")
        row = dict(zip(self.columns, (cell.strip() for cell in cells)))
        try:
            parse_value(row["INDHOLD"])
        except ValueError as exc:
            raise BadAnswer(f"Svaret på {self.table} havde {exc} i linje {self.line} "
                            f"({row['INDHOLD'][:20]})") from None
        self.rows += 1
        self.sink.add(row, self.line)

    def _header(self, text: str) -> None:
        if text.lstrip().startswith("<"):
            raise StatbankError(f"Svaret på {self.table} var en webside, ikke data fra Danmarks Statistik "
                                "(kræver netværket måske login)")
        columns = tuple(cell.strip().upper() for cell in text.split(";"))
        if sorted(columns) != self.wanted:
            raise StatbankError(f"Svaret på {self.table} havde ikke de ventede kolonner ({';'.join(columns)[:80]})")
        self.columns = columns


class _RowList:
    def __init__(self):
        self.rows: list[dict[str, str]] = []

    def start(self) -> None:
        self.rows.clear()

    def add(self, row: dict[str, str], line: int) -> None:
        self.rows.append(row)


def parse_csv(body: bytes, table: str, expected: list[str]) -> CsvAnswer:
    """A whole CSV answer at once (the tests read DST's recorded bytes with it); the client streams through CsvReader."""
    rows = _RowList()
    reader = CsvReader(table, expected, rows)
    reader.feed(body)
    reader.close()
    return CsvAnswer(reader.columns, rows.rows)


class _Bytes:
    """A small answer (a table description, an error) collected up to its cap."""

    def __init__(self, table: str, cap: int):
        self.table = table
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0

    def feed(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise BadAnswer(f"Svaret på {self.table} var langt større end ventet")
        self.parts.append(data)

    def close(self) -> bytes:
        return b"".join(self.parts)


def check_tableinfo(info, table: str) -> None:
    """The shape the app reads: {"id": table, "variables": [{"id": str, "values": [{"id": str, "text": str}, …],
    "elimination": bool, "time": bool}, …]}; StatbankError naming the first thing that differs."""
    def wrong(what: str) -> StatbankError:
        return BadAnswer(f"Tabelbeskrivelsen for {table} havde ikke den ventede form ({what})")

    if not isinstance(info, dict) or str(info.get("id", "")).upper() != table.upper():
        raise wrong("ikke tabellens id")
    variables = info.get("variables")
    if not isinstance(variables, list) or not variables:
        raise wrong("ingen liste af variable")
    for variable in variables:
        if not isinstance(variable, dict) or not isinstance(variable.get("id"), str):
            raise wrong("en variabel uden id")
        name = variable["id"][:30]
        values = variable.get("values")
        if not isinstance(values, list) or not values:
            raise wrong(f"variablen {name} har ingen liste af værdier")
        if not all(isinstance(v, dict) and isinstance(v.get("id"), str) and isinstance(v.get("text", ""), str)
                   for v in values):
            raise wrong(f"en værdi i variablen {name} er ikke et id med en tekst")
        if not isinstance(variable.get("elimination", True), bool) or not isinstance(variable.get("time", False), bool):
            raise wrong(f"variablen {name} har et felt af en forkert type")
    for key in ("text", "updated"):
        if not isinstance(info.get(key, ""), str):
            raise wrong(f"feltet {key} er ikke tekst")


class StatbankClient:
    """GET tableinfo and POST data, with connect/read timeouts, one deadline for the whole fetch, retries with back-off.

    The system's proxy settings (HTTPS_PROXY, NO_PROXY, …) are honoured (httpx's trust_env). `cancel`, when set from
    another thread, stops the fetch at the next chunk, request or back-off pause with FetchCancelled. `waiting` is
    told, in Danish words, when an answer is slow or a request is tried again.
    """

    def __init__(self, url: str | None = None, *, cancel: threading.Event | None = None,
                 deadline: float | None = None, waiting: Waiting | None = None):
        self.url = refuse_credentials((url or base_url()).rstrip("/"))
        self.deadline = deadline_from_env() if deadline is None else deadline
        self.retries = RETRIES
        self.backoff = BACKOFF
        self.cancel = cancel or threading.Event()
        self.waiting = waiting
        self._ends: float | None = None  # set by the first request: the deadline counts from there
        timeout = httpx.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT, write=READ_TIMEOUT, pool=CONNECT_TIMEOUT)
        # Only gzip is asked for, and only one layer of it is unpacked (see _decoded): never a stack of encodings.
        self._http = httpx.Client(timeout=timeout, trust_env=True, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                                  headers={"User-Agent": "almen-gui", "Accept-Encoding": "gzip"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "StatbankClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def host(self) -> str:
        try:
            return httpx.URL(self.url).host or self.url[:100]
        except httpx.InvalidURL:
            return self.url[:100]

    def check_cancel(self) -> None:
        if self.cancel.is_set():
            raise FetchCancelled()

    def remaining(self, table: str) -> float:
        """Seconds left of the fetch's deadline; Unreachable once it has passed."""
        if self._ends is None:
            self._ends = time.monotonic() + self.deadline
        left = self._ends - time.monotonic()
        if left <= 0:
            raise Unreachable(f"Danmarks Statistik ({self.host}) blev ikke færdig inden for fristen på "
                              f"{seconds_text(self.deadline)} sekunder (ved {table})")
        return left

    def tableinfo(self, table: str) -> dict:
        """The table's variables, values, `updated` time and footnotes; TableMissing if DST has no such table."""
        body = self._request("GET", f"{self.url}/tableinfo", table, lambda: _Bytes(table, MAX_INFO_BYTES),
                             params={"id": table, "lang": "da", "format": "JSON"}, missing_ok=True)
        if not body.strip():
            raise StatbankError(f"Danmarks Statistik sendte et tomt svar på {table}")
        info = _json_or_none(body)
        if info is None:
            raise StatbankError(_not_json(body, table, self.host))
        check_tableinfo(info, table)
        return info

    def data(self, table: str, variables: dict[str, list[str]], sink: RowSink) -> RowSink:
        """The table's figures as CSV with codes, each row handed to `sink` as it is read; variables left out are
        summed over by DST."""
        request = {"table": table, "format": "CSV", "lang": "da", "valuePresentation": "Code",
                   "variables": [{"code": code, "values": values} for code, values in variables.items()]}

        def reader():
            return _CsvBody(CsvReader(table, list(variables), sink))

        self._request("POST", f"{self.url}/data", table, reader, json_body=request)
        return sink

    def _request(self, method: str, url: str, table: str, reader, *, params: dict | None = None,
                 json_body: dict | None = None, missing_ok: bool = False):
        attempt = 0
        tries = self.retries + 1
        while True:
            self.check_cancel()
            if attempt:
                self._tell(f"venter på Danmarks Statistik ({table}) … forsøg {attempt + 1} af {tries}")
            try:
                status, body = self._once(method, url, table, reader, params, json_body, attempt, tries)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL):
                raise StatbankError(f"Adressen {self.url[:100]} kan ikke bruges "
                                    f"({URL_VARIABLE} skal begynde med https:// eller http://)") from None
            except httpx.TooManyRedirects:
                raise StatbankError(f"Danmarks Statistik ({self.host}) sendte forespørgslen på {table} videre i ring "
                                    "(for mange omdirigeringer)") from None
            except httpx.TimeoutException:
                failure = f"Danmarks Statistik ({self.host}) svarede ikke i tide på {table}"
            except httpx.ConnectError:
                failure = f"Danmarks Statistik kunne ikke nås (ingen forbindelse til {self.host})"
            except httpx.TransportError:
                failure = f"Forbindelsen til Danmarks Statistik ({self.host}) blev afbrudt under {table}"
            else:
                if status == 200:
                    return body
                if status not in TRANSIENT_STATUS:
                    raise self._refusal(status, body, table, missing_ok)
                failure = f"Danmarks Statistik svarede med fejl {status} på {table}"
            if attempt >= self.retries:
                raise Unreachable(failure + (f", også efter {tries} forsøg" if tries > 1 else ""))
            pause = self.backoff * 2 ** attempt
            if pause >= self.remaining(table):
                raise Unreachable(f"{failure}, og fristen på {seconds_text(self.deadline)} sekunder nås før "
                                  "næste forsøg")
            # Back-off doubles each time; waiting on the cancel event lets a cancel end the pause at once.
            if self.cancel.wait(pause):
                raise FetchCancelled()
            attempt += 1

    def _tell(self, words: str) -> None:
        if self.waiting:
            self.waiting(words)

    def _once(self, method, url, table, reader, params, json_body, attempt, tries):
        """One request on a helper thread, so that a cancel or the deadline ends the wait at once even while the
        server stalls or drips.

        A request given up is left to end by its own timeouts (never longer than the deadline); it writes nothing,
        and its answer goes to a reader nobody asks for again.
        """
        outcome: dict = {}
        finished = threading.Event()
        timeout = min(READ_TIMEOUT, self.remaining(table))
        stop = threading.Event()  # tells the helper to stop reading: this answer is no longer wanted

        def work() -> None:
            try:
                outcome["answer"] = self._read(method, url, table, reader, params, json_body, timeout, stop)
            except BaseException as exc:  # handed to the waiting thread below
                outcome["error"] = exc
            finally:
                finished.set()

        started = time.monotonic()
        told = False
        threading.Thread(target=work, name=f"statbank-{table}", daemon=True).start()
        try:
            while not finished.wait(0.05):
                self.check_cancel()
                self.remaining(table)
                if not told and time.monotonic() - started > WAIT_NOTICE:
                    told = True
                    self._tell(f"venter på Danmarks Statistik ({table}) … forsøg {attempt + 1} af {tries}")
        finally:
            stop.set()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["answer"]

    def _read(self, method, url, table, reader, params, json_body, timeout, stop):
        """The answer read in chunks and decoded here (one layer at most), so that a server trickling bytes, or a
        small answer that unpacks to gigabytes, is stopped at the deadline or the size cap."""
        timeouts = httpx.Timeout(connect=min(CONNECT_TIMEOUT, timeout), read=timeout, write=timeout,
                                 pool=min(CONNECT_TIMEOUT, timeout))
        with self._http.stream(method, url, params=params, json=json_body, timeout=timeouts) as response:
            if response.status_code == 200:
                content_type = response.headers.get("content-type", "").lower()
                if "html" in content_type:
                    raise StatbankError(f"Svaret fra {self.host} på {table} var en webside, ikke data fra "
                                        "Danmarks Statistik (kræver netværket måske login)")
                target, cap = reader(), MAX_BODY_BYTES
            else:
                target, cap = _Bytes(table, MAX_ERROR_BYTES), MAX_ERROR_BYTES
            size = 0
            for data in _decoded(response, table):
                if stop.is_set():
                    raise FetchCancelled()
                size += len(data)
                if size > cap:
                    if response.status_code != 200:
                        break  # an error's body is read only for DST's message; a long one has it at its start
                    raise BadAnswer(f"Svaret på {table} var langt større end ventet")
                target.feed(data)
            return response.status_code, target.close()

    def _refusal(self, status: int, body: bytes, table: str, missing_ok: bool) -> StatbankError:
        error = _json_or_none(body)
        message = error.get("message") if isinstance(error, dict) else None
        kind = str(error.get("errorTypeCode", "")).lower() if isinstance(error, dict) else ""
        if missing_ok and (status == 404 or (status == 400 and ("table" in kind or "notfound" in kind))):
            why = f": {str(message).strip()[:200]}" if message else ""
            return TableMissing(f"Danmarks Statistik har ikke tabellen {table}{why}")
        if status == 400 and message:
            return StatbankError(f"Danmarks Statistik afviste forespørgslen på {table}: {str(message).strip()[:200]}")
        if body.lstrip()[:1] == b"<":
            return StatbankError(f"Svaret fra {self.host} på {table} var en webside med fejl {status}, ikke data fra "
                                 "Danmarks Statistik")
        return StatbankError(f"Danmarks Statistik svarede med fejl {status} på {table}")


class _CsvBody:
    """A CsvReader as a body to feed; what it returns is of no use beyond the rows already handed on."""

    def __init__(self, reader: CsvReader):
        self.reader = reader

    def feed(self, data: bytes) -> None:
        self.reader.feed(data)

    def close(self) -> None:
        self.reader.close()


def _decoded(response: httpx.Response, table: str):
    """The body's bytes, with a gzip or deflate encoding undone in bounded steps; more than one layer, or any other
    encoding, is refused (DST sends one layer of gzip at most, and each layer can multiply the size a thousandfold)."""
    encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")]
    encodings = [e for e in encodings if e and e != "identity"]
    if len(encodings) > 1:
        raise BadAnswer(f"Svaret på {table} var pakket i flere lag ({', '.join(encodings)[:60]}), hvilket Danmarks "
                        "Statistik aldrig gør")
    if not encodings:
        yield from response.iter_raw()
        return
    if encodings[0] in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encodings[0] == "deflate":
        decoder = zlib.decompressobj()
    else:
        raise BadAnswer(f"Svaret på {table} var pakket på en måde, programmet ikke kender ({encodings[0][:20]})")
    try:
        for chunk in response.iter_raw():
            data = decoder.decompress(chunk, DECODE_CHUNK)
            while data:
                yield data
                data = decoder.decompress(decoder.unconsumed_tail, DECODE_CHUNK) if decoder.unconsumed_tail else b""
        yield decoder.flush()
    except zlib.error:
        raise BadAnswer(f"Svaret på {table} var pakket forkert og kunne ikke pakkes ud") from None


def _json_or_none(body: bytes):
    """The document, or None for anything that is not JSON (also JSON nested too deep to read)."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _not_json(body: bytes, table: str, host: str) -> str:
    if body.lstrip()[:1] == b"<":
        return f"Svaret fra {host} på {table} var en webside, ikke data fra Danmarks Statistik"
    return f"Tabelbeskrivelsen for {table} var ikke JSON"

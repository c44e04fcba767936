"""A small client for Danmarks Statistik's Statistikbank API (tableinfo and CSV data), with every answer checked.

Network faults, DST's own errors and answers of the wrong shape (a captive portal's web page, an empty body) become
one StatbankError with a Danish sentence; nothing here knows about the cache or the views.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass

import httpx

DEFAULT_URL = "https://api.statbank.dk/v1"
URL_VARIABLE = "ALMEN_DST_URL"
NOT_PUBLISHED = ".."
MAX_BODY_BYTES = 64 * 1024 * 1024  # DST caps an answer at 1.000.000 cells; this is far above that
TRANSIENT_STATUS = {429, 500, 502, 503, 504}
# Defaults, in seconds: DST answers a whole table in a few seconds; a stall longer than READ_TIMEOUT is a failure.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
DEADLINE = 120.0  # one answer, however slowly it trickles in
RETRIES = 3
BACKOFF = 1.0  # the first pause before a retry; it doubles each time


class StatbankError(Exception):
    """The fetch failed; the message is one Danish clause for the user (no full stop: callers finish the sentence)."""


class Unreachable(StatbankError):
    """The network or the server failed (no connection, a stall, 5xx), also after the retries."""


class FetchCancelled(StatbankError):
    def __init__(self):
        super().__init__("Hentningen blev afbrudt")


class TableMissing(StatbankError):
    """DST does not have the table (an optional table may be skipped)."""


def base_url() -> str:
    """The API's base URL: `ALMEN_DST_URL` (mirrors, proxies, tests) or DST's own."""
    return (os.environ.get(URL_VARIABLE) or DEFAULT_URL).rstrip("/")


@dataclass(frozen=True)
class CsvAnswer:
    """A data answer: the header's column ids and the rows as dicts of column id -> cell text."""

    columns: tuple[str, ...]
    rows: list[dict[str, str]]


def parse_value(text: str) -> float | None:
    """A cell of INDHOLD: `..` is not published (None, never 0); lang=da writes decimals with a comma."""
    text = text.strip()
    if text == NOT_PUBLISHED:
        return None
    return float(text.replace(",", "."))


def parse_csv(body: bytes, table: str, expected: list[str]) -> CsvAnswer:
    """DST's CSV: UTF-8 with BOM, `;`, CRLF, a header of upper-cased variable ids then INDHOLD."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatbankError(f"Svaret på {table} var ikke tekst i UTF-8, som Danmarks Statistik sender") from None
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line != ""]
    if not lines:
        raise StatbankError(f"Danmarks Statistik sendte et tomt svar på {table}")
    if lines[0].lstrip().startswith("<"):
        raise StatbankError(f"Svaret på {table} var en webside, ikke data fra Danmarks Statistik "
                            "(kræver netværket måske login)")
    columns = tuple(cell.strip().upper() for cell in lines[0].split(";"))
    wanted = [name.upper() for name in expected] + ["INDHOLD"]
    if sorted(columns) != sorted(wanted):
        raise StatbankError(f"Svaret på {table} havde ikke de ventede kolonner ({';'.join(columns)[:80]})")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split(";")
        if len(cells) != len(columns):
            raise StatbankError(f"Svaret på {table} var i stykker i linje {number}")
        row = dict(zip(columns, (cell.strip() for cell in cells)))
        try:
            parse_value(row["INDHOLD"])
        except ValueError:
            raise StatbankError(f"Svaret på {table} havde et tal, der ikke er et tal, i linje {number}") from None
        rows.append(row)
    if not rows:
        raise StatbankError(f"Danmarks Statistik sendte ingen tal for {table}")
    return CsvAnswer(columns, rows)


class StatbankClient:
    """GET tableinfo and POST data, with connect/read timeouts, a total deadline per answer, retries with back-off.

    The system's proxy settings (HTTPS_PROXY, NO_PROXY, …) are honoured (httpx's trust_env). `cancel`, when set from
    another thread, stops the fetch at the next chunk, request or back-off pause with FetchCancelled.
    """

    def __init__(self, url: str | None = None, *, cancel: threading.Event | None = None):
        self.url = (url or base_url()).rstrip("/")
        self.deadline = DEADLINE
        self.retries = RETRIES
        self.backoff = BACKOFF
        self.cancel = cancel or threading.Event()
        timeout = httpx.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT, write=READ_TIMEOUT, pool=CONNECT_TIMEOUT)
        self._http = httpx.Client(timeout=timeout, trust_env=True, follow_redirects=True,
                                  headers={"User-Agent": "almen-gui"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "StatbankClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def host(self) -> str:
        return httpx.URL(self.url).host or self.url

    def check_cancel(self) -> None:
        if self.cancel.is_set():
            raise FetchCancelled()

    def tableinfo(self, table: str) -> dict:
        """The table's variables, values, `updated` time and footnotes; TableMissing if DST has no such table."""
        body = self._request("GET", f"{self.url}/tableinfo", table,
                             params={"id": table, "lang": "da", "format": "JSON"}, missing_ok=True)
        info = _json_or_none(body)
        if info is None:
            raise StatbankError(_not_json(body, table, self.host))
        if not isinstance(info, dict) or str(info.get("id", "")).upper() != table.upper() \
                or not isinstance(info.get("variables"), list):
            raise StatbankError(f"Tabelbeskrivelsen for {table} havde ikke den ventede form")
        return info

    def data(self, table: str, variables: dict[str, list[str]]) -> CsvAnswer:
        """The table's figures as CSV with codes; variables left out are summed over by DST."""
        request = {"table": table, "format": "CSV", "lang": "da", "valuePresentation": "Code",
                   "variables": [{"code": code, "values": values} for code, values in variables.items()]}
        body = self._request("POST", f"{self.url}/data", table, json_body=request)
        return parse_csv(body, table, list(variables))

    def _request(self, method: str, url: str, table: str, *, params: dict | None = None,
                 json_body: dict | None = None, missing_ok: bool = False) -> bytes:
        attempt = 0
        while True:
            self.check_cancel()
            try:
                status, content_type, body = self._once(method, url, table, params, json_body)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL):
                raise StatbankError(f"Adressen {self.url[:100]} kan ikke bruges ({URL_VARIABLE} skal begynde med "
                                    "https:// eller http://)") from None
            except httpx.TimeoutException:
                failure = f"Danmarks Statistik ({self.host}) svarede ikke i tide på {table}"
            except httpx.ConnectError:
                failure = f"Danmarks Statistik kunne ikke nås (ingen forbindelse til {self.host})"
            except httpx.TransportError:
                failure = f"Forbindelsen til Danmarks Statistik ({self.host}) blev afbrudt under {table}"
            else:
                if status == 200:
                    if "html" in content_type or body.lstrip()[:1] == b"<":
                        raise StatbankError(f"Svaret fra {self.host} på {table} var en webside, ikke data fra "
                                            "Danmarks Statistik (kræver netværket måske login)")
                    if not body.strip():
                        raise StatbankError(f"Danmarks Statistik sendte et tomt svar på {table}")
                    return body
                if status not in TRANSIENT_STATUS:
                    raise self._refusal(status, body, table, missing_ok)
                failure = f"Danmarks Statistik svarede med fejl {status} på {table}"
            if attempt >= self.retries:
                tries = attempt + 1
                raise Unreachable(failure + (f", også efter {tries} forsøg" if tries > 1 else ""))
            # Back-off doubles each time; waiting on the cancel event lets a cancel end the pause at once.
            if self.cancel.wait(self.backoff * 2 ** attempt):
                raise FetchCancelled()
            attempt += 1

    def _once(self, method, url, table, params, json_body) -> tuple[int, str, bytes]:
        """One request on a helper thread, so that a cancel ends the wait at once even while the server stalls.

        A cancelled request is left to end by its own timeout; it writes nothing, so nothing depends on it.
        """
        outcome: dict = {}
        finished = threading.Event()

        def work() -> None:
            try:
                outcome["answer"] = self._read(method, url, table, params, json_body)
            except BaseException as exc:  # handed to the waiting thread below
                outcome["error"] = exc
            finally:
                finished.set()

        threading.Thread(target=work, name=f"statbank-{table}", daemon=True).start()
        while not finished.wait(0.05):
            self.check_cancel()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["answer"]

    def _read(self, method, url, table, params, json_body) -> tuple[int, str, bytes]:
        """The answer read in chunks, so that a server trickling bytes past the deadline is stopped too."""
        started = time.monotonic()
        with self._http.stream(method, url, params=params, json=json_body) as response:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                self.check_cancel()
                size += len(chunk)
                if size > MAX_BODY_BYTES:
                    raise StatbankError(f"Svaret på {table} var langt større end ventet")
                if time.monotonic() - started > self.deadline:
                    raise httpx.ReadTimeout("deadline", request=response.request)
                chunks.append(chunk)
            return response.status_code, response.headers.get("content-type", "").lower(), b"".join(chunks)

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


def _json_or_none(body: bytes):
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None


def _not_json(body: bytes, table: str, host: str) -> str:
    if body.lstrip()[:1] == b"<":
        return f"Svaret fra {host} på {table} var en webside, ikke data fra Danmarks Statistik"
    return f"Tabelbeskrivelsen for {table} var ikke JSON"

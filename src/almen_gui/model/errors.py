"""The error types a user can cause (a bad data file, an unknown kommune), and the system's reasons for a refused
file in Danish (os_reason)."""

from __future__ import annotations

import errno
from dataclasses import dataclass

from almen_gui.model.formatting import count_noun


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, in Danish: where it is and why it is wrong."""

    file: str
    reason: str
    row: int | None = None  # 1-based line/row in the file as a spreadsheet shows it; None for the whole file
    column: str | None = None
    value: str | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"række {self.row}")
        if self.column:
            where.append(f"kolonne {self.column}")
        text = ", ".join(where) + ": "
        if self.value is not None:
            shown = self.value if len(self.value) <= 40 else self.value[:37] + "..."
            text += f"{shown!r}: "
        prefix = "advarsel: " if self.warning else ""
        return prefix + text + self.reason


MAX_PROBLEMS = 50  # a file with a million bad cells is told in a screenful, plus how many more there are


class ProblemList(list):
    """The problems found in a file: keeps the first MAX_PROBLEMS and counts the rest, so memory stays small."""

    def __init__(self):
        super().__init__()
        self.errors = 0
        self.omitted = 0

    def append(self, problem: Problem) -> None:
        if not problem.warning:
            self.errors += 1
        if len(self) < MAX_PROBLEMS:
            super().append(problem)
        else:
            self.omitted += 1


class DataError(Exception):
    """A data file that cannot be used; carries the problems found (the first MAX_PROBLEMS) and how many more."""

    def __init__(self, problems: list[Problem] | Problem):
        found = [problems] if isinstance(problems, Problem) else list(problems)
        self.problems = found[:MAX_PROBLEMS]
        self.omitted = getattr(problems, "omitted", 0) + len(found) - len(self.problems)
        self.error_count = getattr(problems, "errors", None)
        if self.error_count is None:
            self.error_count = sum(1 for p in found if not p.warning)
        errors = [p for p in self.problems if not p.warning] or self.problems
        more = max(self.error_count, 1) - 1
        more_text = count_noun(more, "problem", "problemer")
        super().__init__(str(errors[0]) if more == 0 else f"{errors[0]} (og {more_text} mere)")


class KommuneNotFound(LookupError):
    """No kommune matches what the user typed; carries close names to suggest."""

    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        message = f"Ukendt kommune: {query!r}."
        if not query.strip():
            message = "Der er ikke angivet nogen kommune; skriv et navn eller en kode (fx Glostrup eller 161)."
        elif suggestions:
            message += f" Mente du {join_or(suggestions)}?"
        super().__init__(message)


def join_and(items: list[str]) -> str:
    """"a", "a og b", "a, b og c": all of them (what is missing)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def join_or(words: list[str]) -> str:
    """["A", "B", "C"] -> "A, B eller C"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " eller " + words[-1]


_OS_REASONS = {
    errno.EACCES: "ingen adgang", errno.EPERM: "ingen tilladelse", errno.ENOENT: "findes ikke",
    errno.ENOSPC: "der er ikke mere plads på disken", errno.EROFS: "drevet er skrivebeskyttet",
    errno.EDQUOT: "pladskvoten er brugt op", errno.ENAMETOOLONG: "navnet er for langt", errno.EISDIR: "er en mappe",
    errno.ENOTDIR: "en del af stien er ikke en mappe", errno.EEXIST: "der findes allerede en fil med det navn",
    errno.EIO: "læse- eller skrivefejl",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Danish for the common cases (the system's own words are English)."""
    return _OS_REASONS.get(exc.errno, exc.strerror or str(exc) or "ukendt fejl")

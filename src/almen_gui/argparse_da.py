"""argparse's own words in Danish, for both programs (`almen` and `almen-gui`): the usage line, the help headings and
argparse's error messages ("ugyldigt valg", "følgende argumenter mangler"), whatever the user's locale is."""

from __future__ import annotations

import argparse
from contextlib import contextmanager

# By argparse's own catalogue key; a message missing here stays in English rather than failing.
ARGPARSE_DANISH = {
    "usage: ": "brug: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "optional arguments": "tilvalg",
    "show this help message and exit": "vis denne hjælp og afslut",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "the following arguments are required: %s": "følgende argumenter mangler: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "expected one argument": "forventede ét argument",
    "expected at most one argument": "forventede højst ét argument",
    "expected at least one argument": "forventede mindst ét argument",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "ignored explicit argument %r": "argumentet %r blev ignoreret",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydigt tilvalg: %(option)s kan betyde %(matches)s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
}
ARGPARSE_DANISH_PLURAL = {"expected %s argument": ("forventede %s argument", "forventede %s argumenter")}


@contextmanager
def danish_argparse():
    """While a parser is built and used: argparse's lookups go through the Danish table (argparse calls its module's
    `_` and `ngettext`, the gettext functions, each time it needs a text)."""
    saved = argparse._, argparse.ngettext

    def ngettext(singular: str, plural: str, count: int) -> str:
        danish = ARGPARSE_DANISH_PLURAL.get(singular)
        if danish is None:
            return singular if count == 1 else plural
        return danish[0] if count == 1 else danish[1]

    argparse._, argparse.ngettext = (lambda message: ARGPARSE_DANISH.get(message, message)), ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved

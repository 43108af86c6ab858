"""Declarations and treaties, and counting them: check, report, compare, upload."""
import datetime
import json
import os

from . import _verity

SHIPPED_TREATIES = ("new-start", "follow-on-example", "bomber-capacity-example")


def _pd():
    import pandas  # imported on first use: `import verity` stays fast

    return pandas


def _date_text(value, what):
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "strftime"):  # pandas.Timestamp, numpy datetime via pandas
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        return value
    raise TypeError(f"{what}: expected a date or 'YYYY-MM-DD', got {type(value).__name__}")


def load_declaration(source):
    """Load a declaration (docs/declaration-format.md).

    `source` is a path to a declaration file (JSON), a shipped name such as
    "us-2020-09-01", a JSON document as a str, or a dict holding one. Groups
    ("count": N) are expanded. Raises InvalidInput naming the file and the
    JSON path, e.g. "us.json: items[17].launcher: unknown launcher 'X'".
    """
    if isinstance(source, _verity.Declaration):
        return source
    if isinstance(source, dict):
        return _verity.parse_declaration(json.dumps(source), "<dict>", "")
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return _verity.parse_declaration(source, "<string>", "")
    if isinstance(source, (str, os.PathLike)):
        return _verity.load_declaration_file(os.fspath(source))
    raise TypeError(f"load_declaration: expected a path, a name, a JSON str or a dict, "
                    f"got {type(source).__name__}")


# Treaties compiled into the library, loaded once: their text is part of the
# module itself and cannot change under it. Files are read at every call.
_SHIPPED = {}


def load_treaty(name_or_path="new-start"):
    """Load a treaty: a shipped name (new-start, follow-on-example,
    bomber-capacity-example) or a .toml file (docs/treaty-format.md)."""
    if isinstance(name_or_path, _verity.Treaty):
        return name_or_path
    key = os.fspath(name_or_path)
    # As the library resolves names: an existing file is read (never cached).
    shipped = key in SHIPPED_TREATIES and not os.path.exists(key)
    if shipped and key in _SHIPPED:
        return _SHIPPED[key]
    treaty = _verity.load_treaty(key)
    if shipped:
        _SHIPPED[key] = treaty
    return treaty


def shipped_declarations():
    """The names of the declarations shipped with Verity."""
    return list(_verity.shipped_declarations())


class Report:
    """A declaration counted under a treaty, judged on a date.

    `.limits` (a row per limit: name, count, max, headroom, status), and for
    `report`: `.categories`, `.by_type` and `.by_facility` (a row per limit and
    type or facility); `.explained` the items behind one limit when asked
    for; `.over` whether a binding limit is exceeded (the CLI's exit 1);
    `.json` the CLI's --json answer. str() is the CLI's table.
    """

    def __init__(self, answer, over, text_of):
        self.json = answer
        self.over = bool(over)
        self._text_of = text_of
        self._text = None
        self.party = answer["party"]
        self.as_of = answer["as_of"]
        self.treaty = answer["treaty"]

    @property
    def text(self):
        """The CLI's table (made on first use)."""
        if self._text is None:
            self._text = self._text_of()
        return self._text

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text

    def _repr_html_(self):
        return f"<pre>{self.text.splitlines()[0]}</pre>" + self.limits.to_html()

    @property
    def limits(self):
        keep = ("id", "name", "count", "max", "headroom", "status", "count_low", "count_high")
        rows = [{k: v for k, v in lim.items() if k in keep} for lim in self.json["limits"]]
        return _pd().DataFrame(rows).set_index("id")

    @property
    def categories(self):
        return _pd().DataFrame(self._require("categories")).set_index("id")

    def _breakdown(self, key, column):
        rows = [{"limit": lim["id"], column: k, "count": n}
                for lim in self.json["limits"] for k, n in self._require_in(lim, key).items()]
        return _pd().DataFrame(rows, columns=["limit", column, "count"])

    @property
    def by_type(self):
        return self._breakdown("by_type", "type")

    @property
    def by_facility(self):
        return self._breakdown("by_facility", "facility")

    @property
    def explained(self):
        return _pd().DataFrame(self._require("explain"))

    def _require(self, key):
        if key not in self.json:
            raise KeyError(f"{key}: not in this answer (use verity.report, or explain=...)")
        return self.json[key]

    def _require_in(self, limit, key):
        if key not in limit:
            raise KeyError(f"{key}: not in this answer (verity.check lists limits only; "
                           f"use verity.report)")
        return limit[key]


def _count(declaration, treaty, as_of, full, explain, sources):
    d = load_declaration(declaration)
    t = load_treaty(treaty)
    day = _date_text(as_of, "as_of")
    answer, over = _verity.count(d, t, day, full, explain, sources)
    return Report(answer, over, lambda: _verity.count_text(d, t, day, full))


def check(declaration, treaty="new-start", as_of=None, explain=None):
    """Count a declaration under a treaty (as `verity check`).

    declaration: Declaration files (JSON), '-' for standard input, or a shipped
        name such as us-2020-09-01; or a loaded Declaration, a dict or a JSON str.
    treaty: Treaty: a shipped name (new-start, follow-on-example,
        bomber-capacity-example) or a .toml file; or a loaded Treaty.
    as_of: Judge the limits on this date (default: the declaration's as_of).
    explain: List the items behind one limit (e.g. warheads).

    Returns a Report; `.over` is true if a binding limit is exceeded (where the
    CLI exits 1). Raises InvalidInput on bad input (the CLI's exit 2).
    """
    return _count(declaration, treaty, as_of, False, explain, False)


def report(declaration, treaty="new-start", as_of=None, explain=None, sources=False):
    """Limits, categories and each limit's breakdown by type and facility (as `verity report`).

    Arguments as for check; sources: List what each total rests on: the
    sources behind it and how much each carries (in `.json["sources"]`).
    """
    return _count(declaration, treaty, as_of, True, explain, sources)


def compare(declarations, treaties=SHIPPED_TREATIES, as_of=None):
    """Count declarations under several treaties side by side (as `verity compare`).

    Returns a DataFrame, a row per (party, as_of, limit, treaty) with count,
    max, headroom and status (and count_low, count_high for ranged
    declarations); a limit a treaty lacks has no row. `.attrs["json"]` holds
    the CLI's --json answer.
    """
    if not isinstance(declarations, (list, tuple)):
        declarations = [declarations]
    if isinstance(treaties, (str, os.PathLike, _verity.Treaty)):
        treaties = [treaties]
    answer = _verity.compare([load_declaration(d) for d in declarations],
                             [load_treaty(t) for t in treaties], _date_text(as_of, "as_of"))
    rows = []
    for row in answer["rows"]:
        for treaty_id, cell in row["cells"].items():
            if cell is not None:
                rows.append({"party": row["party"], "as_of": row["as_of"], "limit": row["limit"],
                             "treaty": treaty_id, **cell})
    frame = _pd().DataFrame(rows)
    frame.attrs["json"] = answer
    return frame


class Upload:
    """Upload potential (as `verity upload`): `.types` (a row per type),
    `.timeline` (a row per month, indexed by month), `.totals`, `.json`;
    str() is the CLI's text."""

    def __init__(self, answer, text):
        self.json = answer
        self.text = text
        self.totals = answer["totals"]

    def __str__(self):
        return self.text

    __repr__ = __str__

    @property
    def types(self):
        return _pd().DataFrame(self.json["types"]).set_index("type")

    @property
    def timeline(self):
        rows = []
        for row in self.json["timeline"]:
            flat = {"month": row["month"], "warheads": row["warheads"],
                    "vehicles": row["vehicles"]}
            for type_id, v in row["by_type"].items():
                flat[f"{type_id}.warheads"] = v["warheads"]
                flat[f"{type_id}.vehicles"] = v["vehicles"]
            rows.append(flat)
        return _pd().DataFrame(rows).set_index("month")


def upload(declaration, assumptions=None):
    """Warheads and delivery vehicles a party could add per type, and a
    month-by-month timeline, under stated assumptions (as `verity upload`).

    assumptions: Assumptions file (TOML); default: the shipped file for the
    declaration's party.
    """
    d = load_declaration(declaration)
    path = None if assumptions is None else os.fspath(assumptions)
    answer, text = _verity.upload(d, path)
    return Upload(answer, text)


def public_series():
    """The aggregates the parties published at each New START data exchange
    (2011-2023), a row per (date, party) with its source; a number that was
    not published is missing (NaN), never 0."""
    pd = _pd()
    frame = pd.DataFrame(_verity.public_series())
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.astype({"deployed": float, "warheads": float, "launchers": float})

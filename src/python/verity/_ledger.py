"""The notification ledger: replay to a date, timelines, entries, proofs."""
import json
import os

from . import _verity
from ._counting import _date_text, _pd
from ._errors import VerificationFailed


class Ledger:
    """The ledger in a data folder (as `verity ledger ... --data DIR`).

    treaty: the treaty to count under (a shipped name or a .toml file);
    its limits are the timeline's columns.
    """

    def __init__(self, path, treaty="new-start"):
        self.path = os.fspath(path)
        self._l = _verity.Ledger(self.path, os.fspath(treaty))

    @staticmethod
    def write_sample(path, start="2011-02-05", end="2023-03-01", treaty="new-start"):
        """Create a ledger in `path` holding the signed, reproducible sample
        history from `start` to `end` (as `verity ledger sample`) and open it."""
        _verity.write_sample(os.fspath(path), _date_text(start, "start"), _date_text(end, "end"),
                             os.fspath(treaty))
        return Ledger(path, treaty)

    def __len__(self):
        return self._l.size()

    def state(self, as_of, party, checkpoints=True):
        """The declaration reconstructed as of a date (as `verity ledger state`):
        `party`'s state after every change on or before `as_of`. Raises
        InvalidInput if the party had notified nothing by then."""
        return self._l.state(_date_text(as_of, "as_of"), party, checkpoints)

    def timeline(self, party, start=None, end=None):
        """The count of every limit for every day (as `verity ledger timeline`):
        a DataFrame indexed by date, a column per limit. start/end default to
        the party's first and last change. The counts are a NumPy array
        filled by the library (no copy)."""
        pd = _pd()
        days, counts, limits = self._l.timeline(party, _date_text(start, "start"),
                                                _date_text(end, "end"))
        index = pd.DatetimeIndex(days.astype("datetime64[D]"), name="date")
        return pd.DataFrame(counts, index=index, columns=list(limits), copy=False)

    def entries(self, start=0, end=None):
        """The log's entries [start, end) as a DataFrame indexed by log index
        (party, serial, type, occurred, sent, body, key_id, signature, ...)."""
        rows = self._l.entries(start, end)
        frame = _pd().DataFrame(rows)
        return frame.set_index("index") if len(frame) else frame

    def ambiguities(self):
        """The ambiguities found in the record (as `verity ledger ambiguities`)."""
        return _pd().DataFrame(self._l.ambiguities())

    def verify(self, tree_head=None):
        """Recompute every hash, signature and root (as `verity ledger verify`).

        tree_head: a tree head saved earlier (a dict, or a path to its JSON) to
        check against. Returns the report (a dict); raises VerificationFailed,
        with the report as `.report`, on tampering."""
        ok, report = self._l.verify(_tree_head_text(tree_head))
        if not ok:
            problems = "; ".join(p["message"] for p in report.get("problems", []))
            raise VerificationFailed("data_loss", f"{self.path}: verification failed: {problems}",
                                     report)
        return report

    def prove(self, index, size=None):
        """An inclusion proof (a dict) for one entry, against the signed tree
        head of `size` (default: newest), as `verity ledger prove`."""
        return self._l.prove(index, size)

    def consistency(self, start, end=None):
        """A consistency proof from tree size `start` to signed size `end`."""
        return self._l.consistency(start, end)


def _tree_head_text(tree_head):
    if tree_head is None:
        return None
    if isinstance(tree_head, (str, os.PathLike)) and not str(tree_head).lstrip().startswith("{"):
        with open(tree_head, encoding="utf-8") as f:
            tree_head = json.load(f)
    if isinstance(tree_head, str):
        tree_head = json.loads(tree_head)
    for key in ("tree_head", "latest_tree_head"):
        if isinstance(tree_head, dict) and key in tree_head:
            tree_head = tree_head[key]
    return json.dumps(tree_head)


def check_proof(proof, tree_head=None):
    """Check a proof offline (as `verity ledger check-proof`); returns what it
    proves, raises VerificationFailed if it fails."""
    if isinstance(proof, (str, os.PathLike)) and not str(proof).lstrip().startswith("{"):
        with open(proof, encoding="utf-8") as f:
            proof = json.load(f)
    text = proof if isinstance(proof, str) else json.dumps(proof)
    return _verity.check_proof(text, _tree_head_text(tree_head))

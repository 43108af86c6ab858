"""The package's exceptions: every library error arrives as one of these.

A library error is a status code and the message the CLI prints after
"verity: ". InvalidInput also splits the message into the file it names and
the key path inside it, when it names them:

    "us.json: items[17].launcher: unknown launcher 'X'"
        -> file "us.json", path "items[17].launcher"
"""
import re

# A file: "-", "<dict>", a path with a folder, or a name with a file's extension.
_FILE = re.compile(r"^(?:-|<[^>]*>|[^\s:]*/[^\s:]*|[^\s:/]+\.(?:json|jsonl|toml|csv|txt|key|pub))$")
_PATH = re.compile(r"^(?:[A-Za-z_][\w-]*|\(top level\))(?:\[\d+\]|\.[A-Za-z_][\w-]*|\[[^\]]+\])*"
                   r"(?: \(line \d+\))?$")


class Error(Exception):
    """Base class: `.code` (e.g. "invalid_argument") and `.message`."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class InvalidInput(Error, ValueError):
    """Bad input (the CLI's exit code 2): `.file` and `.path` name where, or are None."""

    def __init__(self, code, message):
        super().__init__(code, message)
        self.file, self.path = split_location(message)


class VerificationFailed(Error):
    """A ledger, a proof or a record failed verification (the CLI's exit code 1).

    `.report` holds the verification report when there is one.
    """

    def __init__(self, code, message, report=None):
        super().__init__(code, message)
        self.report = report


class EngineError(Error, RuntimeError):
    """The machine failed (a file or database unavailable, an internal error)."""


_BY_CODE = {
    "invalid_argument": InvalidInput,
    "not_found": InvalidInput,
    "already_exists": InvalidInput,
    "failed_precondition": InvalidInput,
    "permission_denied": InvalidInput,
    "unauthenticated": InvalidInput,
    "data_loss": VerificationFailed,
}


def split_location(message):
    """(file, path) named at the start of a library message, each or both None."""
    parts = message.split(": ")
    if len(parts) < 2:
        return None, None
    file = None
    if _FILE.match(parts[0]):
        file, parts = parts[0], parts[1:]
    path = parts[0] if len(parts) >= 2 and _PATH.match(parts[0]) else None
    return file, path


def from_status(code, message):
    """The exception for a library status (called by the extension module)."""
    return _BY_CODE.get(code, EngineError)(code, message)

"""Verity from Python: the engine's libraries, with pandas tables and NumPy arrays.

    import verity
    print(verity.check(verity.load_declaration("data/declarations/us-2020-09-01.json")))

Every function calls the same library function as the CLI command it names
(`verity check`, `verity ledger timeline`, `verity simulate`, ...); nothing
runs the CLI. Errors raise verity.InvalidInput (bad input: `.file`, `.path`,
and the CLI's message), verity.VerificationFailed, or verity.EngineError.
Built for one interpreter, Debian's /usr/bin/python3.
"""
from ._errors import EngineError, Error, InvalidInput, VerificationFailed
from ._verity import Declaration, Treaty, shipped_treaties
from ._counting import (Report, Upload, check, compare, load_declaration, load_treaty,
                        public_series, report, shipped_declarations, upload)
from ._ledger import Ledger, check_proof
from ._stats import (GameValue, Plan, SampleSize, Simulation, detect, game, game2x2, plan,
                     sample_size, simulate)
from ._sweep import sweep

__all__ = [
    "Declaration", "EngineError", "Error", "GameValue", "InvalidInput", "Ledger", "Plan",
    "Report", "SampleSize", "Simulation", "Treaty", "Upload", "VerificationFailed", "check",
    "check_proof", "compare", "detect", "game", "game2x2", "load_declaration", "load_treaty",
    "plan", "public_series", "report", "sample_size", "shipped_declarations",
    "shipped_treaties", "simulate", "sweep", "upload",
]

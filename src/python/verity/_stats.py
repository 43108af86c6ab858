"""Verification statistics: exact formulas, games, planning, Monte Carlo."""
import collections
import fractions
import os

from . import _verity
from ._counting import _pd

SampleSize = collections.namedtuple("SampleSize", "exact iaea")
GameValue = collections.namedtuple("GameValue", "value fraction")


def detect(population, defects, sample):
    """Chance that a random sample without replacement holds at least one
    defect (as `verity stats detect`): N items, R defective, a sample of n."""
    return _verity.detect(population, defects, sample)["detection_probability"]


def sample_size(population, defects, detect):
    """Smallest sample reaching a detection probability, exact and by the
    IAEA formula ceil(N(1-(1-P)^(1/R))) (as `verity stats sample-size`).

    detect: Detection probability to reach, a decimal such as 0.95 (a str,
    or a float taken as its shortest decimal form)."""
    text = detect if isinstance(detect, str) else repr(float(detect))
    answer = _verity.sample_size(population, defects, text)
    return SampleSize(answer["sample_size"], answer["sample_size_iaea"])


def game(periods, inspections):
    """Value of Dresher's recursive inspection game, as a float and an exact
    Fraction (as `verity stats game`)."""
    answer = _verity.game(periods, inspections)
    return GameValue(answer["value"],
                     fractions.Fraction(int(answer["numerator"]), int(answer["denominator"])))


def game2x2(**payoffs):
    """Mixed equilibrium and deterrence threshold of the 2x2 inspection game
    (as `verity stats game2x2`). Keywords and defaults: GAME2X2_DEFAULTS
    (gain d, sanction b, cost c, catch_gain a, loss L, detection 1-beta,
    false_alarm alpha, false_alarm_cost h)."""
    unknown = set(payoffs) - set(_verity.GAME2X2_DEFAULTS)
    if unknown:
        raise TypeError(f"game2x2: unknown payoffs {sorted(unknown)}; "
                        f"known: {sorted(_verity.GAME2X2_DEFAULTS)}")
    p = {**_verity.GAME2X2_DEFAULTS, **payoffs}
    return _verity.game2x2(p["gain"], p["sanction"], p["cost"], p["catch_gain"], p["loss"],
                           p["detection"], p["false_alarm"], p["false_alarm_cost"])


class Simulation:
    """A Monte Carlo run (as `verity simulate --json`, in `.json`).

    `.first_detection` and `.site_detections` are the engine's tallies as
    NumPy arrays (trials first detecting at each inspection of the year;
    trials detecting at each site); `.steps`, `.by_month` and `.sites` are
    DataFrames; `.detection_probability` and `.interval` (95% Wilson)."""

    def __init__(self, answer, first_detection, site_detections):
        self.json = answer
        self.first_detection = first_detection
        self.site_detections = site_detections
        self.detection_probability = answer["detection_probability"]
        ci = answer["confidence_interval"]
        self.interval = (ci["low"], ci["high"])
        self.trials = answer["trials"]
        self.seed = answer["seed"]

    def __repr__(self):
        low, high = self.interval
        return (f"<Simulation {self.json['scenario']!r}: P(detect) = "
                f"{self.detection_probability:.4f} (95% CI {low:.4f} - {high:.4f}), "
                f"{self.trials} trials, seed {self.seed}>")

    @property
    def steps(self):
        return _pd().DataFrame(self.json["time_to_first_detection"]).set_index("inspection")

    @property
    def by_month(self):
        return _pd().DataFrame(self.json["first_detection_by_month"]).set_index("month")

    @property
    def sites(self):
        return _pd().DataFrame(self.json["sites"]).set_index("id")


def simulate(scenario, trials=None, threads=None, seed=None, progress=None, data=None):
    """Monte Carlo: chance that a concealment strategy is caught within a
    treaty year (as `verity simulate`).

    scenario: Scenario file (TOML), e.g. data/scenarios/us-2020-upload.toml
    trials: Simulated treaty years (default: the file's, else 1000000)
    threads: Worker threads (the result does not depend on it); default: all cores
    seed: Random seed (default: the file's, else 1)
    progress: called as progress(done, total) about every 100 ms, with the GIL
        held; the run itself releases the GIL. An exception it raises is
        raised again when the run ends.
    data: Data folder of the ledger, for scenarios with [ledger_state]
    """
    if threads is None:
        threads = os.cpu_count() or 1
    answer, first, sites = _verity.simulate(os.fspath(scenario), trials, threads, seed, progress,
                                            None if data is None else os.fspath(data))
    return Simulation(answer, first, sites)


class Plan:
    """An inspection plan (as `verity inspect plan --json`, in `.json`):
    `.detection_probability` guaranteed against the best hiding place,
    `.bases` a DataFrame (expected inspections, detection if hidden there)."""

    def __init__(self, answer):
        self.json = answer
        self.detection_probability = answer["detection_probability"]
        self.fixed_detection_probability = answer["fixed_detection_probability"]

    def __repr__(self):
        return (f"<Plan {self.json['scenario']!r}: {self.json['inspections']} inspections, "
                f"guaranteed P(detect) = {self.detection_probability:.4f}>")

    @property
    def bases(self):
        return _pd().DataFrame(self.json["bases"]).set_index("id")


def plan(scenario, inspections=None, overloaded=None, data=None):
    """Spread Type One inspections over bases to maximise the worst-case
    detection probability (as `verity inspect plan`).

    inspections: Type One inspections (default: the scenario's)
    overloaded: Overloaded missiles hidden at one base (default: the scenario's)
    """
    return Plan(_verity.plan(os.fspath(scenario), inspections, overloaded,
                             None if data is None else os.fspath(data)))

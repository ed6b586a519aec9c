"""Qualtran's magic-state factory models behind our :class:`MagicStateFactory` interface.

Qualtran (``qualtran.surface_code``) models three factories in units of surface-code *cycles*
(syndrome-extraction rounds) under a :class:`~qualtran.surface_code.LogicalErrorModel`, i.e. a
physical error rate ``p`` and a QEC scheme ``a*(p/p*)^((d+1)/2)``:

* :class:`~qualtran.surface_code.FifteenToOne`: Litinski's single-level 15-to-1 T factory
  (distances ``d_X, d_Z, d_m``), with its output error from a density-matrix simulation.
* :class:`~qualtran.surface_code.CCZ2TFactory`: Gidney and Fowler's two-level factory that makes
  CCZ states, or pairs of T states through the catalysed CCZ -> 2T transformation.
* :class:`~qualtran.surface_code.MultiFactory`: several copies of one factory.

The adapters here fix the machine (physical error, QEC scheme, cycle time) and convert cycles to
nanoseconds, so the models plug into our physical estimate and can be compared with QRE's
round-based factories. The sources search the models' distance grids.

All numbers come from Qualtran's code; the adapters only convert units and read off per-run
quantities (documented per property).

References:
    [Magic State Distillation: Not as Costly as You Think](https://arxiv.org/abs/1905.06903).
    Litinski (2019). Table 1 and p. 11 (qubits, 6 d_m cycles per run).

    [Efficient magic state factories with a catalyzed |CCZ> to 2|T> transformation](https://arxiv.org/abs/1812.01238).
    Gidney and Fowler (2019). Section 2 (CCZ depth 5.5, catalysed T pairs).
"""

from __future__ import annotations

import abc
import functools
import math
from typing import TYPE_CHECKING, Any, Literal

import attrs
from attrs import field, frozen

from estimator.errors import InvalidInputError
from estimator.magic.base import MagicStateFactory, MagicStateSource
from estimator.validation import check_positive, check_probability, to_number

if TYPE_CHECKING:
    from qualtran.resource_counting import GateCounts
    from qualtran.surface_code import LogicalErrorModel, QECScheme
    from qualtran.surface_code import MagicStateFactory as QualtranFactoryModel

    from estimator.hardware import PhysicalQubit
    from estimator.logical import LogicalCounts
    from estimator.qec import QECCode


def gidney_fowler_scheme() -> QECScheme:
    """Qualtran's Gidney-Fowler QEC scheme, ``0.1*(p/0.01)^((d+1)/2)`` (arXiv:1808.06709)."""
    from qualtran.surface_code import QECScheme

    return QECScheme.make_gidney_fowler()


def _check_scheme(scheme: Any) -> Any:
    from qualtran.surface_code import QECScheme

    if not isinstance(scheme, QECScheme):
        raise InvalidInputError("qec_scheme", scheme, "a qualtran.surface_code.QECScheme")
    check_positive("qec_scheme.error_rate_scaler", scheme.error_rate_scaler)
    check_probability("qec_scheme.error_rate_threshold", scheme.error_rate_threshold)
    return scheme


def _check_distance(name: str, d: Any, minimum: int = 1) -> None:
    if isinstance(d, bool) or not isinstance(d, int) or d < minimum:
        raise InvalidInputError(name, d, f"an integer code distance >= {minimum}")


def _gate_counts_without_rotations(counts: LogicalCounts) -> GateCounts:
    """Our counts as qualtran ``GateCounts``, refusing rotations.

    Qualtran's factories silently cost a rotation as 11 T states (``GateCounts.total_t_count``);
    we make the caller choose a synthesis model and pass T counts instead.
    """
    numeric = counts.numeric()
    if numeric.rotation_count:
        raise InvalidInputError(
            "counts.rotation_count",
            numeric.rotation_count,
            "0 for a factory model",
            hint="synthesize rotations into T gates first; qualtran would assume 11 T each",
        )
    return numeric.to_gate_counts()


class QualtranBackedFactory(MagicStateFactory):
    """A :class:`MagicStateFactory` whose numbers come from a Qualtran factory model.

    Subclasses fix the machine through three fields: ``physical_error``, ``cycle_time_ns`` (one
    syndrome-extraction round) and ``qec_scheme`` (a qualtran ``QECScheme``).
    """

    physical_error: float
    cycle_time_ns: float
    qec_scheme: QECScheme

    @property
    @abc.abstractmethod
    def qualtran_factory(self) -> QualtranFactoryModel:
        """The Qualtran factory object these numbers come from."""

    @property
    def logical_error_model(self) -> LogicalErrorModel:
        """Qualtran's logical error model: this QEC scheme at this physical error rate."""
        from qualtran.surface_code import LogicalErrorModel

        return LogicalErrorModel(physical_error=self.physical_error, qec_scheme=self.qec_scheme)

    def cycles_for(self, counts: LogicalCounts) -> int:
        """Qualtran's cycle count to distill the magic states of ``counts`` on this factory.

        Args:
            counts: Numeric logical counts without rotations (T, CCZ and CCiX only matter).
        """
        gc = _gate_counts_without_rotations(counts)
        return int(self.qualtran_factory.n_cycles(gc, self.logical_error_model))

    def duration_ns_for(self, counts: LogicalCounts) -> float:
        """``cycles_for(counts) * cycle_time_ns``."""
        return self.cycles_for(counts) * self.cycle_time_ns

    def error_for(self, counts: LogicalCounts) -> float:
        """Qualtran's total distillation error for the magic states of ``counts``."""
        gc = _gate_counts_without_rotations(counts)
        return float(self.qualtran_factory.factory_error(gc, self.logical_error_model))

    def _check_machine(self) -> None:
        check_probability("physical_error", self.physical_error)
        check_positive("cycle_time_ns", self.cycle_time_ns)
        _check_scheme(self.qec_scheme)


@functools.lru_cache(maxsize=1024)
def _fifteen_to_one_probabilities(
    d_x: int, d_z: int, d_m: int, physical_error: float, scaler: float, threshold: float
) -> tuple[float, float]:
    """``(p_fail, p_out)`` of qualtran's simulated 15-to-1 factory (cached; ~0.1 s each)."""
    from qualtran.surface_code import FifteenToOne, LogicalErrorModel, QECScheme

    lem = LogicalErrorModel(
        physical_error=physical_error,
        qec_scheme=QECScheme(error_rate_scaler=scaler, error_rate_threshold=threshold),
    )
    factory = FifteenToOne(d_X=d_x, d_Z=d_z, d_m=d_m)
    return float(factory.p_fail(lem)), float(factory.p_out(lem))


@frozen(kw_only=True)
class LitinskiFifteenToOne(QualtranBackedFactory):
    """Litinski's single-level 15-to-1 T factory, as modelled by qualtran's ``FifteenToOne``.

    One run consumes 15 noisy T states and yields one T state after ``6 d_m`` cycles, or is
    discarded (probability :attr:`failure_probability`); so the expected cycles per output state
    are ``6 d_m / (1 - p_fail)`` (arXiv:1905.06903, p. 11).

    Attributes:
        d_x: Distance along which X measurements happen (``0 < d_x <= 3 d_m``).
        d_z: Distance along which Z measurements happen.
        d_m: Code cycles of each lattice-surgery measurement.
        physical_error: Physical error rate ``p``.
        cycle_time_ns: Duration of one syndrome-extraction round.
        qec_scheme: Qualtran QEC scheme; Litinski's table uses Gidney-Fowler's
            ``0.1*(p/0.01)^((d+1)/2)``.
    """

    d_x: int
    d_z: int
    d_m: int
    physical_error: float
    cycle_time_ns: float = 1000.0
    qec_scheme: QECScheme = field(factory=gidney_fowler_scheme)

    def __attrs_post_init__(self) -> None:
        _check_distance("d_x", self.d_x)
        _check_distance("d_z", self.d_z)
        _check_distance("d_m", self.d_m)
        if self.d_x > 3 * self.d_m:  # qualtran's FifteenToOne asserts 0 < d_X <= 3 d_m
            raise InvalidInputError("d_x", self.d_x, f"d_x <= 3*d_m = {3 * self.d_m}")
        self._check_machine()

    @property
    def qualtran_factory(self) -> QualtranFactoryModel:
        from qualtran.surface_code import FifteenToOne

        return FifteenToOne(d_X=self.d_x, d_Z=self.d_z, d_m=self.d_m)

    def _probabilities(self) -> tuple[float, float]:
        s = self.qec_scheme
        return _fifteen_to_one_probabilities(
            self.d_x,
            self.d_z,
            self.d_m,
            float(self.physical_error),
            float(s.error_rate_scaler),
            float(s.error_rate_threshold),
        )

    @property
    def name(self) -> str:
        return f"15-to-1 (Litinski) d_X={self.d_x}, d_Z={self.d_z}, d_m={self.d_m}"

    @property
    def physical_qubits(self) -> int:
        """``2 (d_X + 4 d_Z) 3 d_X + 4 d_m`` (arXiv:1905.06903, p. 11, via qualtran)."""
        return int(self.qualtran_factory.n_physical_qubits())

    @property
    def failure_probability(self) -> float:
        """Probability that a run is discarded (a distillation check fails)."""
        return self._probabilities()[0]

    @property
    def expected_cycles(self) -> float:
        """Expected cycles per output state, ``6 d_m / (1 - p_fail)`` (arXiv:1905.06903, p. 11)."""
        return 6 * self.d_m / (1 - self.failure_probability)

    @property
    def duration_ns(self) -> int:
        """Expected duration per output state, ``ceil(expected_cycles * cycle_time_ns)``."""
        return math.ceil(self.expected_cycles * self.cycle_time_ns)

    @property
    def output_states(self) -> int:
        return 1

    @property
    def output_error(self) -> float:
        """Error of the output T state, from qualtran's density-matrix simulation."""
        return self._probabilities()[1]

    @property
    def max_code_distance(self) -> int:
        return max(self.d_x, self.d_z, self.d_m)


@frozen(kw_only=True)
class GidneyFowlerCCZ2T(QualtranBackedFactory):
    """Gidney and Fowler's two-level CCZ factory with catalysed CCZ -> 2T, via qualtran.

    Qualtran's ``CCZ2TFactory`` charges ``5.5 * d_dist`` cycles per CCZ state and one more
    ``d_dist`` per catalysed T pair, with ``d_dist = max(2 d1 + 1, d2)`` (arXiv:1812.01238,
    Section 2), and an error ``l2_error`` per CCZ state *and* per pair of T states. One *run*
    here is therefore one CCZ state (``output="CCZ"``: 5.5 ``d_dist`` cycles, error
    ``l2_error``) or one catalysed pair of T states (``output="T"``: 6.5 ``d_dist`` cycles,
    two states of error ``l2_error / 2`` each, so that a union bound over the pair gives back
    qualtran's ``l2_error``).

    Attributes:
        l1_distance: Code distance of the level-1 (15-to-1 T) factories.
        l2_distance: Code distance of the level-2 (CCZ) factory.
        physical_error: Physical error rate ``p``.
        cycle_time_ns: Duration of one syndrome-extraction round.
        qec_scheme: Qualtran QEC scheme (Gidney-Fowler's by default).
        output: ``"T"`` (catalysed T pairs) or ``"CCZ"``.
    """

    l1_distance: int = 15
    l2_distance: int = 31
    physical_error: float = 1e-3
    cycle_time_ns: float = 1000.0
    qec_scheme: QECScheme = field(factory=gidney_fowler_scheme)
    output: Literal["T", "CCZ"] = "T"

    def __attrs_post_init__(self) -> None:
        # l1_distance // 2 stores level-0 states; qualtran needs it >= 1.
        _check_distance("l1_distance", self.l1_distance, minimum=2)
        _check_distance("l2_distance", self.l2_distance)
        if self.output not in ("T", "CCZ"):
            raise InvalidInputError("output", self.output, "'T' or 'CCZ'")
        self._check_machine()

    @property
    def qualtran_factory(self) -> QualtranFactoryModel:
        from qualtran.surface_code import CCZ2TFactory

        return CCZ2TFactory(distillation_l1_d=self.l1_distance, distillation_l2_d=self.l2_distance)

    @property
    def name(self) -> str:
        return f"CCZ->2T (Gidney-Fowler) d1={self.l1_distance}, d2={self.l2_distance}"

    @property
    def physical_qubits(self) -> int:
        """``6 * 64 d1^2 + 64 d2^2`` (qualtran's ``CCZ2TFactory.n_physical_qubits``)."""
        return int(self.qualtran_factory.n_physical_qubits())

    @property
    def distillation_distance(self) -> int:
        """``max(2 d1 + 1, d2)``, the cycles per logical step of the factory (qualtran)."""
        return max(2 * self.l1_distance + 1, self.l2_distance)

    @property
    def cycles_per_run(self) -> float:
        """5.5 (CCZ) or 6.5 (T pair) times :attr:`distillation_distance` (arXiv:1812.01238)."""
        # qualtran ccz2t_factory.py: ccz_depth = 5.5 per CCZ state, +1 step per catalysation.
        steps = 5.5 if self.output == "CCZ" else 6.5
        return steps * self.distillation_distance

    @property
    def duration_ns(self) -> int:
        """``ceil(cycles_per_run * cycle_time_ns)``."""
        return math.ceil(self.cycles_per_run * self.cycle_time_ns)

    @property
    def output_states(self) -> int:
        return 1 if self.output == "CCZ" else 2

    @property
    def level2_error(self) -> float:
        """Qualtran's ``l2_error``: error of one CCZ state or of one pair of T states."""
        return float(self.qualtran_factory.l2_error(self.logical_error_model))

    @property
    def output_error(self) -> float:
        """``l2_error`` per CCZ state, ``l2_error / 2`` per T state (see the class doc)."""
        return self.level2_error / self.output_states

    @property
    def max_code_distance(self) -> int:
        return max(self.l1_distance, self.l2_distance)


@frozen(kw_only=True)
class QualtranMultiFactory(QualtranBackedFactory):
    """``copies`` identical factories run side by side (qualtran's ``MultiFactory``).

    Physical qubits and output states per run scale with ``copies``; duration and per-state error
    are the base factory's. (Qualtran divides the cycles by ``copies`` instead, which is the
    same rate; :meth:`cycles_for` uses qualtran's rounding.)

    Attributes:
        base: The replicated factory.
        copies: Number of copies, at least 1.
    """

    base: LitinskiFifteenToOne | GidneyFowlerCCZ2T
    copies: int

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.base, (LitinskiFifteenToOne, GidneyFowlerCCZ2T)):
            raise InvalidInputError(
                "base", self.base, "a LitinskiFifteenToOne or GidneyFowlerCCZ2T factory"
            )
        _check_distance("copies", self.copies)

    @property
    def physical_error(self) -> float:  # type: ignore[override]
        return self.base.physical_error

    @property
    def cycle_time_ns(self) -> float:  # type: ignore[override]
        return self.base.cycle_time_ns

    @property
    def qec_scheme(self) -> QECScheme:  # type: ignore[override]
        return self.base.qec_scheme

    @property
    def qualtran_factory(self) -> QualtranFactoryModel:
        from qualtran.surface_code import MultiFactory

        return MultiFactory(base_factory=self.base.qualtran_factory, n_factories=self.copies)

    @property
    def name(self) -> str:
        return f"{self.copies} x {self.base.name}"

    @property
    def physical_qubits(self) -> int:
        return self.copies * self.base.physical_qubits

    @property
    def duration_ns(self) -> int:
        return self.base.duration_ns

    @property
    def output_states(self) -> int:
        return self.copies * self.base.output_states

    @property
    def output_error(self) -> float:
        return self.base.output_error

    @property
    def max_code_distance(self) -> int:
        return self.base.max_code_distance


# ---- sources (searches over the models' distance grids) ------------------------------------

#: A search stops growing a distance once the output error improves by less than 1 % per step
#: (a search heuristic, not a physical constant).
_SATURATED = 0.99


def _pareto(factories: list[MagicStateFactory]) -> list[MagicStateFactory]:
    """Drop factories that another one beats (or ties) in both qubits and time per state."""
    ranked = sorted(
        factories, key=lambda f: (f.physical_qubits, f.duration_ns / f.output_states, f.name)
    )
    out: list[MagicStateFactory] = []
    best_time = math.inf
    for f in ranked:
        t = f.duration_ns / f.output_states
        if t < best_time:
            out.append(f)
            best_time = t
    return out


def machine_parameters(qubit: PhysicalQubit, qec: QECCode) -> tuple[float, float, QECScheme]:
    """``(physical_error, cycle_time_ns, qualtran QECScheme)`` of a qubit under one of our codes.

    Qualtran's factory footprints are surface-code layouts, so only surface codes (gate-based or
    Majorana) are accepted. The physical error is ``qec.physical_error(qubit)``, one syndrome
    round lasts ``qec.logical_cycle_time_ns(1, qubit)`` (the logical cycle is ``d`` rounds), and
    the scheme carries the code's prefactor ``a`` and threshold ``p*``.

    Raises:
        InvalidInputError: If the code is not a surface code, or its logical error has a ``d^k``
            factor (``distance_power``), which qualtran's ``QECScheme`` cannot express.
    """
    from qualtran.surface_code import QECScheme

    if getattr(qec, "name", "") != "surface_code":
        raise InvalidInputError(
            "qec", getattr(qec, "name", qec), "surface_code (qualtran's factory layouts)"
        )
    power = getattr(qec, "distance_power", 0)
    if power:
        raise InvalidInputError(
            "qec.distance_power", power, "0 for qualtran's factory models (a (p/p*)^((d+1)/2))"
        )
    perr = to_number("physical_error", qec.physical_error(qubit))
    cycle = to_number("cycle_time_ns", qec.logical_cycle_time_ns(1, qubit))
    scheme = QECScheme(error_rate_scaler=qec.crossing_prefactor, error_rate_threshold=qec.threshold)
    return perr, cycle, scheme


class _QualtranSource(MagicStateSource):
    """A source searched with qualtran's models: machine parameters come from our qubit/code."""

    @abc.abstractmethod
    def search(
        self,
        *,
        output_error: float,
        physical_error: float,
        cycle_time_ns: float,
        max_code_distance: int,
    ) -> list[MagicStateFactory]:
        """The Pareto-optimal factories reaching ``output_error``."""

    def find_factories(
        self,
        *,
        output_error: float,
        qubit: PhysicalQubit,
        qec: QECCode,
        max_code_distance: int,
    ) -> list[MagicStateFactory]:
        perr, cycle, scheme = machine_parameters(qubit, qec)
        return attrs.evolve(self, qec_scheme=scheme).search(
            output_error=output_error,
            physical_error=perr,
            cycle_time_ns=cycle,
            max_code_distance=max_code_distance,
        )


@frozen(kw_only=True)
class LitinskiSource(_QualtranSource):
    """Search over Litinski 15-to-1 factories with ``d_m = d_Z <= d_X <= 3 d_Z``.

        For each ``d_Z`` the smallest ``d_X`` that reaches the output error is kept (a larger
        ``d_X`` only adds qubits), then the Pareto front over ``d_Z``. All four configurations of
        Litinski's Table 1 (single level) have ``d_m = d_Z``. Growing ``d_X`` (or ``d_Z``) stops
        once the output error improves by less than 1 % per step: a single level cannot go below
        its distillation floor (about ``35 p^3``). The search first checks the largest distances
    ``(D, D, D)`` and returns no factory if even they miss the target.

        Attributes:
            qec_scheme: Qualtran QEC scheme (Gidney-Fowler's by default).
            min_distance: Smallest distance tried.
    """

    qec_scheme: QECScheme = field(factory=gidney_fowler_scheme)
    min_distance: int = 3

    @property
    def name(self) -> str:
        return "litinski_15to1"

    def search(
        self,
        *,
        output_error: float,
        physical_error: float,
        cycle_time_ns: float,
        max_code_distance: int,
    ) -> list[MagicStateFactory]:
        """The Pareto-optimal factories reaching ``output_error`` (see the class doc)."""
        check_probability("output_error", output_error)
        _check_distance("max_code_distance", max_code_distance)
        top = max_code_distance if max_code_distance % 2 else max_code_distance - 1
        floor = LitinskiFifteenToOne(
            d_x=top,
            d_z=top,
            d_m=top,
            physical_error=physical_error,
            cycle_time_ns=cycle_time_ns,
            qec_scheme=self.qec_scheme,
        )
        if top < self.min_distance or floor.output_error > output_error:
            return []  # even the largest distances stay above the target
        found: list[MagicStateFactory] = []
        previous_best = math.inf
        for d_z in range(self.min_distance | 1, max_code_distance + 1, 2):
            best = math.inf
            for d_x in range(d_z, min(3 * d_z, max_code_distance) + 1, 2):
                f = LitinskiFifteenToOne(
                    d_x=d_x,
                    d_z=d_z,
                    d_m=d_z,
                    physical_error=physical_error,
                    cycle_time_ns=cycle_time_ns,
                    qec_scheme=self.qec_scheme,
                )
                err = f.output_error
                if err <= output_error:
                    found.append(f)
                    best = err
                    break
                if err >= _SATURATED * best:  # larger d_X no longer helps
                    break
                best = err
            if best >= _SATURATED * previous_best:  # the distillation floor ~35 p^3 is reached
                break
            previous_best = best
        return _pareto(found)


@frozen(kw_only=True)
class GidneyFowlerSource(_QualtranSource):
    """Search over Gidney-Fowler CCZ -> 2T factories, like qualtran's ``iter_ccz2t_factories``.

    Level-1 distances run over odd ``l1_start <= d1 <= max``, level-2 over odd ``d1 < d2 <=
    max`` (qualtran's default grid is ``5 <= d1 < 25``, ``d1 + 2 <= d2 < 41``).

    Attributes:
        qec_scheme: Qualtran QEC scheme (Gidney-Fowler's by default).
        l1_start: Smallest level-1 distance.
        output: ``"T"`` or ``"CCZ"`` states.
    """

    qec_scheme: QECScheme = field(factory=gidney_fowler_scheme)
    l1_start: int = 5
    output: Literal["T", "CCZ"] = "T"

    @property
    def name(self) -> str:
        return "gidney_fowler_ccz2t"

    def search(
        self,
        *,
        output_error: float,
        physical_error: float,
        cycle_time_ns: float,
        max_code_distance: int,
    ) -> list[MagicStateFactory]:
        """The Pareto-optimal factories reaching ``output_error``."""
        check_probability("output_error", output_error)
        _check_distance("max_code_distance", max_code_distance)
        found: list[MagicStateFactory] = []
        for d1 in range(self.l1_start, max_code_distance + 1, 2):
            for d2 in range(d1 + 2, max_code_distance + 1, 2):
                f = GidneyFowlerCCZ2T(
                    l1_distance=d1,
                    l2_distance=d2,
                    physical_error=physical_error,
                    cycle_time_ns=cycle_time_ns,
                    qec_scheme=self.qec_scheme,
                    output=self.output,
                )
                if f.output_error <= output_error:
                    found.append(f)
        return _pareto(found)

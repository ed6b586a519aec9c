"""Logical resource counts: the interface between algorithms and the physical estimate.

A :class:`LogicalCounts` holds what an algorithm needs from a fault-tolerant machine, in the
vocabulary of Microsoft's resource estimator (QRE): logical qubits, T gates, CCZ (Toffoli) and
CCiX (And) gates, arbitrary-angle rotations (count and depth) and measurements. Values may be
sympy expressions; :meth:`LogicalCounts.subs` turns them into numbers.

Rotations may additionally carry their angles (:attr:`LogicalCounts.rotation_angles`), because
some architectures (STAR-style injection, small-angle synthesis) cost a rotation by its angle.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendix C (the logical counts and the layout that consumes them).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import sympy
from attrs import field, frozen

from estimator.errors import InvalidInputError, ModelFileError
from estimator.validation import check_non_negative, is_symbolic, to_number

if TYPE_CHECKING:
    from qualtran import Bloq
    from qualtran.resource_counting import GateCounts

#: QRE's JSON field names, in the order QRE prints them, mapped to our attribute names.
QRE_FIELDS: dict[str, str] = {
    "numQubits": "num_qubits",
    "tCount": "t_count",
    "rotationCount": "rotation_count",
    "rotationDepth": "rotation_depth",
    "cczCount": "ccz_count",
    "ccixCount": "ccix_count",
    "measurementCount": "measurement_count",
}

_COUNT_FIELDS = tuple(QRE_FIELDS.values())
_QRE_KEY_OF = {name: key for key, name in QRE_FIELDS.items()}


def _angles_converter(value: Any) -> tuple[tuple[Any, Any], ...]:
    if value is None:
        return ()
    if isinstance(value, Mapping):
        value = value.items()
    return tuple((a, c) for a, c in value)


@frozen(kw_only=True, cache_hash=True)
class LogicalCounts:
    """Logical resources of one algorithm run (numbers or sympy expressions).

    Attributes:
        num_qubits: Algorithm logical qubits, before layout/routing overhead.
        t_count: Number of T gates.
        ccz_count: Number of CCZ (equivalently Toffoli) gates.
        ccix_count: Number of CCiX gates (Gidney's logical-AND computation).
        rotation_count: Number of arbitrary-angle single-qubit rotations.
        rotation_depth: Number of layers that contain at least one rotation.
        measurement_count: Number of single-qubit measurements.
        rotation_angles: Optional histogram ``((angle_rad, count), ...)`` of the rotations. When
            given, the counts should add up to ``rotation_count``. Angles use the convention
            ``Rz(angle) = exp(-i angle Z / 2)``.
    """

    num_qubits: Any = 0
    t_count: Any = 0
    ccz_count: Any = 0
    ccix_count: Any = 0
    rotation_count: Any = 0
    rotation_depth: Any = None
    measurement_count: Any = 0
    rotation_angles: tuple[tuple[Any, Any], ...] = field(default=(), converter=_angles_converter)

    def __attrs_post_init__(self) -> None:
        if self.rotation_depth is None:
            object.__setattr__(self, "rotation_depth", self.rotation_count)
        for name in _COUNT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
                object.__setattr__(self, name, value)
            check_non_negative(name, value)
        rc, rd = self.rotation_count, self.rotation_depth
        if not (is_symbolic(rc) or is_symbolic(rd)):
            if rd > rc:
                raise InvalidInputError(
                    "rotation_depth", rd, f"rotation_depth <= rotation_count={rc}"
                )
            if rc > 0 and rd == 0:
                raise InvalidInputError(
                    "rotation_depth", rd, "rotation_depth >= 1 when rotation_count > 0"
                )
        for angle, count in self.rotation_angles:
            check_non_negative("rotation_angles.count", count)
            if not is_symbolic(angle):
                to_number("rotation_angles.angle", angle)

    # ---- queries -------------------------------------------------------------------------
    def is_symbolic(self) -> bool:
        """Whether any count is still a symbolic expression."""
        return any(is_symbolic(getattr(self, n)) for n in _COUNT_FIELDS)

    @property
    def free_symbols(self) -> set[sympy.Symbol]:
        """The sympy symbols the counts (and angles) depend on."""
        out: set[sympy.Symbol] = set()
        values = [getattr(self, n) for n in _COUNT_FIELDS]
        values += [x for pair in self.rotation_angles for x in pair]
        for v in values:
            if isinstance(v, sympy.Basic):
                out |= v.free_symbols
        return out

    @property
    def toffoli_count(self) -> Any:
        """Alias of :attr:`ccz_count` (a Toffoli is a CCZ up to Clifford gates)."""
        return self.ccz_count

    def subs(self, values: Mapping[Any, Any] | None = None, **kwargs: Any) -> LogicalCounts:
        """Substitute numbers (or expressions) for symbols.

        Args:
            values: Mapping from sympy symbols (or their names) to values.
            **kwargs: Further substitutions by symbol name.

        Returns:
            A new :class:`LogicalCounts`; counts that become numbers are Python ints (exact)
            when integral, floats otherwise.
        """
        mapping: dict[Any, Any] = dict(values or {})
        mapping.update(kwargs)
        by_name = {s.name: s for s in self.free_symbols}
        sub = {by_name.get(k, k) if isinstance(k, str) else k: v for k, v in mapping.items()}

        def ev(x: Any) -> Any:
            if not isinstance(x, sympy.Basic):
                return x
            y = x.subs(sub)
            if y.is_number:
                if y.is_integer:
                    return int(y)
                y = sympy.N(y, 30)
                if y.is_real is False or y.has(sympy.zoo, sympy.nan, sympy.oo):
                    raise InvalidInputError("counts", str(x), "a finite real value after subs")
                return int(y) if y == int(y) else float(y)
            return y

        changes = {n: ev(getattr(self, n)) for n in _COUNT_FIELDS}
        changes["rotation_angles"] = tuple((ev(a), ev(c)) for a, c in self.rotation_angles)
        return attrs.evolve(self, **changes)

    # ---- constructors --------------------------------------------------------------------
    @classmethod
    def from_bloq(cls, bloq: Bloq, *, with_angles: bool = True) -> LogicalCounts:
        """Count the logical resources of any Qualtran Bloq.

        Uses Qualtran's ``QECGatesCost`` and ``QubitCount`` cost keys. The mapping to QRE's
        vocabulary is: ``t`` -> T; ``toffoli`` and ``cswap`` -> CCZ (a controlled swap is one
        Toffoli plus Cliffords); ``and_bloq`` -> CCiX; ``rotation`` -> rotations;
        ``measurement`` -> measurements. The rotation depth is taken from
        :class:`estimator.bloqs.cost_keys.RotationDepth` (which assumes rotations run one after
        another unless a bloq declares them parallel), and the angle histogram from
        :class:`estimator.bloqs.cost_keys.RotationsByAngle` when ``with_angles`` is set.

        Args:
            bloq: The Qualtran Bloq; its sizes may be symbolic.
            with_angles: Also collect the rotation-angle histogram.
        """
        from qualtran.resource_counting import QECGatesCost, QubitCount, get_cost_value

        from estimator.bloqs.cost_keys import RotationDepth, RotationsByAngle

        gc = get_cost_value(bloq, QECGatesCost())
        n_qubits = get_cost_value(bloq, QubitCount())
        depth = get_cost_value(bloq, RotationDepth())
        angles: tuple[tuple[Any, Any], ...] = ()
        if with_angles:
            hist = get_cost_value(bloq, RotationsByAngle())
            angles = tuple(sorted(hist.items(), key=lambda kv: str(kv[0])))

        def simp(x: Any) -> Any:
            # No sympy.simplify: it costs up to a second on the index-oracle expressions, and the
            # expressions Qualtran builds are already in a usable form.
            if not isinstance(x, sympy.Basic):
                return x
            return to_number("bloq cost", x) if x.is_number else x

        return cls(
            num_qubits=simp(n_qubits),
            t_count=simp(gc.t),
            ccz_count=simp(gc.toffoli + gc.cswap),
            ccix_count=simp(gc.and_bloq),
            rotation_count=simp(gc.rotation),
            rotation_depth=simp(depth),
            measurement_count=simp(gc.measurement),
            rotation_angles=angles,
        )

    @classmethod
    def from_qre_json(
        cls, data: Mapping[str, Any] | str, *, source: str = "<json>"
    ) -> LogicalCounts:
        """Read QRE's ``LogicalCounts`` JSON (a dict or a JSON string).

        Unknown keys are rejected, so a typo does not silently become a zero count. Unlike QRE,
        a file with rotations must give ``rotationDepth`` (QRE silently takes 0 layers).

        Args:
            data: The JSON object, e.g. ``{"numQubits": 100, "tCount": 10**6}``.
            source: Where it came from, for error messages (a file name).
        """
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except json.JSONDecodeError as exc:
                raise ModelFileError(
                    source, "", f"not valid JSON ({exc.msg}, line {exc.lineno})"
                ) from exc
        if not isinstance(data, Mapping):
            raise ModelFileError(source, "", "expected a JSON object of logical counts")
        if "logicalCounts" in data and isinstance(data["logicalCounts"], Mapping):
            data = data["logicalCounts"]
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in QRE_FIELDS:
                raise ModelFileError(source, key, "unknown key; known: " + ", ".join(QRE_FIELDS))
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ModelFileError(source, key, f"expected a number, got {value!r}")
            if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
                raise ModelFileError(source, key, f"expected a finite number, got {value!r}")
            kwargs[QRE_FIELDS[key]] = value
        if "num_qubits" not in kwargs:
            raise ModelFileError(source, "numQubits", "missing (the number of logical qubits)")
        if kwargs.get("rotation_count", 0) and "rotation_depth" not in kwargs:
            # QRE would take rotationDepth = 0 here, i.e. no layer pays the per-rotation T depth.
            raise ModelFileError(
                source,
                "rotationDepth",
                "missing while rotationCount > 0 (QRE would assume 0 rotation layers); give the "
                "number of layers that contain rotations, 1 <= rotationDepth <= rotationCount",
            )
        try:
            return cls(**kwargs)
        except InvalidInputError as exc:
            key = _QRE_KEY_OF.get(exc.field, exc.field)
            raise ModelFileError(source, key, str(exc)) from exc

    def to_qre_json(self) -> dict[str, int]:
        """Return QRE's ``LogicalCounts`` JSON object (all integers).

        Non-integral (expected) counts are rounded up, since QRE accepts integers only.

        Raises:
            SymbolicValueError: If a count is still symbolic.
        """
        out: dict[str, int] = {}
        for key, name in QRE_FIELDS.items():
            x = to_number(name, getattr(self, name))
            out[key] = x if isinstance(x, int) else math.ceil(x)
        return out

    def to_gate_counts(self) -> GateCounts:
        """Return Qualtran's ``GateCounts`` for these counts (the inverse of :meth:`from_bloq`).

        T -> ``t``, CCZ -> ``toffoli``, CCiX -> ``and_bloq``, rotations -> ``rotation``,
        measurements -> ``measurement``; symbolic counts stay symbolic. Qubits and the rotation
        depth have no place in ``GateCounts`` (see Qualtran's ``AlgorithmSummary``).
        """
        from qualtran.resource_counting import GateCounts

        return GateCounts(
            t=self.t_count,
            toffoli=self.ccz_count,
            and_bloq=self.ccix_count,
            rotation=self.rotation_count,
            measurement=self.measurement_count,
        )

    def numeric(self) -> LogicalCounts:
        """Return self with every count a plain Python number (raises if symbolic)."""
        changes = {n: to_number(n, getattr(self, n)) for n in _COUNT_FIELDS}
        return attrs.evolve(self, **changes)

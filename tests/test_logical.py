"""LogicalCounts: validation, QRE JSON, symbolic substitution and counting Qualtran Bloqs."""

from __future__ import annotations

import json
import math

import pytest
import sympy
from qualtran import QUInt
from qualtran.bloqs.arithmetic import Add
from qualtran.bloqs.basic_gates import Rz, TGate, Toffoli, TwoBitCSwap
from qualtran.bloqs.mcmt import And
from qualtran.bloqs.rotations import HammingWeightPhasing
from qualtran.bloqs.rotations.phase_gradient import PhaseGradientUnitary
from qualtran.resource_counting import GateCounts, QECGatesCost, QubitCount, get_cost_value

from estimator.errors import InvalidInputError, ModelFileError, SymbolicValueError
from estimator.logical import QRE_FIELDS, LogicalCounts

N = sympy.Symbol("n", positive=True, integer=True)

# ---- construction and validation ---------------------------------------------------------------


def test_defaults_and_aliases() -> None:
    c = LogicalCounts(num_qubits=4, ccz_count=3, rotation_count=5)
    assert c.rotation_depth == 5  # defaults to one layer per rotation
    assert (c.t_count, c.ccix_count, c.measurement_count) == (0, 0, 0)
    assert c.toffoli_count == 3
    assert not c.is_symbolic() and c.free_symbols == set()
    assert c.rotation_angles == ()


def test_integral_floats_become_exact_ints() -> None:
    c = LogicalCounts(num_qubits=100.0, t_count=1e15, rotation_count=2.5, rotation_depth=2.0)
    assert type(c.num_qubits) is int and type(c.t_count) is int and c.t_count == 10**15
    assert c.rotation_count == 2.5  # expected counts may be fractional
    big = LogicalCounts(num_qubits=1, t_count=2**70)
    assert big.t_count == 2**70 and type(big.t_count) is int


@pytest.mark.parametrize("name", list(QRE_FIELDS.values()))
@pytest.mark.parametrize(
    ("value", "match"),
    [
        (-1, r"need 0 <= {} < inf"),
        (math.nan, "NaN"),
        (math.inf, r"need 0 <= {} < inf"),
        (True, "boolean"),
        (1 + 1j, "real number"),
        ("7", "a number"),
        (-N, r"{} >= 0"),
    ],
)
def test_bad_counts_name_field_value_and_range(name: str, value: object, match: str) -> None:
    kwargs = {"num_qubits": 1, name: value}
    if name == "rotation_depth":
        kwargs["rotation_count"] = 10**6
    with pytest.raises(InvalidInputError, match=match.format(name)) as info:
        LogicalCounts(**kwargs)
    assert info.value.field == name
    assert f"invalid {name}=" in str(info.value)


def test_rotation_depth_constraints() -> None:
    with pytest.raises(InvalidInputError, match=r"rotation_depth <= rotation_count=3"):
        LogicalCounts(num_qubits=1, rotation_count=3, rotation_depth=4)
    with pytest.raises(InvalidInputError, match=r"rotation_depth >= 1 when rotation_count > 0"):
        LogicalCounts(num_qubits=1, rotation_count=3, rotation_depth=0)
    # checked even when another count is symbolic
    with pytest.raises(InvalidInputError, match="rotation_depth"):
        LogicalCounts(num_qubits=N, rotation_count=3, rotation_depth=4)
    # inconclusive when the rotation counts themselves are symbolic
    c = LogicalCounts(num_qubits=1, rotation_count=N, rotation_depth=N + 1)
    assert c.is_symbolic()


def test_rotation_angles() -> None:
    c = LogicalCounts(num_qubits=1, rotation_count=3, rotation_angles={0.1: 2, 0.2: 1})
    assert c.rotation_angles == ((0.1, 2), (0.2, 1))
    with pytest.raises(InvalidInputError, match="rotation_angles.count"):
        LogicalCounts(num_qubits=1, rotation_count=1, rotation_angles=[(0.1, -1)])
    with pytest.raises(InvalidInputError, match="rotation_angles.angle"):
        LogicalCounts(num_qubits=1, rotation_count=1, rotation_angles=[(math.nan, 1)])


def test_frozen() -> None:
    c = LogicalCounts(num_qubits=1)
    with pytest.raises(AttributeError):
        c.t_count = 5  # type: ignore[misc]


# ---- QRE JSON ----------------------------------------------------------------------------------

ISING = {  # microsoft/qsharp test_report.json (peers.md B1)
    "numQubits": 100,
    "tCount": 0,
    "rotationCount": 112110,
    "rotationDepth": 2001,
    "cczCount": 0,
    "ccixCount": 0,
    "measurementCount": 0,
}


def test_qre_json_round_trip() -> None:
    c = LogicalCounts.from_qre_json(ISING)
    assert (c.num_qubits, c.rotation_count, c.rotation_depth) == (100, 112110, 2001)
    assert c.to_qre_json() == ISING
    assert list(c.to_qre_json()) == list(QRE_FIELDS)  # QRE's key order
    assert LogicalCounts.from_qre_json(json.dumps(ISING)) == c
    assert LogicalCounts.from_qre_json({"logicalCounts": ISING}) == c
    big = LogicalCounts(num_qubits=10, t_count=10**20, ccz_count=3)
    assert LogicalCounts.from_qre_json(json.dumps(big.to_qre_json())) == big


def test_qre_json_is_accepted_by_qsharp() -> None:
    """Our JSON is QRE's own input format; qsharp echoes it back unchanged."""
    qe = pytest.importorskip("qsharp.estimator")
    c = LogicalCounts(num_qubits=12, t_count=100, ccz_count=4, rotation_count=30, rotation_depth=7)
    result = qe.LogicalCounts(c.to_qre_json()).estimate({"errorBudget": 1e-3})
    assert result["logicalCounts"] == c.to_qre_json()
    assert LogicalCounts.from_qre_json(result["logicalCounts"]) == c


def test_to_qre_json_rounds_expected_counts_up_and_refuses_symbols() -> None:
    c = LogicalCounts(num_qubits=3, t_count=10.2, rotation_count=2.5, rotation_depth=1.5)
    assert c.to_qre_json()["tCount"] == 11
    assert c.to_qre_json()["rotationCount"] == 3
    assert c.to_qre_json()["rotationDepth"] == 2
    with pytest.raises(SymbolicValueError, match="t_count"):
        LogicalCounts(num_qubits=3, t_count=N).to_qre_json()


@pytest.mark.parametrize(
    ("data", "key", "match"),
    [
        ({"numQubits": 1, "tcount": 5}, "tcount", "unknown key"),  # typo must not become 0
        ({"numQubits": 1, "tCount": "5"}, "tCount", "expected a number"),
        ({"numQubits": 1, "tCount": True}, "tCount", "expected a number"),
        ({"numQubits": 1, "tCount": None}, "tCount", "expected a number"),
        ('{"numQubits": 1, "tCount": NaN}', "tCount", "finite"),
        ('{"numQubits": 1, "tCount": Infinity}', "tCount", "finite"),
        ({"tCount": 5}, "numQubits", "missing"),
        ({"numQubits": 1, "tCount": -5}, "tCount", r"0 <= t_count < inf"),
        ({"numQubits": 1, "rotationCount": 5}, "rotationDepth", "missing"),
        ({"numQubits": 1, "rotationCount": 5, "rotationDepth": 0}, "rotationDepth", ">= 1"),
        ({"numQubits": 1, "rotationCount": 5, "rotationDepth": 6}, "rotationDepth", "<="),
    ],
)
def test_qre_json_errors_name_the_key(data: object, key: str, match: str) -> None:
    with pytest.raises(ModelFileError, match=match) as info:
        LogicalCounts.from_qre_json(data, source="counts.json")  # type: ignore[arg-type]
    assert info.value.key == key
    assert str(info.value).startswith(f"counts.json: {key}: ")


@pytest.mark.parametrize("data", ["{not json", "[1, 2]", "3"])
def test_qre_json_file_level_errors(data: str) -> None:
    with pytest.raises(ModelFileError) as info:
        LogicalCounts.from_qre_json(data, source="x.json")
    assert info.value.key == "" and info.value.file == "x.json"


# ---- symbols -----------------------------------------------------------------------------------


def test_subs_by_symbol_and_by_name() -> None:
    eps = sympy.Symbol("eps", positive=True)
    c = LogicalCounts(
        num_qubits=2 * N,
        t_count=N**2,
        rotation_count=N,
        rotation_depth=sympy.ceiling(N / 2),
        rotation_angles=[(eps, N)],
    )
    assert c.is_symbolic() and c.free_symbols == {N, eps}
    a = c.subs({N: 10})
    b = c.subs(n=10)
    assert a == b
    assert (a.num_qubits, a.t_count, a.rotation_count, a.rotation_depth) == (20, 100, 10, 5)
    assert type(a.t_count) is int
    assert a.rotation_angles == ((eps, 10),)  # eps not given: stays symbolic
    assert not a.is_symbolic()  # the counts are numbers; only an angle is symbolic
    d = c.subs(n=10, eps=0.25)
    assert d.rotation_angles == ((0.25, 10),)
    huge = c.subs(n=10**30)
    assert huge.t_count == 10**60 and type(huge.t_count) is int  # exact, no float rounding
    assert c.subs(eps=0.1).is_symbolic()


def test_subs_validates_the_result() -> None:
    x = sympy.Symbol("x")
    c = LogicalCounts(num_qubits=1, t_count=x - 5)
    with pytest.raises(InvalidInputError, match="t_count"):
        c.subs(x=2)
    with pytest.raises(InvalidInputError, match="finite real value"):
        LogicalCounts(num_qubits=1, t_count=sympy.sqrt(x)).subs(x=-4)
    with pytest.raises(InvalidInputError, match="finite real value"):
        LogicalCounts(num_qubits=1, t_count=1 / x).subs(x=0)
    assert LogicalCounts(num_qubits=1, t_count=x / 2).subs(x=3).t_count == 1.5


def test_numeric() -> None:
    c = LogicalCounts(num_qubits=sympy.Integer(5), t_count=sympy.Integer(7))
    n = c.numeric()
    assert (n.num_qubits, n.t_count) == (5, 7) and type(n.t_count) is int
    with pytest.raises(SymbolicValueError, match="num_qubits"):
        LogicalCounts(num_qubits=N).numeric()


def test_to_gate_counts() -> None:
    c = LogicalCounts(
        num_qubits=9, t_count=1, ccz_count=2, ccix_count=3, rotation_count=4, measurement_count=5
    )
    assert c.to_gate_counts() == GateCounts(t=1, toffoli=2, and_bloq=3, rotation=4, measurement=5)


# ---- from_bloq ---------------------------------------------------------------------------------


def _direct(bloq: object) -> tuple[GateCounts, object]:
    return get_cost_value(bloq, QECGatesCost()), get_cost_value(bloq, QubitCount())


@pytest.mark.parametrize(
    "bloq",
    [
        Add(QUInt(8)),
        And(),
        HammingWeightPhasing(4, 0.3),
        Rz(0.1),
        TGate(),
        Toffoli(),
        TwoBitCSwap(),
    ],
    ids=["Add8", "And", "HWP4", "Rz", "T", "Toffoli", "CSwap"],
)
def test_from_bloq_matches_qualtran_cost_keys(bloq: object) -> None:
    gc, qubits = _direct(bloq)
    c = LogicalCounts.from_bloq(bloq)
    assert c.num_qubits == qubits
    assert c.t_count == gc.t
    assert c.ccz_count == gc.toffoli + gc.cswap
    assert c.ccix_count == gc.and_bloq
    assert c.rotation_count == gc.rotation
    assert c.measurement_count == gc.measurement
    assert 0 <= c.rotation_depth <= c.rotation_count
    assert (c.rotation_depth > 0) == (c.rotation_count > 0)
    assert sum(n for _, n in c.rotation_angles) in (0, c.rotation_count)


def test_from_bloq_known_values() -> None:
    # Gidney's adder: n - 1 logical ANDs (arXiv:1709.06648); And is one CCiX on 3 qubits.
    assert LogicalCounts.from_bloq(Add(QUInt(8))).ccix_count == 7
    and_counts = LogicalCounts.from_bloq(And())
    assert (and_counts.num_qubits, and_counts.ccix_count, and_counts.t_count) == (3, 1, 0)
    rz = LogicalCounts.from_bloq(Rz(0.1))
    assert (rz.num_qubits, rz.rotation_count, rz.rotation_depth) == (1, 1, 1)
    assert rz.rotation_angles == ((0.1, 1),)
    assert LogicalCounts.from_bloq(Rz(0.1), with_angles=False).rotation_angles == ()
    # Hamming-weight phasing of 4 qubits: W = 4 - popcount(4) = 3 ANDs, floor(log2 4) + 1 = 3
    # rotations (arXiv:1805.03662, Sec. II; Qualtran's HammingWeightPhasing)
    hwp = LogicalCounts.from_bloq(HammingWeightPhasing(4, 0.3))
    assert (hwp.ccix_count, hwp.rotation_count) == (3, 3)
    assert LogicalCounts.from_bloq(TwoBitCSwap()).ccz_count == 1


def test_from_bloq_symbolic_add_evaluates_later() -> None:
    bloq = Add(QUInt(N))
    gc, qubits = _direct(bloq)
    c = LogicalCounts.from_bloq(bloq)
    assert c.is_symbolic() and c.free_symbols == {N}
    assert sympy.simplify(c.ccix_count - gc.and_bloq) == 0
    assert sympy.simplify(c.measurement_count - gc.measurement) == 0
    assert sympy.simplify(c.num_qubits - qubits) == 0
    at8 = c.subs(n=8)
    numeric = LogicalCounts.from_bloq(Add(QUInt(8)))
    assert not at8.is_symbolic()
    assert (at8.ccix_count, at8.measurement_count, at8.t_count) == (
        numeric.ccix_count,
        numeric.measurement_count,
        numeric.t_count,
    )
    # Qualtran's symbolic qubit count of Add is max(3, 2n) = 16 at n = 8; the numeric
    # decomposition also counts the adder's n - 1 AND ancillas (23). Both are Qualtran's numbers.
    assert at8.num_qubits == 16 and numeric.num_qubits == 23
    assert c.subs(n=10**18).ccix_count == 10**18 - 1


def test_from_bloq_symbolic_rotations() -> None:
    bloq = PhaseGradientUnitary(N)
    gc, qubits = _direct(bloq)
    c = LogicalCounts.from_bloq(bloq)
    assert sympy.simplify(c.rotation_count - gc.rotation) == 0
    assert sympy.simplify(c.num_qubits - qubits) == 0
    at10 = c.subs(n=10)
    assert (at10.num_qubits, at10.rotation_count) == (10, 10)
    assert 1 <= at10.rotation_depth <= 10
    assert at10.to_qre_json()["rotationCount"] == 10


def test_from_bloq_symbolic_angle() -> None:
    theta = sympy.Symbol("theta")
    c = LogicalCounts.from_bloq(Rz(theta))
    assert c.rotation_count == 1 and not c.is_symbolic()
    assert c.rotation_angles == ((theta, 1),)
    assert c.subs(theta=0.5).rotation_angles == ((0.5, 1),)

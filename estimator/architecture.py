"""An :class:`Architecture`: hardware + QEC code + magic-state source + rotation scheme + layout.

Everything the physical estimate needs to know about a machine, as one frozen value that is easy
to build from plain data (a later issue loads it from ``models/*.toml``).
:meth:`Architecture.qre` builds the model of Microsoft's resource estimator (QRE 1.31): one of its
six qubit presets, its surface or Floquet code, its round-based 15-to-1 T factories (up to three
rounds), its rotation formula ``ceil(0.53 log2(R/eps) + 4.86)`` and the PSSPC layout.

References:
    [Assessing requirements to scale to practical quantum advantage](https://arxiv.org/abs/2211.07629).
    Beverland et al. (2022). Appendices B-D (the model QRE implements).
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import field, frozen

from estimator.errors import InvalidInputError
from estimator.hardware import PhysicalQubit
from estimator.layout import Layout, PSSPCLayout
from estimator.magic.base import MagicStateSource
from estimator.magic.round_based import RoundBasedFactorySource
from estimator.qec import QRE_MAX_CODE_DISTANCE, QECCode
from estimator.rotations.base import RotationScheme
from estimator.rotations.qre_formula import QREFormulaSynthesis


def _check_type(kind: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInputError(attribute.name, value, f"a {kind.__name__}")

    return check


def _check_max_distance(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError("max_code_distance", value, "an integer >= 1")


def _freeze_sources(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        value = value.items()
    return tuple((str(k), str(v)) for k, v in value)


@frozen(kw_only=True, cache_hash=True)
class Architecture:
    """A fault-tolerant machine model.

    Attributes:
        name: Identifier for reports.
        qubit: The physical qubit model.
        qec: The QEC code (must match the qubit's instruction set).
        magic_source: Where T states come from (factories, cultivation).
        rotation_scheme: How arbitrary-angle rotations are executed.
        layout: How logical counts map to logical qubits, depth and magic states.
        max_code_distance: Largest code distance allowed (QRE: 50).
        description: Free text.
        sources: Citations, ``{field: citation}`` (stored as sorted pairs so the value stays
            hashable; read it with :attr:`sources_dict`).
    """

    name: str
    qubit: PhysicalQubit = field(validator=_check_type(PhysicalQubit))
    qec: QECCode = field(validator=_check_type(QECCode))
    magic_source: MagicStateSource = field(
        factory=RoundBasedFactorySource, validator=_check_type(MagicStateSource)
    )
    rotation_scheme: RotationScheme = field(
        factory=QREFormulaSynthesis, validator=_check_type(RotationScheme)
    )
    layout: Layout = field(factory=PSSPCLayout, validator=_check_type(Layout))
    max_code_distance: int = field(default=QRE_MAX_CODE_DISTANCE, validator=_check_max_distance)
    description: str = ""
    sources: tuple[tuple[str, str], ...] = field(default=(), converter=_freeze_sources)

    def __attrs_post_init__(self) -> None:
        self.qec.check_qubit(self.qubit)

    @property
    def sources_dict(self) -> dict[str, str]:
        """The citations as a dict."""
        return dict(self.sources)

    @classmethod
    def qre(
        cls,
        qubit_preset: str = "qubit_gate_ns_e3",
        qec: str = "surface_code",
        *,
        max_rounds: int = 3,
    ) -> Architecture:
        """Microsoft's resource estimator's model for a qubit preset and QEC scheme name.

        Args:
            qubit_preset: One of QRE's six presets (``qubit_gate_ns_e3`` ...).
            qec: ``"surface_code"`` or ``"floquet_code"`` (Majorana presets only).
            max_rounds: QRE's ``maxDistillationRounds``.

        Raises:
            UnknownNameError: For an unknown preset or code name.
            InvalidInputError: For the Floquet code on a gate-based preset.
        """
        qubit = PhysicalQubit.from_preset(qubit_preset)
        code = QECCode.from_name(qec, qubit)
        return cls(
            name=f"qre:{qubit_preset}:{code.name}",
            qubit=qubit,
            qec=code,
            magic_source=RoundBasedFactorySource(max_rounds=max_rounds),
            rotation_scheme=QREFormulaSynthesis(),
            layout=PSSPCLayout(),
            max_code_distance=QRE_MAX_CODE_DISTANCE,
            description=(
                "Microsoft Azure Quantum resource estimator model (qsharp 1.31): "
                f"{qubit_preset}, {code.name}, round-based 15-to-1 T factories, "
                "PSSPC layout, rotations by ceil(0.53 log2(R/eps) + 4.86)"
            ),
            sources={
                "qubit": "arXiv:2211.07629, Appendix B; QRE physical_qubit.rs",
                "qec": "arXiv:1208.0928 Eqs. (11),(13); arXiv:2007.00307; arXiv:2202.11829",
                "magic_source": "arXiv:2211.07629, Appendix C",
                "rotation_scheme": "arXiv:2203.10064, Table 1",
                "layout": "arXiv:2211.07629, Appendix D",
            },
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data describing the model (for reports)."""
        return {
            "name": self.name,
            "qubit": self.qubit.to_dict(),
            "qec": self.qec.to_dict(),
            "magic_source": self.magic_source.name,
            "rotation_scheme": self.rotation_scheme.name,
            "layout": self.layout.name,
            "max_code_distance": self.max_code_distance,
            "description": self.description,
            "sources": self.sources_dict,
        }

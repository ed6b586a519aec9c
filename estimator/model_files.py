"""Architecture model files (TOML): load, validate, list the presets.

A model file describes one :class:`~estimator.architecture.Architecture` as data. It is parsed
with ``tomllib`` (``tomli`` on Python 3.10) and never evaluated. Every table and key is checked:
unknown keys, wrong types and out-of-range values (a physical error at or above the code's
threshold, a negative time) raise :class:`~estimator.errors.ModelFileError` naming the file, the
dotted key and the problem.

Layout of a file (all tables but ``[hardware]`` optional; ``type`` picks a registered class and the
other keys are that class's fields)::

    [model]
    name = "star_v1_p1e-3"
    description = "..."

    [hardware]                       # estimator.hardware.PhysicalQubit fields (times in ns)
    preset = { value = "qubit_gate_ns_e3", source = "arXiv:2211.07629, Table V" }  # optional
    two_qubit_gate_error = { value = 1e-3, source = "..." }

    [qec]                            # QEC_TYPES; fields threshold, crossing_prefactor, ...
    type = { value = "surface_code", source = "..." }
    max_code_distance = { value = 50, source = "..." }

    [magic_source]                   # MAGIC_SOURCE_TYPES
    [rotation]                       # ROTATION_SCHEME_TYPES (nested schemes as sub-tables)
    [layout]                         # LAYOUT_TYPES

Each value may be plain (``x = 1e-3``) or carry its source (``x = { value = 1e-3, source =
"arXiv:..." }``). The presets shipped in ``models/`` must give a source for every value
(:func:`load_model` enforces it for presets). The sources end up in
:attr:`Architecture.sources <estimator.architecture.Architecture.sources>` keyed by dotted key.

Presets are found in the installed package (``estimator/models``, where the wheel puts the
repository's ``models/`` directory) and, in a source checkout, in ``models/`` next to the
package. QRE's qubit presets are available by name as ``qre:<preset>`` (``qre:qubit_gate_ns_e3``,
``qre:qubit_maj_ns_e4:floquet_code``).
"""

from __future__ import annotations

import importlib
import math
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from estimator.errors import EstimatorError, ModelFileError, UnknownNameError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: Rotation schemes by model-file name: (module, class).
ROTATION_SCHEME_TYPES: dict[str, tuple[str, str]] = {
    "qre_formula": ("estimator.rotations.qre_formula", "QREFormulaSynthesis"),
    "diagonal_formula": ("estimator.rotations.synthesis", "DiagonalFormula"),
    "fallback_formula": ("estimator.rotations.synthesis", "FallbackFormula"),
    "mixed_diagonal_formula": ("estimator.rotations.synthesis", "MixedDiagonalFormula"),
    "mixed_fallback_formula": ("estimator.rotations.synthesis", "MixedFallbackFormula"),
    "gridsynth_fit": ("estimator.rotations.gridsynth", "GridsynthFit"),
    "phase_gradient": ("estimator.rotations.phase_gradient", "PhaseGradientRotation"),
    "small_angle_mixing": ("estimator.rotations.small_angle", "SmallAngleMixing"),
    "star_v1": ("estimator.rotations.star", "StarV1"),
    "star_v2": ("estimator.rotations.star", "StarV2"),
    "star_v3": ("estimator.rotations.star", "StarV3"),
    "weak_transversal": ("estimator.rotations.weak_transversal", "WeakTransversalRotation"),
}

#: Magic-state sources by model-file name.
MAGIC_SOURCE_TYPES: dict[str, tuple[str, str]] = {
    "round_based": ("estimator.magic.round_based", "RoundBasedFactorySource"),
    "cultivation": ("estimator.magic.cultivation", "CultivationSource"),
}

#: QEC codes by model-file name (the class follows the qubit's instruction set).
QEC_TYPES: tuple[str, ...] = ("surface_code", "floquet_code")

#: Layouts by model-file name.
LAYOUT_TYPES: dict[str, tuple[str, str]] = {
    "psspc": ("estimator.layout", "PSSPCLayout"),
    "star": ("estimator.star_estimate", "StarLayoutModel"),
}

_TOP_KEYS = ("model", "hardware", "qec", "magic_source", "rotation", "layout")
_MODEL_KEYS = ("name", "description")
_QEC_PARAMS = ("threshold", "crossing_prefactor", "distance_power")
#: Largest code distance a file may allow.
MAX_ALLOWED_CODE_DISTANCE = 199

#: QRE presets reachable by name (``qre:<qubit preset>[:<code>]``).
QRE_MODEL_NAMES: tuple[str, ...] = (
    "qre:qubit_gate_ns_e3",
    "qre:qubit_gate_ns_e4",
    "qre:qubit_gate_us_e3",
    "qre:qubit_gate_us_e4",
    "qre:qubit_maj_ns_e4",
    "qre:qubit_maj_ns_e6",
    "qre:qubit_maj_ns_e4:floquet_code",
    "qre:qubit_maj_ns_e6:floquet_code",
)

_MISSING = object()


def _load_class(entry: tuple[str, str]) -> type:
    module, name = entry
    return getattr(importlib.import_module(module), name)


def register_rotation_scheme(name: str, module: str, class_name: str) -> None:
    """Make a :class:`~estimator.rotations.base.RotationScheme` subclass usable in model files.

    Args:
        name: The ``type`` name used in files.
        module: Importable module path.
        class_name: The frozen attrs class in that module.
    """
    ROTATION_SCHEME_TYPES[str(name)] = (str(module), str(class_name))


# ------------------------------------------------------------------------------------------------
# Values with sources
# ------------------------------------------------------------------------------------------------
class _Ctx:
    """The file being parsed and the sources collected so far."""

    def __init__(self, file: str, require_sources: bool) -> None:
        self.file = file
        self.require_sources = require_sources
        self.sources: dict[str, str] = {}

    def error(self, key: str, problem: str) -> ModelFileError:
        return ModelFileError(self.file, key, problem)

    def unwrap(self, key: str, raw: Any) -> Any:
        """The plain value of ``raw``, recording its source; ``{value, source}`` or plain."""
        if isinstance(raw, Mapping) and "value" in raw:
            extra = sorted(set(raw) - {"value", "source"})
            if extra:
                raise self.error(
                    f"{key}.{extra[0]}", "unknown key; a sourced value has only value and source"
                )
            source = raw.get("source", _MISSING)
            if source is _MISSING:
                if self.require_sources:
                    raise self.error(key, "no source given (presets need value and source)")
            elif not isinstance(source, str) or not source.strip():
                raise self.error(f"{key}.source", "the source must be a non-empty string")
            else:
                self.sources[key] = source.strip()
            return raw["value"]
        if self.require_sources and not isinstance(raw, Mapping):
            raise self.error(key, 'no source given: write { value = ..., source = "..." }')
        return raw


def _type_name(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "float", str: "string"}.get(
        type(value), type(value).__name__
    )


def _coerce(ctx: _Ctx, key: str, value: Any, kind: str) -> Any:
    """Check ``value`` against a field kind (``float``, ``int``, ``bool``, ``str``)."""
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ctx.error(key, f"expected a number, got {_type_name(value)} {value!r}")
        x = float(value)
        if math.isnan(x) or math.isinf(x):
            raise ctx.error(key, f"expected a finite number, got {value!r}")
        return x
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                return int(value)
            raise ctx.error(key, f"expected a whole number, got {_type_name(value)} {value!r}")
        return int(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise ctx.error(key, f"expected true or false, got {_type_name(value)} {value!r}")
        return value
    if kind == "str":
        if not isinstance(value, str):
            raise ctx.error(key, f"expected a string, got {_type_name(value)} {value!r}")
        return value
    raise ctx.error(key, f"cannot be set from a model file (type {kind})")  # pragma: no cover


def _field_kind(annotation: Any) -> tuple[str, bool]:
    """(kind, optional) of an attrs field annotation; kind ``scheme`` for nested schemes."""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    parts = [p.strip() for p in str(text).split("|")]
    optional = "None" in parts
    parts = [p for p in parts if p != "None"]
    base = parts[0] if len(parts) == 1 else ""
    if base in ("float", "int", "bool", "str"):
        return base, optional
    if base == "RotationScheme":
        return "scheme", optional
    if base in ("InstructionSet", "TGates"):
        return "str", optional
    return "unsupported", optional


def _build(ctx: _Ctx, prefix: str, cls: type, table: Mapping[str, Any], skip: tuple = ()) -> Any:
    """Instantiate the attrs class ``cls`` from ``table`` (keys = its fields, except ``type``)."""
    fields = {f.name: f for f in attrs.fields(cls) if f.init}
    kwargs: dict[str, Any] = {}
    for key, raw in table.items():
        if key in skip:
            continue
        dotted = f"{prefix}.{key}"
        f = fields.get(key)
        if f is None:
            settable = [k for k in fields if _field_kind(fields[k].type)[0] != "unsupported"]
            allowed = ", ".join(sorted(settable))
            raise ctx.error(dotted, f"unknown key for {cls.__name__}; allowed: {allowed}")
        kind, optional = _field_kind(f.type)
        if kind == "scheme":
            kwargs[key] = _scheme(ctx, dotted, raw)
            continue
        if kind == "unsupported":
            raise ctx.error(dotted, "cannot be set from a model file")
        value = ctx.unwrap(dotted, raw)
        if isinstance(value, Mapping):
            raise ctx.error(dotted, "expected a value, got a table")
        kwargs[key] = _coerce(ctx, dotted, value, kind)
    try:
        return cls(**kwargs)
    except EstimatorError as exc:
        field_name = getattr(exc, "field", "")
        key = f"{prefix}.{field_name}" if field_name in fields else prefix
        raise ctx.error(key, str(exc)) from None
    except (TypeError, ValueError) as exc:
        raise ctx.error(prefix, f"invalid parameters: {exc}") from None


def _type_of(ctx: _Ctx, prefix: str, table: Mapping[str, Any], options: Any) -> str:
    if "type" not in table:
        raise ctx.error(f"{prefix}.type", "missing; one of " + ", ".join(sorted(options)))
    name = ctx.unwrap(f"{prefix}.type", table["type"])
    if not isinstance(name, str):
        raise ctx.error(f"{prefix}.type", f"expected a string, got {_type_name(name)}")
    if name not in options:
        raise ctx.error(
            f"{prefix}.type", f"unknown type {name!r}; one of " + ", ".join(sorted(options))
        )
    return name


def _table(ctx: _Ctx, key: str, raw: Any) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise ctx.error(key, f"expected a table, got {_type_name(raw)}")
    return raw


def _scheme(ctx: _Ctx, prefix: str, raw: Any) -> Any:
    """A rotation scheme from a table (``type`` + fields) or a plain type name."""
    if isinstance(raw, Mapping) and "value" in raw:
        raw = {"type": raw}
    if isinstance(raw, str):
        if ctx.require_sources:
            raise ctx.error(prefix, "no source given: use a table with a sourced type")
        raw = {"type": raw}
    table = _table(ctx, prefix, raw)
    name = _type_of(ctx, prefix, table, ROTATION_SCHEME_TYPES)
    cls = _load_class(ROTATION_SCHEME_TYPES[name])
    return _build(ctx, prefix, cls, table, skip=("type",))


# ------------------------------------------------------------------------------------------------
# Sections
# ------------------------------------------------------------------------------------------------
def _hardware(ctx: _Ctx, raw: Any) -> Any:
    from estimator.hardware import QUBIT_PRESETS, PhysicalQubit

    table = dict(_table(ctx, "hardware", raw))
    preset = None
    if "preset" in table:
        name = ctx.unwrap("hardware.preset", table.pop("preset"))
        if name not in QUBIT_PRESETS:
            raise ctx.error(
                "hardware.preset",
                f"unknown qubit preset {name!r}; one of " + ", ".join(sorted(QUBIT_PRESETS)),
            )
        preset = QUBIT_PRESETS[name]
    fields = {f.name for f in attrs.fields(PhysicalQubit)}
    values: dict[str, Any] = {}
    for key, raw_value in table.items():
        dotted = f"hardware.{key}"
        if key not in fields:
            raise ctx.error(dotted, "unknown key; allowed: preset, " + ", ".join(sorted(fields)))
        value = ctx.unwrap(dotted, raw_value)
        if key.endswith("_time_ns"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ctx.error(dotted, f"expected a time in ns, got {_type_name(value)}")
            if value < 0:
                raise ctx.error(dotted, f"negative time {value} ns; need a positive time in ns")
            if value == 0 or float(value) != int(value):
                raise ctx.error(dotted, f"time {value} ns; need a positive whole number of ns")
            value = int(value)
        elif key.endswith("_error"):
            value = _coerce(ctx, dotted, value, "float")
            if not 0 < value < 1:
                raise ctx.error(dotted, f"error rate {value:g}; need 0 < {key} < 1")
        else:
            value = _coerce(ctx, dotted, value, "str")
        values[key] = value
    if preset is not None:
        base = preset.to_dict()
        # start from the preset's (normalized) values; the given keys override them
        base.update(values)
        values = base
    try:
        return PhysicalQubit(**values), values
    except EstimatorError as exc:
        field_name = getattr(exc, "field", "")
        key = f"hardware.{field_name}" if field_name in fields else "hardware"
        raise ctx.error(key, str(exc)) from None


def _qec(ctx: _Ctx, raw: Any, qubit: Any, hw_values: Mapping[str, Any]) -> tuple[Any, int]:
    from estimator.qec import QRE_MAX_CODE_DISTANCE, QECCode

    table = dict(_table(ctx, "qec", raw)) if raw is not None else {"type": "surface_code"}
    name = _type_of(ctx, "qec", table, QEC_TYPES) if raw is not None else "surface_code"
    max_d = QRE_MAX_CODE_DISTANCE
    params: dict[str, Any] = {}
    for key, raw_value in table.items():
        if key == "type":
            continue
        dotted = f"qec.{key}"
        if key == "max_code_distance":
            max_d = _coerce(ctx, dotted, ctx.unwrap(dotted, raw_value), "int")
            if not 1 <= max_d <= MAX_ALLOWED_CODE_DISTANCE:
                raise ctx.error(
                    dotted, f"{max_d}; need 1 <= max_code_distance <= {MAX_ALLOWED_CODE_DISTANCE}"
                )
            continue
        if key not in _QEC_PARAMS:
            raise ctx.error(
                dotted, "unknown key; allowed: type, max_code_distance, " + ", ".join(_QEC_PARAMS)
            )
        kind = "int" if key == "distance_power" else "float"
        params[key] = _coerce(ctx, dotted, ctx.unwrap(dotted, raw_value), kind)
    try:
        code = QECCode.from_name(name, qubit)
        if params:
            code = attrs.evolve(code, **params)
    except EstimatorError as exc:
        field_name = getattr(exc, "field", "")
        key = f"qec.{field_name}" if field_name in _QEC_PARAMS else "qec.type"
        raise ctx.error(key, str(exc)) from None
    if qubit.instruction_set != code.instruction_set:  # pragma: no cover - from_name picks it
        raise ctx.error("qec.type", f"{name} does not run on {qubit.instruction_set} qubits")
    p = code.physical_error(qubit)
    if p >= code.threshold:
        given = [k for k, v in hw_values.items() if k.endswith("_error") and v == p]
        key = f"hardware.{given[0]}" if given else "hardware"
        raise ctx.error(
            key,
            f"physical error {p:g} is at or above the {code.name} threshold {code.threshold:g}; "
            f"need p < {code.threshold:g}",
        )
    return code, max_d


def _magic_source(ctx: _Ctx, raw: Any) -> Any:
    if raw is None:
        return None
    table = _table(ctx, "magic_source", raw)
    name = _type_of(ctx, "magic_source", table, MAGIC_SOURCE_TYPES)
    return _build(ctx, "magic_source", _load_class(MAGIC_SOURCE_TYPES[name]), table, ("type",))


def _layout(ctx: _Ctx, raw: Any) -> Any:
    if raw is None:
        return None
    table = _table(ctx, "layout", raw)
    name = _type_of(ctx, "layout", table, LAYOUT_TYPES)
    return _build(ctx, "layout", _load_class(LAYOUT_TYPES[name]), table, ("type",))


def parse_model(
    data: Mapping[str, Any], *, file: str = "<model>", require_sources: bool = False
) -> Any:
    """Build an :class:`~estimator.architecture.Architecture` from parsed TOML data.

    Args:
        data: The parsed file (a mapping of tables).
        file: Name used in error messages.
        require_sources: Require ``{ value, source }`` for every value (presets).

    Raises:
        ModelFileError: For unknown keys, wrong types, out-of-range values.
    """
    from estimator.architecture import Architecture

    ctx = _Ctx(str(file), require_sources)
    if not isinstance(data, Mapping):
        raise ctx.error("", "expected a TOML document (a table of tables)")
    for key in data:
        if key not in _TOP_KEYS:
            raise ctx.error(key, "unknown table; allowed: " + ", ".join(_TOP_KEYS))
    meta = _table(ctx, "model", data.get("model", {}))
    for key in meta:
        if key not in _MODEL_KEYS:
            raise ctx.error(f"model.{key}", "unknown key; allowed: " + ", ".join(_MODEL_KEYS))
    name = meta.get("name", Path(str(file)).stem or "model")
    description = meta.get("description", "")
    for key, value in (("model.name", name), ("model.description", description)):
        if not isinstance(value, str):
            raise ctx.error(key, f"expected a string, got {_type_name(value)}")
    if "hardware" not in data:
        raise ctx.error("hardware", "missing table (the physical qubit model)")
    qubit, hw_values = _hardware(ctx, data["hardware"])
    code, max_d = _qec(ctx, data.get("qec"), qubit, hw_values)
    kwargs: dict[str, Any] = {}
    source = _magic_source(ctx, data.get("magic_source"))
    if source is not None:
        kwargs["magic_source"] = source
    if "rotation" in data:
        kwargs["rotation_scheme"] = _scheme(ctx, "rotation", data["rotation"])
    layout = _layout(ctx, data.get("layout"))
    if layout is not None:
        kwargs["layout"] = layout
    try:
        return Architecture(
            name=name,
            qubit=qubit,
            qec=code,
            max_code_distance=max_d,
            description=description,
            sources=ctx.sources,
            **kwargs,
        )
    except EstimatorError as exc:
        raise ctx.error("", str(exc)) from None


def loads_model(text: str, *, file: str = "<string>", require_sources: bool = False) -> Any:
    """Parse a model from TOML text (see :func:`parse_model`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelFileError(file, "", f"not valid TOML: {exc}") from None
    return parse_model(data, file=file, require_sources=require_sources)


# ------------------------------------------------------------------------------------------------
# Presets
# ------------------------------------------------------------------------------------------------
def preset_directories() -> list[Path]:
    """Where presets are looked up: the installed ``estimator/models``, then the checkout's."""
    dirs: list[Path] = []
    try:
        from importlib.resources import files

        installed = files("estimator").joinpath("models")
        if installed.is_dir():
            dirs.append(Path(str(installed)))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - namespace oddities
        pass
    checkout = Path(__file__).resolve().parent.parent / "models"
    if checkout.is_dir() and checkout not in dirs:
        dirs.append(checkout)
    return dirs


def preset_files() -> dict[str, Path]:
    """Preset name -> file (the first directory wins)."""
    out: dict[str, Path] = {}
    for d in preset_directories():
        for f in sorted(d.glob("*.toml")):
            out.setdefault(f.stem, f)
    return out


def list_models(*, include_qre: bool = True) -> list[str]:
    """Names accepted by :func:`load_model`: the presets, then ``qre:...`` names."""
    names = sorted(preset_files())
    if include_qre:
        names += list(QRE_MODEL_NAMES)
    return names


def load_model_file(path: str | Path, *, require_sources: bool = False) -> Any:
    """Load an Architecture from a TOML file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelFileError(str(p), "", f"cannot read the file: {exc.strerror or exc}") from None
    return loads_model(text, file=str(p), require_sources=require_sources)


def _qre(name: str) -> Any:
    from estimator.architecture import Architecture

    parts = name.split(":")
    if len(parts) not in (2, 3) or not parts[1]:
        raise UnknownNameError("architecture model", name, list_models())
    qec = parts[2] if len(parts) == 3 else "surface_code"
    return Architecture.qre(parts[1], qec)


def load_model(path_or_name: str | Path) -> Any:
    """An :class:`~estimator.architecture.Architecture` from a preset name, ``qre:...`` or a file.

    Args:
        path_or_name: A preset name (see :func:`list_models`), ``qre:<qubit preset>[:<code>]``,
            or the path of a TOML model file.

    Raises:
        UnknownNameError: For an unknown name.
        ModelFileError: For a malformed or out-of-range file.
    """
    if isinstance(path_or_name, Path):
        return load_model_file(path_or_name)
    name = str(path_or_name)
    if name.startswith("qre:"):
        return _qre(name)
    presets = preset_files()
    if name in presets:
        return load_model_file(presets[name], require_sources=True)
    p = Path(name)
    if p.suffix == ".toml" or p.exists():
        return load_model_file(p)
    raise UnknownNameError("architecture model", name, list_models())


__all__ = [
    "LAYOUT_TYPES",
    "MAGIC_SOURCE_TYPES",
    "QEC_TYPES",
    "QRE_MODEL_NAMES",
    "ROTATION_SCHEME_TYPES",
    "list_models",
    "load_model",
    "load_model_file",
    "loads_model",
    "parse_model",
    "preset_directories",
    "preset_files",
    "register_rotation_scheme",
]

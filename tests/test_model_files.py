"""Architecture model files: presets, sources, validation errors, packaging."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from estimator.architecture import Architecture
from estimator.errors import ModelFileError, UnknownNameError
from estimator.layout import PSSPCLayout
from estimator.logical import LogicalCounts
from estimator.magic.cultivation import CultivationSource
from estimator.magic.round_based import RoundBasedFactorySource
from estimator.model_files import (
    QRE_MODEL_NAMES,
    list_models,
    load_model,
    load_model_file,
    loads_model,
    preset_directories,
    preset_files,
)
from estimator.physical import estimate
from estimator.rotations.phase_gradient import PhaseGradientRotation
from estimator.rotations.qre_formula import QREFormulaSynthesis
from estimator.rotations.star import StarV1, StarV2, StarV3
from estimator.rotations.weak_transversal import WeakTransversalRotation
from estimator.star_estimate import StarLayoutModel

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
ARCHS = (
    "clifford_t_factories",
    "clifford_t_cultivation",
    "clifford_t_phase_gradient",
    "star_v1",
    "star_v2",
    "star_v3",
    "weak_transversal",
)
PRESETS = tuple(f"{a}_p{p}" for a in ARCHS for p in ("1e-3", "1e-4"))
SECTIONS = ("hardware", "qec", "magic_source", "rotation", "layout")


# --- the presets ---------------------------------------------------------------------------------


def test_every_preset_is_listed_and_loads() -> None:
    names = list_models()
    assert sorted(PRESETS) == sorted(n for n in names if not n.startswith("qre:"))
    assert set(QRE_MODEL_NAMES) <= set(names)
    for name in PRESETS:
        arch = load_model(name)
        assert isinstance(arch, Architecture)
        assert arch.name == name
        assert arch.description
        p = arch.qec.physical_error(arch.qubit)
        assert p == pytest.approx(float(name.split("_p")[-1]))


def _leaves(table: dict, prefix: str):
    for key, value in table.items():
        dotted = f"{prefix}.{key}"
        if isinstance(value, dict) and "value" not in value:
            yield from _leaves(value, dotted)
        else:
            yield dotted, value


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_value_has_a_source(name: str) -> None:
    data = tomllib.loads(preset_files()[name].read_text(encoding="utf-8"))
    leaves = [leaf for s in SECTIONS if s in data for leaf in _leaves(data[s], s)]
    assert len(leaves) >= 15
    for key, value in leaves:
        assert isinstance(value, dict), f"{key} has no source"
        assert set(value) == {"value", "source"}, key
        assert isinstance(value["source"], str) and value["source"].strip(), key
    arch = load_model(name)
    assert set(arch.sources_dict) == {k for k, _ in leaves}


def test_presets_match_the_code_defaults() -> None:
    # the files must not drift from the cited constants in the scheme classes
    assert load_model("star_v1_p1e-3").rotation_scheme == StarV1()
    assert load_model("star_v2_p1e-4").rotation_scheme == StarV2()
    assert load_model("star_v3_p1e-3").rotation_scheme == StarV3()
    assert load_model("weak_transversal_p1e-4").rotation_scheme == WeakTransversalRotation()
    assert load_model("clifford_t_cultivation_p1e-3").magic_source == CultivationSource()
    assert load_model("clifford_t_factories_p1e-3").magic_source == RoundBasedFactorySource()
    assert load_model("clifford_t_factories_p1e-3").rotation_scheme == QREFormulaSynthesis()
    assert load_model("clifford_t_factories_p1e-4").layout == PSSPCLayout()
    assert isinstance(
        load_model("clifford_t_phase_gradient_p1e-3").rotation_scheme, PhaseGradientRotation
    )
    star = load_model("star_v1_p1e-3").layout
    assert star == StarLayoutModel()
    assert load_model("star_v3_p1e-4").layout == StarLayoutModel(t_gates="magic_source")


@pytest.mark.parametrize(
    ("preset", "qre"),
    [
        ("clifford_t_factories_p1e-3", "qubit_gate_ns_e3"),
        ("clifford_t_factories_p1e-4", "qubit_gate_ns_e4"),
    ],
)
def test_factory_preset_is_qres_model(preset: str, qre: str) -> None:
    # The Clifford+T factory presets use QRE's qubit_gate_ns presets (arXiv:2211.07629, Table V),
    # so they give QRE's numbers.
    arch = load_model(preset)
    ref = Architecture.qre(qre)
    assert arch.qubit.to_dict() | {"name": ""} == ref.qubit.to_dict() | {"name": ""}
    assert arch.qec == ref.qec and arch.max_code_distance == ref.max_code_distance
    counts = LogicalCounts(num_qubits=100, t_count=10**6, rotation_count=10**4, ccz_count=10**3)
    a, b = estimate(counts, arch, 1e-3), estimate(counts, ref, 1e-3)
    assert (a.physical_qubits, a.runtime_ns, a.code_distance) == (
        b.physical_qubits,
        b.runtime_ns,
        b.code_distance,
    )


def test_qre_names() -> None:
    arch = load_model("qre:qubit_gate_ns_e3")
    assert arch == Architecture.qre("qubit_gate_ns_e3")
    floquet = load_model("qre:qubit_maj_ns_e4:floquet_code")
    assert floquet.qec.name == "floquet_code"
    for name in QRE_MODEL_NAMES:
        assert isinstance(load_model(name), Architecture)
    with pytest.raises(UnknownNameError, match="qubit preset"):
        load_model("qre:qubit_nope")
    with pytest.raises(UnknownNameError, match="architecture model"):
        load_model("no_such_model")


# --- user files ----------------------------------------------------------------------------------

USER_FILE = """
[model]
name = "my_star"

[hardware]
preset = "qubit_gate_ns_e4"
two_qubit_gate_error = 2e-4

[qec]
type = "surface_code"
max_code_distance = 31

[rotation]
type = "star_v1"
merge_logical_cycles = { value = 2.0, source = "QURI Parts: 2 d cycles per RUS step" }
injection_code_cycles = 0.0

[layout]
type = "star"
patches_per_data_qubit = 4.0
extra_patches = 0
payment = "pec"
"""


def test_user_file_with_plain_values(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    for arch in (load_model(str(path)), load_model(path), load_model_file(path)):
        assert arch.name == "my_star"
        assert arch.qubit.two_qubit_gate_error == 2e-4
        assert arch.qubit.one_qubit_gate_error == 1e-4  # from the preset
        assert arch.max_code_distance == 31
        assert arch.rotation_scheme == StarV1(merge_logical_cycles=2.0, injection_code_cycles=0.0)
        assert arch.layout == StarLayoutModel(
            patches_per_data_qubit=4.0, extra_patches=0, payment="pec"
        )
        assert arch.sources_dict == {
            "rotation.merge_logical_cycles": "QURI Parts: 2 d cycles per RUS step"
        }


def test_nested_scheme_by_name() -> None:
    text = (
        "[hardware]\npreset = 'qubit_gate_ns_e3'\n"
        "[rotation]\ntype = 'star_v3'\nsynthesis = 'mixed_fallback_formula'\nswitch_angle = 0.1\n"
    )
    arch = loads_model(text)
    assert arch.rotation_scheme.synthesis.name == "mixed_fallback_formula"
    assert arch.rotation_scheme.switch_angle == 0.1


# --- errors: file, key and problem ---------------------------------------------------------------

HW = "[hardware]\npreset = 'qubit_gate_ns_e3'\n"


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        # unknown keys, at every level
        ("[hardwares]\n", "hardwares", "unknown table"),
        (HW + "colour = 'red'\n", "hardware.colour", "unknown key"),
        (
            HW + "[rotation]\ntype = 'star_v1'\nprefactor = 1.0\n",
            "rotation.prefactor",
            "unknown key",
        ),
        (HW + "[layout]\ntype = 'star'\nt_gate = 'x'\n", "layout.t_gate", "unknown key"),
        (HW + "[qec]\ntype = 'surface_code'\nthreshhold = 0.01\n", "qec.threshhold", "unknown"),
        ("[model]\nname = 'x'\nauthor = 'me'\n" + HW, "model.author", "unknown key"),
        (
            HW + "[rotation]\ntype = 'star_v1'\nsuccess_probability = { value = 0.5, src = 'x' }\n",
            "rotation.success_probability.src",
            "unknown key",
        ),
        # unknown type names
        (HW + "[rotation]\ntype = 'star_v9'\n", "rotation.type", "unknown type 'star_v9'"),
        (HW + "[magic_source]\ntype = 'unicorns'\n", "magic_source.type", "unknown type"),
        (HW + "[rotation]\nslope = 1.0\n", "rotation.type", "missing"),
        ("[hardware]\npreset = 'qubit_gate_zz'\n", "hardware.preset", "unknown qubit preset"),
        # wrong types
        (
            HW + "[rotation]\ntype = 'star_v1'\ninjection_error_per_p = 'two fifteenths'\n",
            "rotation.injection_error_per_p",
            "expected a number, got string",
        ),
        (
            HW + "[layout]\ntype = 'star'\nextra_patches = 2.5\n",
            "layout.extra_patches",
            "expected a whole number",
        ),
        (
            HW + "[rotation]\ntype = 'phase_gradient'\ncount_adder_ancillas = 1\n",
            "rotation.count_adder_ancillas",
            "expected true or false",
        ),
        (
            "[hardware]\none_qubit_gate_time_ns = 'fast'\n",
            "hardware.one_qubit_gate_time_ns",
            "expected a time in ns",
        ),
        ("hardware = 3\n", "hardware", "expected a table"),
        # out of range
        (
            "[hardware]\npreset = 'qubit_gate_ns_e3'\ntwo_qubit_gate_error = 0.02\n",
            "hardware.two_qubit_gate_error",
            "at or above the surface_code threshold 0.01",
        ),
        (
            "[hardware]\npreset = 'qubit_gate_ns_e3'\nidle_error = 0.01\n",
            "hardware.idle_error",
            "threshold",
        ),
        (
            HW + "[qec]\ntype = 'surface_code'\nthreshold = 0.0005\n",
            "hardware.one_qubit_measurement_error",
            "threshold 0.0005",
        ),
        (
            "[hardware]\npreset = 'qubit_gate_ns_e3'\none_qubit_gate_time_ns = -50\n",
            "hardware.one_qubit_gate_time_ns",
            "negative time -50 ns",
        ),
        (
            "[hardware]\npreset = 'qubit_gate_ns_e3'\nt_gate_time_ns = 0\n",
            "hardware.t_gate_time_ns",
            "positive whole number",
        ),
        (
            "[hardware]\npreset = 'qubit_gate_ns_e3'\nt_gate_error = 1.5\n",
            "hardware.t_gate_error",
            "0 < t_gate_error < 1",
        ),
        (
            HW + "[rotation]\ntype = 'star_v1'\nsuccess_probability = 1.5\n",
            "rotation.success_probability",
            "success_probability",
        ),
        (
            HW + "[rotation]\ntype = 'star_v1'\nmerge_logical_cycles = -1.0\n",
            "rotation.merge_logical_cycles",
            "merge_logical_cycles",
        ),
        (
            HW + "[layout]\ntype = 'star'\nmax_sampling_overhead = 0.5\n",
            "layout.max_sampling_overhead",
            ">= 1",
        ),
        (
            HW + "[qec]\ntype = 'surface_code'\nmax_code_distance = 0\n",
            "qec.max_code_distance",
            "1 <= max_code_distance",
        ),
        (
            HW + "[qec]\ntype = 'surface_code'\ncrossing_prefactor = 0.9\n",
            "qec.crossing_prefactor",
            "crossing_prefactor",
        ),
        (
            "[hardware]\ninstruction_set = 'gate_based'\none_qubit_gate_time_ns = 50\n",
            "hardware.one_qubit_measurement_time_ns",
            "missing",
        ),
        (HW + "[qec]\ntype = 'floquet_code'\n", "qec.type", "Majorana"),
        ("[model]\nname = 'x'\n", "hardware", "missing table"),
    ],
)
def test_bad_files_name_file_key_and_problem(text: str, key: str, problem: str) -> None:
    with pytest.raises(ModelFileError, match="bad.toml") as info:
        loads_model(text, file="bad.toml")
    err = info.value
    assert (err.file, err.key) == ("bad.toml", key), str(err)
    assert problem in err.problem, err.problem
    assert str(err).startswith(f"bad.toml: {key}: ")


def test_presets_require_sources(tmp_path: Path) -> None:
    text = HW.replace("'qubit_gate_ns_e3'", "{ value = 'qubit_gate_ns_e3', source = 'QRE' }")
    assert loads_model(text, require_sources=True).sources_dict == {"hardware.preset": "QRE"}
    with pytest.raises(ModelFileError, match="no source given") as info:
        loads_model(HW, file="p.toml", require_sources=True)
    assert info.value.key == "hardware.preset"
    with pytest.raises(ModelFileError, match="non-empty string") as info:
        loads_model("[hardware]\npreset = { value = 'qubit_gate_ns_e3', source = '' }\n")
    assert info.value.key == "hardware.preset.source"


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="not valid TOML") as info:
        loads_model("[hardware\n", file="broken.toml")
    assert (info.value.file, info.value.key) == ("broken.toml", "")
    missing = tmp_path / "nope.toml"
    with pytest.raises(ModelFileError, match="cannot read the file") as info:
        load_model(str(missing))
    assert info.value.file == str(missing)


def test_no_eval_of_strings() -> None:
    # values are data: an expression string is a wrong type, never evaluated
    text = HW + "[rotation]\ntype = 'star_v1'\ninjection_error_per_p = '2/15'\n"
    with pytest.raises(ModelFileError, match="expected a number, got string '2/15'"):
        loads_model(text)


# --- packaging -----------------------------------------------------------------------------------


def test_pyproject_ships_models_in_the_wheel() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["models"] == "estimator/models"
    assert (ROOT / "models").resolve() in [d.resolve() for d in preset_directories()]
    assert sorted(f.stem for f in (ROOT / "models").glob("*.toml")) == sorted(PRESETS)
    assert not (ROOT / "models" / ".keep").exists()


@pytest.mark.slow
def test_built_wheel_contains_and_finds_the_presets(tmp_path: Path) -> None:
    """Build the wheel (~5 s) and load the presets from the unpacked package alone."""
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        pytest.skip(f"pip wheel failed (no build backend available?): {out.stderr[-300:]}")
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        shipped = sorted(Path(n).stem for n in z.namelist() if n.startswith("estimator/models/"))
        z.extractall(tmp_path / "site")
    assert shipped == sorted(PRESETS)
    script = (
        "from estimator.model_files import list_models, load_model, preset_directories;"
        "print(len([n for n in list_models() if not n.startswith('qre:')]));"
        "print(preset_directories()[0]);"
        "print(load_model('star_v1_p1e-3').name)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    count, directory, name = run.stdout.split()
    assert int(count) == len(PRESETS)
    assert Path(directory) == tmp_path / "site" / "estimator" / "models"
    assert name == "star_v1_p1e-3"

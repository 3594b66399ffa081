"""The two ways to install the project (pip with requirements.txt, conda with environment.yml) pin
the same versions."""

import re
import tomllib

import yaml

from werkdruk_utils import paths

REQUIRED = {"jupyterlab", "papermill", "pandas", "seaborn", "statsmodels", "nbconvert"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements_pins() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep, f"requirements.txt: '{line}' is not pinned with =="
        pins[normalise(name)] = version
    return pins


def conda_pins() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):  # a pip: section
            for line in dep.get("pip", []):
                name, _, version = line.partition("==")
                pins[normalise(name)] = version
            continue
        name, _, version = dep.partition("=")
        if normalise(name) in {"python", "pip"}:
            continue
        pins[normalise(name)] = version.lstrip("=")
    return pins


def test_every_conda_pin_equals_the_pip_pin():
    pip, conda = requirements_pins(), conda_pins()
    disagreements = {
        name: (version, pip.get(name))
        for name, version in conda.items()
        if pip.get(name) != version
    }
    assert not disagreements, f"environment.yml vs requirements.txt (conda, pip): {disagreements}"


def test_direct_dependencies_are_pinned_in_both():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = {
        normalise(re.split(r"[<>=!~ \[]", dep)[0]) for dep in project["dependencies"]
    } | REQUIRED
    pip, conda = requirements_pins(), conda_pins()
    assert direct - set(pip) == set(), "direct dependencies missing from requirements.txt"
    assert direct - set(conda) == set(), "direct dependencies missing from environment.yml"


def test_conda_environment_uses_the_same_python_minor():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in env["dependencies"]

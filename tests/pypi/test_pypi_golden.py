"""Golden recipes for real packages replayed from fixtures/pypi (no network)."""

from __future__ import annotations

import pytest

from recipegen.generate import check_recipe_text

# (spec, extra options): pure Python with/without extras, compiled C/Cython/Rust, setup.py-only,
# Poetry, hatch, flit, PEP 639, name-mapped, wheel-only.
CASES = [
    ("requests==2.34.2", {}),          # setuptools, extras (split), License field + classifier
    ("click==8.5.1", {}),              # flit, PEP 639 License-Expression, no deps
    ("attrs==26.1.0", {}),             # hatch, dev extras skipped
    ("typing-extensions==4.16.0", {}), # name-mapped: typing_extensions
    ("tomli==2.5.0", {}),
    ("packaging==26.3", {}),
    ("idna==3.20", {}),
    ("certifi==2026.10.18", {}),
    ("six==1.17.0", {}),               # setup.py + setup.cfg legacy
    ("docopt==0.6.2", {}),             # setup.py only, no pyproject
    ("black==26.10.1", {}),            # hatch, entry points, extras, python markers
    ("rich==15.0.0", {}),              # poetry-core backend
    ("httpx==0.28.1", {}),             # hatch, entry point needing an extra
    ("jinja2==3.1.6", {}),
    ("pyyaml==6.0.3", {}),             # compiled C/Cython, name case
    ("msgpack==1.2.4", {}),            # compiled C++ , name-mapped msgpack-python
    ("markupsafe==3.0.4", {}),         # compiled C with a pure fallback
    ("frozenlist==1.8.0", {}),         # Cython
    ("pybind11==3.1.0", {}),           # scikit-build-core but header-only: noarch
    ("numpy==2.5.5", {}),              # meson-python, C/C++, python floor above global
    ("pydantic-core==2.50.4", {}),     # Rust/maturin
    ("cryptography==50.0.2", {}),      # Rust + cffi, python-version marker on a compiled package
    ("pytest==9.2.0", {}),             # platform marker in noarch
    ("ipykernel==7.4.0", {}),
    ("tqdm==4.70.1", {}),
    ("beautifulsoup4==4.15.0", {}),    # name-mapped dependency
    ("poetry-core==2.5.0", {}),
    ("psutil==7.2.2", {}),             # compiled C, setup.py
    ("cleo==2.1.0", {}),               # Poetry project, python cap <4 dropped
    ("dunamai==1.26.5", {}),           # Poetry, marker below the floor dropped
    ("tensorboard==2.21.0", {"wheel_source": True}),  # wheel-only, pure wheel as source
    ("requests==2.34.2", {"extras": ("none",)}),
    ("black==26.10.1", {"extras": ("all",)}),
    ("requests==2.34.2", {"extras": ("socks",)}),
]


def _case_id(spec: str, options: dict) -> str:
    parts = [spec.split("==")[0]]
    if options.get("wheel_source"):
        parts.append("wheel-source")
    parts += [f"extras-{e}" for e in options.get("extras", ())]
    return "-".join(parts)


@pytest.mark.parametrize("spec,options", CASES, ids=[_case_id(spec, options) for spec, options in CASES])
def test_golden_recipe(spec, options, make_generator, file_regression):
    recipe = make_generator(**options).generate(spec)
    text = recipe.render()
    assert check_recipe_text(text, f"{recipe.name}/recipe.yaml") == []
    file_regression.check(text, extension=".yaml")

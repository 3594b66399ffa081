"""The written-out theme sets exactly what seaborn's set_theme sets (image.cmap aside), and the
modules a chapter notebook imports leave seaborn and scipy.stats unimported."""

import subprocess
import sys

import matplotlib
import matplotlib.colors
import pytest
import seaborn

from werkdruk_utils.present import theme


def snapshot() -> tuple[dict, dict]:
    rc = {k: v for k, v in matplotlib.rcParams.items() if k != "image.cmap"}
    return rc, {c: matplotlib.colors.to_rgb(c) for c in "bgrmyck"}


@pytest.fixture
def fresh_matplotlib():
    saved = matplotlib.rcParams.copy()
    matplotlib.rcdefaults()
    seaborn.set_color_codes("reset")
    yield
    seaborn.set_color_codes("reset")
    matplotlib.rcParams.update(saved)


def test_theme_equals_seaborn_set_theme(fresh_matplotlib) -> None:
    defaults_rc, default_codes = snapshot()
    theme.apply()
    ours = snapshot()
    matplotlib.rcdefaults()
    seaborn.set_color_codes("reset")
    assert snapshot() == (defaults_rc, default_codes)
    seaborn.set_theme(style="whitegrid", font="DejaVu Sans")
    seaborns = snapshot()
    differing = {k for k in seaborns[0] if ours[0].get(k) != seaborns[0][k]}
    assert differing == set(), differing
    assert ours[1] == seaborns[1]
    # Neither is a no-op: the theme changes settings and colour codes.
    assert ours[0]["axes.edgecolor"] == ".8" != defaults_rc["axes.edgecolor"]
    assert ours[1]["k"] == (0.1, 0.1, 0.1) != default_codes["k"]
    assert matplotlib.rcParams["image.cmap"] == "rocket"  # the one setting left out


def test_notebook_modules_leave_seaborn_and_scipy_stats_unimported() -> None:
    script = (
        "import sys\n"
        "from werkdruk_utils.chapters import (ch01_inleiding_en_methode, ch02_ervaren_werkdruk,\n"
        "    ch03_proces, ch04_besteding, ch05_effecten, ch06_conclusies)\n"
        "from werkdruk_utils import declare\n"
        "from werkdruk_utils.present import report, figures\n"
        "figures.setup_style()\n"
        "print(sorted(m for m in ('seaborn', 'scipy.stats', 'statsmodels') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"

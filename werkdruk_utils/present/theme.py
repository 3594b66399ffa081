"""The base theme of the figures: seaborn's ``set_theme(style="whitegrid", font="DejaVu Sans")``,
written out as matplotlib settings.

Importing seaborn imports ``scipy.stats`` and ``scipy.cluster`` (about 1,2 s), which a notebook
opened in JupyterLab would pay before its first figure; the figures use nothing of seaborn but
this theme. ``tests/unit/present/test_theme.py`` applies both and requires every matplotlib
setting and every colour code to be equal, so that a seaborn release that changes its theme is
noticed. One setting is left out: ``image.cmap`` ('rocket', a colour map that exists only once
seaborn is imported); the figures draw no images.
"""

from __future__ import annotations

DEEP = (
    "#4C72B0",
    "#DD8452",
    "#55A868",
    "#C44E52",
    "#8172B3",
    "#937860",
    "#DA8BC3",
    "#8C8C8C",
    "#CCB974",
    "#64B5CD",
)
"""seaborn's 'deep' palette: the colour cycle."""

DEEP6 = tuple(DEEP[i] for i in (0, 2, 3, 4, 8, 9))
"""seaborn's 'deep6': the palette without orange, brown, pink and grey."""

COLOUR_CODES = dict(zip("bgrmyck", (*DEEP6, (0.1, 0.1, 0.1)), strict=True))
"""The single-letter colours as seaborn's ``set_color_codes('deep')`` sets them."""

NOTEBOOK_CONTEXT = {
    "axes.linewidth": 1.25,
    "grid.linewidth": 1,
    "lines.linewidth": 1.5,
    "lines.markersize": 6,
    "patch.linewidth": 1,
    "xtick.major.width": 1.25,
    "ytick.major.width": 1.25,
    "xtick.minor.width": 1,
    "ytick.minor.width": 1,
    "xtick.major.size": 6,
    "ytick.major.size": 6,
    "xtick.minor.size": 4,
    "ytick.minor.size": 4,
    "font.size": 12,
    "axes.labelsize": 12,
    "axes.titlesize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.title_fontsize": 12,
}
"""seaborn's ``plotting_context('notebook')``."""

WHITEGRID_STYLE = {
    "figure.facecolor": "white",
    "axes.labelcolor": ".15",
    "xtick.direction": "out",
    "ytick.direction": "out",
    "xtick.color": ".15",
    "ytick.color": ".15",
    "axes.axisbelow": True,
    "grid.linestyle": "-",
    "text.color": ".15",
    "font.family": "DejaVu Sans",
    "font.sans-serif": [
        "Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif",
    ],
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "xtick.top": False,
    "ytick.right": False,
    "axes.grid": True,
    "axes.facecolor": "white",
    "axes.edgecolor": ".8",
    "grid.color": ".8",
    "axes.spines.left": True,
    "axes.spines.bottom": True,
    "axes.spines.right": True,
    "axes.spines.top": True,
    "xtick.bottom": False,
    "ytick.left": False,
}  # fmt: skip
"""seaborn's ``axes_style('whitegrid', rc={'font.family': 'DejaVu Sans'})`` without
``image.cmap``."""


def apply() -> None:
    """Set the theme, as ``seaborn.set_theme(style="whitegrid", font="DejaVu Sans")`` does."""
    import matplotlib
    import matplotlib.colors

    matplotlib.rcParams.update(NOTEBOOK_CONTEXT)
    matplotlib.rcParams.update(WHITEGRID_STYLE)
    matplotlib.rcParams["axes.prop_cycle"] = matplotlib.cycler(
        "color", [matplotlib.colors.to_rgb(c) for c in DEEP]
    )
    for code, colour in COLOUR_CODES.items():  # the mapping empties its cache itself
        matplotlib.colors.colorConverter.colors[code] = matplotlib.colors.to_rgb(colour)

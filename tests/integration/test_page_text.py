"""Every page of the built site reads like the report: no file paths, internal names or English,
Dutch number typography, generated sentences that agree with their tables, p-values in folds
rather than in running text (:mod:`werkdruk_utils.publish.text_check`).

Pages the site itself writes (index, Bijlagen, comparisons) must be clean. Text that comes from
the chapter modules and the codebook is being rewritten; what still shows is listed in
:data:`PENDING` with its count per page and kind, and the test fails as soon as a count grows or
a new kind appears (lower a count when a fix lands; the goal is an empty list).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from werkdruk_utils import paths
from werkdruk_utils.publish import text_check

pytestmark = pytest.mark.slow

OUT = Path(os.environ.get("WERKDRUK_OUT", paths.OUTPUTS_DIR))

# (page, with the measurement year as <jaar>; kind): the most this page may still show. Empty:
# every page of every year reads like the report, and any problem the page text check finds fails.
PENDING: dict[tuple[str, str], int] = {}


def key(problem: text_check.Problem) -> tuple[str, str]:
    return re.sub(r"^\d{4}/", "<jaar>/", problem.page), problem.kind


def test_pages_read_like_the_report():
    pages = text_check.site_pages(OUT)
    assert len(pages) > 1, f"no pages in {OUT}: build them with 'make all'"
    problems = text_check.check_site(OUT)
    counts: Counter = Counter()
    per_year: Counter = Counter()
    for problem in problems:
        per_year[(problem.page, problem.kind)] += 1
    for (page, kind), count in per_year.items():
        k = (re.sub(r"^\d{4}/", "<jaar>/", page), kind)
        counts[k] = max(counts[k], count)
    over = {k: (v, PENDING.get(k, 0)) for k, v in counts.items() if v > PENDING.get(k, 0)}
    examples = [str(p) for p in problems if key(p) in over][:40]
    assert not over, (
        f"text a reader should not see (page, kind: found, allowed): {over}\n" + "\n".join(examples)
    )

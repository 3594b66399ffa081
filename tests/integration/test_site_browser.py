"""The built site in a real browser: headless Chromium (Debian's ``chromium`` and ``chromedriver``)
driven by Selenium opens ``outputs/index.html`` and every page it links.

Every page loads without a console error, every figure (inline SVG) is displayed with a non-zero
size, every link resolves (the file exists), and a screenshot of every page is saved under
``outputs/screenshots/``. Build first with ``make site`` (``make test`` does). Another output
folder is checked with ``WERKDRUK_OUT=/path/to/outputs``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from werkdruk_utils import paths

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
OUT = Path(os.environ.get("WERKDRUK_OUT", paths.OUTPUTS_DIR))
FIGURE_SIZES = """
return Array.from(document.querySelectorAll('svg')).map(function (s) {
  var r = s.getBoundingClientRect(), st = window.getComputedStyle(s);
  return [r.width, r.height, st.display, st.visibility];
});
"""


def local_target(page: Path, href: str) -> Path | None:
    """The file a relative link of ``page`` points to (None for external links and in-page
    anchors)."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto") or (not parts.path and parts.fragment):
        return None
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    return (page.parent / unquote(parts.path)).resolve()


@pytest.fixture(scope="module")
def driver():
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is absent: install Debian's chromium and chromium-driver (.ci/run does) "
            "to run the browser test"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="werkdruk-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_index_and_every_linked_page(driver):
    index = OUT / "index.html"
    assert index.exists(), f"{index} is missing: build it with 'make site'"
    screenshots = OUT / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    visited: set[Path] = set()
    queue = [index.resolve()]
    opened = 0
    while queue:
        page = queue.pop(0)
        if page in visited:
            continue
        visited.add(page)
        driver.get(page.as_uri())
        opened += 1
        name = page.relative_to(OUT.resolve())
        errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        problems += [f"{name}: console error: {m}" for m in errors]
        if page.suffix == ".html":
            for i, (width, height, display, visibility) in enumerate(
                driver.execute_script(FIGURE_SIZES)
            ):
                if not (width > 0 and height > 0 and display != "none" and visibility != "hidden"):
                    problems.append(
                        f"{name}: figure {i + 1} not displayed ({width}x{height}, {display}, "
                        f"{visibility})"
                    )
        shot = screenshots / (re.sub(r"[^A-Za-z0-9_.-]+", "_", str(name)) + ".png")
        assert driver.save_screenshot(str(shot)), f"no screenshot of {name}"
        if page.suffix != ".html":
            continue
        hrefs = [a.get_attribute("href") for a in driver.find_elements("css selector", "a[href]")]
        for href in hrefs:
            target = local_target(page, href)
            if target is None:
                continue
            if not target.exists():
                problems.append(f"{name}: link {href} does not resolve")
            elif page == index.resolve():  # every page the index links is opened in turn
                queue.append(target)
    assert opened > 1, "the index links no page"
    assert not problems, "\n".join(problems[:50])

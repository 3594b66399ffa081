"""The built site in a real browser: headless Chromium (Debian's ``chromium`` and ``chromedriver``)
driven by Selenium opens ``outputs/index.html`` and every page reachable from it.

On every page: no console error; every link resolves (the file exists, and so does the element a
``#fragment`` names); no accessibility violation of any impact (axe-core, through
``axe-selenium-python``); every figure has a name (``role="img"`` with a non-empty title); at a
phone's width (420 px) nothing scrolls sideways except inside a table's own scroll box. A
screenshot of every page at desktop and at phone width is saved under ``outputs/screenshots/``.
Build first with ``make site`` (``make test`` does). Another output folder is checked with
``WERKDRUK_OUT=/path/to/outputs``.
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
DESKTOP = (1400, 1000)
PHONE = (420, 900)
FIGURES = """
return Array.from(document.querySelectorAll('svg')).filter(function (s) {
  return !s.parentElement.closest('svg');
}).map(function (s) {
  var r = s.getBoundingClientRect(), st = window.getComputedStyle(s);
  var label = '';
  (s.getAttribute('aria-labelledby') || '').split(/\\s+/).forEach(function (id) {
    var el = id && document.getElementById(id);
    if (el) { label += el.textContent; }
  });
  return [r.width, r.height, st.display, st.visibility, s.getAttribute('role'), label.trim()];
});
"""
# Elements wider than the page at phone width, other than those inside a scroll box of their own.
OVERFLOW = """
var width = document.documentElement.clientWidth, out = [];
if (document.documentElement.scrollWidth <= width) { return out; }
document.querySelectorAll('body *').forEach(function (el) {
  var r = el.getBoundingClientRect();
  if (r.right > width + 1 && !el.closest('.table-scroll') && !el.closest('svg') && out.length < 5) {
    out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
             (el.className && el.className.baseVal === undefined ? '.' + el.className : ''));
  }
});
return out.length ? out : ['document ' + document.documentElement.scrollWidth + ' > ' + width];
"""


def local_target(page: Path, href: str) -> tuple[Path | None, str]:
    """The file a link of ``page`` points to (None for external links) and its fragment."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto"):
        return None, ""
    if parts.scheme == "file":
        return Path(unquote(parts.path)), unquote(parts.fragment)
    if not parts.path:
        return page, unquote(parts.fragment)
    return (page.parent / unquote(parts.path)).resolve(), unquote(parts.fragment)


_IDS: dict[Path, set[str]] = {}


def ids_of(page: Path) -> set[str]:
    if page not in _IDS:
        text = page.read_text(encoding="utf-8", errors="replace")
        _IDS[page] = set(re.findall(r'\bid="([^"]+)"', text))
    return _IDS[page]


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
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    browser.set_script_timeout(300)  # axe on the longest pages
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shot_name(name: Path, width: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", str(name)) + f".{width}.png"


def check_page(driver, page: Path, name: Path, screenshots: Path) -> tuple[list[str], list[Path]]:
    """Open ``page`` at desktop and phone width; the problems found and the pages it links."""
    from axe_selenium_python import Axe

    problems: list[str] = []
    driver.set_window_size(*DESKTOP)
    driver.get(page.as_uri())
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    problems += [f"{name}: console error: {m}" for m in errors]
    for i, (width, height, display, visibility, role, label) in enumerate(
        driver.execute_script(FIGURES), start=1
    ):
        if not (width > 0 and height > 0 and display != "none" and visibility != "hidden"):
            problems.append(f"{name}: figure {i} not displayed ({width}x{height}, {display})")
        if role != "img" or not label:
            problems.append(f"{name}: figure {i} has no name (role={role!r}, title={label!r})")
    assert driver.save_screenshot(str(screenshots / shot_name(name, "desktop")))
    axe = Axe(driver)
    axe.inject()
    result = axe.run(options={"resultTypes": ["violations"]})
    for violation in result["violations"]:
        targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
        problems.append(
            f"{name}: axe {violation['impact']} {violation['id']} on "
            f"{len(violation['nodes'])} element(s), e.g. {targets}"
        )
    linked = []
    for href in [a.get_attribute("href") for a in driver.find_elements("css selector", "a[href]")]:
        target, fragment = local_target(page, href)
        if target is None:
            continue
        if not target.exists():
            problems.append(f"{name}: link {href} does not resolve")
            continue
        if fragment and target.suffix == ".html" and fragment not in ids_of(target):
            problems.append(f"{name}: link {href}: no element with id {fragment!r}")
        if target.suffix == ".html":
            linked.append(target)
    driver.set_window_size(*PHONE)
    driver.get(page.as_uri())
    overflow = driver.execute_script(OVERFLOW)
    if overflow:
        problems.append(f"{name}: scrolls sideways at {PHONE[0]} px: {overflow}")
    assert driver.save_screenshot(str(screenshots / shot_name(name, "phone")))
    return problems, linked


def test_every_page_in_the_browser(driver):
    index = OUT / "index.html"
    assert index.exists(), f"{index} is missing: build it with 'make site'"
    screenshots = OUT / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    visited: set[Path] = set()
    queue = [index.resolve()]
    while queue:
        page = queue.pop(0)
        if page in visited:
            continue
        visited.add(page)
        found, linked = check_page(driver, page, page.relative_to(OUT.resolve()), screenshots)
        problems += found
        queue += [p for p in linked if p not in visited]
    chapters = [p for p in visited if re.match(r"\d{2}_", p.name) and p.parent.name.isdigit()]
    assert len(chapters) >= 6, f"only {len(chapters)} chapter pages reachable from the index"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])

"""``make pdf`` for the latest measurement: a PDF with a title page, contents and every chapter,
and nothing that Chromium would have to split over two pages (every figure and table is kept
together by the print stylesheet and is shorter than the printable height of an A4 page)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from werkdruk_utils import measurements, paths
from werkdruk_utils.publish import pages, pdf

pytestmark = pytest.mark.slow

OUT = Path(os.environ.get("WERKDRUK_OUT", paths.OUTPUTS_DIR))
# A4 minus the print margins (22 + 18 mm), in CSS pixels (96 per inch).
PRINTABLE_HEIGHT = (297 - 40) / 25.4 * 96
PRINTABLE_WIDTH = (210 - 32) / 25.4 * 96
TOO_TALL = """
var limit = arguments[0], out = [];
document.querySelectorAll('figure, table, .werkdruk-meta').forEach(function (el) {
  if (el.closest('details:not([open])') || el.parentElement.closest('figure, table')) { return; }
  var style = getComputedStyle(el), r = el.getBoundingClientRect();
  if (style.display === 'none') { return; }
  if (style.breakInside !== 'avoid' || r.height > limit) {
    out.push((el.id || el.tagName) + ' ' + Math.round(r.height) + 'px ' + style.breakInside);
  }
});
return out;
"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    chromium = pdf.find_chromium()
    if chromium is None:
        pytest.skip(pdf.INSTALL_HINT)
    year = measurements.latest()
    notebooks = [c.name for c in pages.chapter_pages()]
    missing = [n for n in notebooks if not (OUT / str(year) / f"{n}.html").exists()]
    if missing:
        pytest.fail(f"build the pages first ('make all'): {missing}")
    out = tmp_path_factory.mktemp("pdf")
    (out / str(year)).mkdir()
    for name in notebooks:
        shutil.copy(OUT / str(year) / f"{name}.html", out / str(year))
    target = pdf.write_pdf(out, year, notebooks, chromium, build_dir=out / "print")
    return target, out / "print" / f"rapport_{year}.html", year


def test_a_pdf_with_title_contents_and_chapters(printed):
    target, document, year = printed
    assert target.exists() and pdf.page_count(target) > 10
    text = document.read_text(encoding="utf-8")
    assert f"Meting {year}" in text and "<h2>Inhoud</h2>" in text
    for chapter in pages.chapter_pages():
        assert chapter.short_title in text


def test_nothing_is_split_over_two_pages(printed):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    _, document, _ = printed
    profile = tempfile.mkdtemp(prefix="werkdruk-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = pdf.find_chromium()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        driver.set_window_size(round(PRINTABLE_WIDTH) + 16, 1000)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        driver.get(document.resolve().as_uri())
        too_tall = driver.execute_script(TOO_TALL, PRINTABLE_HEIGHT)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    assert not too_tall, f"{len(too_tall)} figures/tables could be split: {too_tall[:20]}"

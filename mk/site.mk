# Year-over-year comparison pages (make diff), the index and the Bijlage pages (make site), the
# shared stylesheet and script every page links, and the PDF (make pdf). DIFF_PAGES, SITE_INDEX,
# SITE_ASSETS, SITE_SUMMARY, SITE_YEARS and deps_of come from mk/build.mk; the comparison pages
# are decided per page by the second make level (mk/stages.mk) and written in one process.

.PHONY: diff site pdf

diff: $(DIFF_PAGES) $(SITE_ASSETS) ## compare measurement years per notebook: outputs/diff/<notebook>_<a>_<b>.html and .txt

site: $(SITE_INDEX) $(SITE_ASSETS) ## write outputs/index.html (landing page), the Bijlage pages and the shared CSS/JS

$(DIFF_PAGES) $(DIFF_TEXTS): $(COMPARISONS_DONE) ;
$(COMPARISONS_DONE): $(REPORTS) $(call deps_of,werkdruk_utils.publish.comparisons) $(if $(call missing,$(DIFF_PAGES) $(DIFF_TEXTS)),werkdruk-force) | $(INSTALLED)
	@$(MAKE) --no-print-directory WERKDRUK_STAGE=comparisons OUT='$(OUT)' DATA='$(DATA)' YEARS='$(YEARS)' werkdruk-comparisons
	@touch $@

$(SITE_ASSETS) &: $(call deps_of,werkdruk_utils.publish.static) | $(INSTALLED)
	@$(BIN)/python -m werkdruk_utils.publish.static --out '$(OUT)'
	@touch $(SITE_ASSETS)

$(SITE_INDEX): $(REPORTS) $(REPRODUCTION) $(DIFF_PAGES) $(SITE_SUMMARY) $(call deps_of,werkdruk_utils.publish.site) | $(INSTALLED)
	@$(BIN)/python -m werkdruk_utils.publish.site --out '$(OUT)' --years $(SITE_YEARS) $(addprefix --notebook ,$(NOTEBOOK_NAMES))

# The report of each measurement as a PDF, printed by headless Chromium (not part of 'all').
pdf: $(SITE_INDEX) $(SITE_ASSETS) ## print every chapter of each measurement to outputs/<year>/rapport.pdf (needs Chromium; CHROMIUM=/path)
	@$(BIN)/python -m werkdruk_utils.publish.pdf --out '$(OUT)' --years $(SITE_YEARS) $(addprefix --notebook ,$(NOTEBOOK_NAMES)) $(if $(CHROMIUM),--chromium '$(CHROMIUM)')

# Year-over-year comparison pages (make diff) and the index of everything built (make site).
# Uses REPORTS, OUT, YEARS, NOTEBOOK_NAMES, BIN and INSTALLED from the main Makefile.

.PHONY: diff site

# Consecutive measurement years, plus the first against the last when there are more than two.
SITE_YEARS := $(sort $(YEARS))
DIFF_PAIRS := $(shell y=($(SITE_YEARS)); n=$${#y[@]}; \
	for ((i = 1; i < n; i++)); do echo "$${y[i-1]}_$${y[i]}"; done; \
	if ((n > 2)); then echo "$${y[0]}_$${y[n-1]}"; fi)
DIFF_PAGES := $(foreach n,$(NOTEBOOK_NAMES),$(foreach p,$(DIFF_PAIRS),$(OUT)/diff/$(n)_$(p).html))
SITE_INDEX := $(OUT)/index.html
# The shared stylesheet and script every page links (werkdruk_utils/publish/assets/).
SITE_ASSETS := $(OUT)/assets/werkdruk.css $(OUT)/assets/werkdruk.js
# The data summary shown on the index: only for the bundled synthetic data's own outputs.
SITE_SUMMARY := $(if $(filter $(abspath $(OUT)),$(abspath outputs)),$(SUMMARY))

diff: $(DIFF_PAGES) $(SITE_ASSETS) ## compare measurement years per notebook: outputs/diff/<notebook>_<a>_<b>.html and .txt

site: $(SITE_INDEX) $(SITE_ASSETS) ## write outputs/index.html (landing page), the Bijlage pages and the shared CSS/JS

all: site
test: site

# One rule per notebook x pair of years; the .html and .txt are written together.
define DIFF_RULE
$(OUT)/diff/$(1)_$(2)_$(3).html $(OUT)/diff/$(1)_$(2)_$(3).txt &: $(OUT)/$(2)/$(1).html $(OUT)/$(3)/$(1).html werkdruk_utils/publish/comparisons.py werkdruk_utils/publish/pages.py | $(INSTALLED)
	@$(BIN)/python -m werkdruk_utils.publish.comparisons --out $(OUT) --notebook $(1) --years $(2) $(3)
endef
$(foreach n,$(NOTEBOOK_NAMES),$(foreach p,$(DIFF_PAIRS),$(eval $(call DIFF_RULE,$(n),$(word 1,$(subst _, ,$(p))),$(word 2,$(subst _, ,$(p)))))))

$(SITE_ASSETS) &: $(wildcard werkdruk_utils/publish/assets/*) | $(INSTALLED)
	@$(BIN)/python -m werkdruk_utils.publish.pages --assets '$(OUT)'
	@touch $(SITE_ASSETS)

$(SITE_INDEX): $(REPORTS) $(REPRODUCTION) $(DIFF_PAGES) $(SITE_SUMMARY) werkdruk_utils/publish/site.py werkdruk_utils/publish/pages.py | $(INSTALLED)
	@$(BIN)/python -m werkdruk_utils.publish.site --out $(OUT) --years $(SITE_YEARS) $(addprefix --notebook ,$(NOTEBOOK_NAMES))

# The report of each measurement as a PDF, printed by headless Chromium (not part of 'all').
.PHONY: pdf
pdf: $(SITE_INDEX) $(SITE_ASSETS) ## print every chapter of each measurement to outputs/<year>/rapport.pdf (needs Chromium; CHROMIUM=/path)
	@$(BIN)/python -m werkdruk_utils.publish.pdf --out '$(OUT)' --years $(SITE_YEARS) $(addprefix --notebook ,$(NOTEBOOK_NAMES)) $(if $(CHROMIUM),--chromium '$(CHROMIUM)')

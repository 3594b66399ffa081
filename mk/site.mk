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

diff: $(DIFF_PAGES) ## compare measurement years per notebook: outputs/diff/<notebook>_<a>_<b>.html and .txt

site: $(SITE_INDEX) ## write outputs/index.html linking every chapter x year and comparison, with provenance

all: site
test: site

# One rule per notebook x pair of years; the .html and .txt are written together.
define DIFF_RULE
$(OUT)/diff/$(1)_$(2)_$(3).html $(OUT)/diff/$(1)_$(2)_$(3).txt &: $(OUT)/$(2)/$(1).html $(OUT)/$(3)/$(1).html werkdruk_utils/publish/comparisons.py | $(INSTALLED)
	@$(BIN)/python -m werkdruk_utils.publish.comparisons --out $(OUT) --notebook $(1) --years $(2) $(3)
endef
$(foreach n,$(NOTEBOOK_NAMES),$(foreach p,$(DIFF_PAIRS),$(eval $(call DIFF_RULE,$(n),$(word 1,$(subst _, ,$(p))),$(word 2,$(subst _, ,$(p)))))))

$(SITE_INDEX): $(REPORTS) $(REPRODUCTION) $(DIFF_PAGES) werkdruk_utils/publish/site.py | $(INSTALLED)
	@$(BIN)/python -m werkdruk_utils.publish.site --out $(OUT) --years $(SITE_YEARS) $(addprefix --notebook ,$(NOTEBOOK_NAMES))

# Output check (disclosure control): after the notebooks, every HTML, executed notebook and CSV
# under $(OUT) is scanned for e-mail addresses, phone numbers, respondent and school ids and
# free-text answers of the input $(DATA). A hit fails the build; the file is moved to
# build/quarantine/ (outside the outputs, never published). See docs/threat_model.md.
# The scan runs again only when an output changed (stamp file $(OUT)/.outputs-checked).

.PHONY: check-outputs
.SECONDEXPANSION:

OUTPUTS_CHECKED := $(OUT)/.outputs-checked

check-outputs: $(OUTPUTS_CHECKED) ## scan every output for personal data (fails and quarantines on a hit)

# Secondary expansion: the site and diff pages are defined in mk/site.mk, read after this file.
$(OUTPUTS_CHECKED): $(REPORTS) $(REPRODUCTION) $$(SITE_INDEX) $$(DIFF_PAGES) werkdruk_utils/publish/output_check.py | $(INSTALLED)
	$(BIN)/python -m werkdruk_utils.publish.output_check --outputs $(OUT) --data $(DATA)
	@touch $@

all: check-outputs
test: check-outputs

# Output check (disclosure control): after the notebooks, every HTML, executed notebook and CSV
# under $(OUT) is scanned for e-mail addresses, phone numbers, respondent and school ids and
# free-text answers of the input $(DATA). A hit fails the build; the file is moved to
# build/quarantine/ (outside the outputs, never published). See docs/threat_model.md.
# The scan runs again only when an output changed (stamp $(OUTPUTS_CHECKED), under build/state).

.PHONY: check-outputs

check-outputs: $(OUTPUTS_CHECKED) ## scan every output for personal data (fails and quarantines on a hit)

$(OUTPUTS_CHECKED): $(REPORTS) $(REPRODUCTION) $(SITE_INDEX) $(SITE_ASSETS) $(DIFF_PAGES) $(call deps_of,werkdruk_utils.publish.output_check) | $(INSTALLED)
	$(BIN)/python -m werkdruk_utils.publish.output_check --outputs '$(OUT)' --data '$(DATA)'
	@touch $@

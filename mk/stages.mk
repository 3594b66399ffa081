# The second make level (see mk/build.mk): one rule per notebook x year or per comparison page.
# An out-of-date output is queued; the stage's goal then executes the whole queue in one process.

ifeq ($(WERKDRUK_STAGE),notebooks)
QUEUE := $(STATE)/notebook-queue
$(file >$(QUEUE))

define NOTEBOOK_RULE
$(OUT)/$(1)/$(2).html: $(NOTEBOOK_DIR)/$(2).ipynb $(call deps_of,$(2)) $(PARAMS) $(call data_upto,$(1))
	@echo '$(2) $(1)' >> '$(QUEUE)'
endef
$(foreach y,$(YEARS),$(foreach n,$(NOTEBOOK_NAMES),$(eval $(call NOTEBOOK_RULE,$(y),$(n)))))

.PHONY: werkdruk-notebooks
werkdruk-notebooks: $(REPORTS)
	@rm -f '$(OUT)/.parameters' '$(OUT)/.outputs-checked' '$(OUT)'/.queue-*  # kept there by earlier builds
	@if [ -s '$(QUEUE)' ]; then \
	  $(BIN)/python -m werkdruk_utils.publish.build --queue '$(QUEUE)' --notebooks-dir '$(NOTEBOOK_DIR)' --data '$(DATA)' --out '$(OUT)' $(if $(SHOW_CODE),--show-code) $(if $(JOBS),--jobs $(JOBS)); \
	else echo "notebooks: niets te doen, alle $(words $(REPORTS)) notebook-jaren in $(OUT_NAME) zijn actueel"; fi
	@for year in $(YEARS); do [ -f '$(OUT)'/$$year/reproduction.csv ] || $(BIN)/python -m werkdruk_utils.publish.build --merge-reproduction '$(OUT)'/$$year; done
endif

ifeq ($(WERKDRUK_STAGE),comparisons)
QUEUE := $(STATE)/comparison-queue
$(file >$(QUEUE))

define DIFF_RULE
$(OUT)/diff/$(1)_$(2)_$(3).html $(OUT)/diff/$(1)_$(2)_$(3).txt &: $(OUT)/$(2)/$(1).html $(OUT)/$(3)/$(1).html $(call deps_of,werkdruk_utils.publish.comparisons)
	@echo '$(1) $(2) $(3)' >> '$(QUEUE)'
endef
$(foreach n,$(NOTEBOOK_NAMES),$(foreach p,$(DIFF_PAIRS),$(eval $(call DIFF_RULE,$(n),$(word 1,$(call diff_years,$(p))),$(word 2,$(call diff_years,$(p)))))))

.PHONY: werkdruk-comparisons
werkdruk-comparisons: $(DIFF_PAGES) $(DIFF_TEXTS)
	@if [ -s '$(QUEUE)' ]; then $(BIN)/python -m werkdruk_utils.publish.build --comparisons '$(QUEUE)' --out '$(OUT)'; fi
endif

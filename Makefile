# werkdruk — build and test. `make` alone lists the targets.
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   ?=

INSTALLED      := $(VENV)/.installed
SYNTHETIC_DIR  := data/synthetic
SYNTHETIC_STAMP := data/.synthetic.stamp
# The notebooks' code: everything in the package but the modules that only post-process outputs.
PACKAGE_SOURCES := $(filter-out werkdruk_utils/publish/comparisons.py werkdruk_utils/publish/site.py werkdruk_utils/publish/pdf.py werkdruk_utils/publish/text_check.py werkdruk_utils/publish/output_check.py werkdruk_utils/publish/bench.py,$(shell find werkdruk_utils -name '*.py' 2>/dev/null))
SYNTH_SOURCES  := $(wildcard werkdruk_utils/synth/*.py) werkdruk_utils/inputs/codebook.py werkdruk_utils/paths.py werkdruk_utils/measurements.py
DATA_INPUTS    := data/codebook.yaml data/reference/published_values.csv $(wildcard data/population/*.csv)
SUMMARY        := outputs/data_summary.md
DATA           ?= $(SYNTHETIC_DIR)
SHOW_CODE      ?=

# The measurement years are data: the codebook's 'measurements:' list (docs/adding_a_measurement.md).
# build/measurements.mk holds MEASUREMENT_YEARS and MEASUREMENTS_UPTO_<year>; make remakes it when
# the codebook or the population figures change (the only Python run while reading this file).
MEASUREMENTS_MK := build/measurements.mk
ifneq ($(filter-out help clean distclean venv lock,$(or $(MAKECMDGOALS),help)),)
include $(MEASUREMENTS_MK)
endif
YEARS          ?= $(MEASUREMENT_YEARS)
ifdef MEASUREMENT_YEARS
ifneq ($(filter-out $(MEASUREMENT_YEARS),$(YEARS)),)
$(error YEARS=$(YEARS): meting $(filter-out $(MEASUREMENT_YEARS),$(YEARS)) staat niet in de codebook (data/codebook.yaml kent $(MEASUREMENT_YEARS)); een meting toevoegen: docs/adding_a_measurement.md)
endif
endif
# Outputs of the bundled synthetic data go to outputs/; any other DATA gets its own folder
# outputs/<name of the data folder>-<first 8 hex digits of the SHA-256 of its absolute path>, so
# outputs from synthetic and real data never mix. OUT=... overrides both.
ifeq ($(abspath $(DATA)),$(abspath $(SYNTHETIC_DIR)))
OUT            ?= outputs
else
OUT            ?= outputs/$(notdir $(abspath $(DATA)))-$(shell printf '%s' '$(abspath $(DATA))' | sha256sum | cut -c1-8)
endif
NOTEBOOK_DIR   ?= notebooks
NOTEBOOKS      := $(sort $(wildcard $(NOTEBOOK_DIR)/[0-9][0-9]_*.ipynb))
NOTEBOOK_NAMES := $(notdir $(basename $(NOTEBOOKS)))
REPORTS        := $(foreach y,$(YEARS),$(foreach n,$(NOTEBOOK_NAMES),$(OUT)/$(y)/$(n).html))
REPRODUCTION   := $(foreach y,$(YEARS),$(OUT)/$(y)/reproduction.csv)
BUILD_INPUTS   := $(PACKAGE_SOURCES) $(DATA_INPUTS) $(wildcard data/reference/*.yaml data/case_studies/*) $(wildcard werkdruk_utils/publish/templates/*/*)
# The parameters every output depends on, in a file that changes only when they change.
PARAMS         := $(OUT)/.parameters
PARAMS_TEXT    := data=$(abspath $(DATA)) show_code=$(SHOW_CODE)
ifneq ($(filter-out help clean distclean lock venv test-unit bench,$(or $(MAKECMDGOALS),help)),)
$(shell mkdir -p '$(OUT)' && { [ -f '$(PARAMS)' ] && [ "$$(cat '$(PARAMS)')" = '$(PARAMS_TEXT)' ] || printf '%s\n' '$(PARAMS_TEXT)' > '$(PARAMS)'; })
endif
ifeq ($(abspath $(DATA)),$(abspath $(SYNTHETIC_DIR)))
DATA_READY     := $(SYNTHETIC_STAMP)
else
DATA_READY     := $(wildcard $(DATA)/*/respondents.* $(DATA)/*/schools.*)
endif
# Input files of measurement year $(1) and every earlier one (what its notebooks read).
data_upto = $(foreach y,$(MEASUREMENTS_UPTO_$(1)),$(wildcard $(DATA)/$(y)/respondents.* $(DATA)/$(y)/schools.*))

.PHONY: help all venv data summary notebooks test test-unit lab lock clean distclean bench

# Further targets live in mk/*.mk (one file per concern).
-include $(sort $(wildcard mk/*.mk))

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

all: venv data summary notebooks ## create the environment, build the synthetic data and every output (make -j: every core)

venv: $(INSTALLED) ## create .venv with the pinned dependencies (requirements.txt)

$(INSTALLED): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

data: $(SYNTHETIC_STAMP) ## generate the synthetic data of every measurement of the codebook (deterministic, fixed seed)

$(SYNTHETIC_STAMP): $(INSTALLED) $(SYNTH_SOURCES) $(DATA_INPUTS)
	$(BIN)/python -m werkdruk_utils.synth --out $(SYNTHETIC_DIR) $(if $(SEED),--seed $(SEED)) --years $(MEASUREMENT_YEARS)
	@touch $@

$(MEASUREMENTS_MK): data/codebook.yaml data/population/weighting_population.csv werkdruk_utils/measurements.py | $(INSTALLED)
	@mkdir -p $(@D)
	@$(BIN)/python -m werkdruk_utils.measurements --make > $@.part
	@mv $@.part $@

summary: $(SUMMARY) ## load and validate every year and write outputs/data_summary.md

$(SUMMARY): $(SYNTHETIC_STAMP) $(PACKAGE_SOURCES)
	@mkdir -p $(dir $@)
	$(BIN)/python -m werkdruk_utils.publish.summary --data $(SYNTHETIC_DIR) --years $(YEARS) --out $@.tmp
	@mv $@.tmp $@
	@echo "wrote $@"

notebooks: $(REPORTS) $(REPRODUCTION) ## execute the chapter notebooks that are out of date (YEARS=..., DATA=..., OUT=..., SHOW_CODE=1, JOBS=n)
	$(if $(NOTEBOOKS_RAN),,@echo "notebooks: niets te doen, alle $(words $(REPORTS)) notebook-jaren in $(OUT) zijn actueel")

# Two levels. Here all outputs together: when any of them may be out of date, a second make
# (below, after the data exist) decides per notebook x year which are, and executes exactly those
# in one process with a warm kernel per core (werkdruk_utils.publish.build --queue). Outputs are written
# to temporary files and renamed, and kept when another notebook-year fails (.PRECIOUS).
.PRECIOUS: $(REPORTS) $(REPRODUCTION)
ifndef WERKDRUK_EXECUTE
$(REPORTS) $(REPRODUCTION) &: $(NOTEBOOKS) $(BUILD_INPUTS) $(PARAMS) $(DATA_READY) | $(INSTALLED)
	$(eval NOTEBOOKS_RAN := 1)
	@$(MAKE) --no-print-directory WERKDRUK_EXECUTE=1 OUT='$(OUT)' DATA='$(DATA)' YEARS='$(YEARS)' SHOW_CODE='$(SHOW_CODE)' NOTEBOOK_DIR='$(NOTEBOOK_DIR)' execute-notebooks merge-reproduction
else
# One rule per notebook x year: an output that is out of date is queued; execute-notebooks runs the queue.
QUEUE := $(OUT)/.queue-$(shell echo $$PPID)
define NOTEBOOK_RULE
$(OUT)/$(1)/$(2).html: $(NOTEBOOK_DIR)/$(2).ipynb $(BUILD_INPUTS) $(PARAMS) $(call data_upto,$(1))
	@mkdir -p '$(OUT)/$(1)' && echo '$(2) $(1)' >> '$(QUEUE)'
endef
$(foreach y,$(YEARS),$(foreach n,$(NOTEBOOK_NAMES),$(eval $(call NOTEBOOK_RULE,$(y),$(n)))))

.PHONY: execute-notebooks merge-reproduction
execute-notebooks: $(REPORTS)
	@if [ -s '$(QUEUE)' ]; then \
	  $(BIN)/python -m werkdruk_utils.publish.build --queue '$(QUEUE)' --notebooks-dir '$(NOTEBOOK_DIR)' --data '$(DATA)' --out '$(OUT)' $(if $(SHOW_CODE),--show-code) $(if $(JOBS),--jobs $(JOBS)); \
	else rm -f '$(QUEUE)'; echo "notebooks: niets te doen, alle $(words $(REPORTS)) notebook-jaren in $(OUT) zijn actueel"; fi

merge-reproduction: $(REPRODUCTION)
	@:
$(OUT)/%/reproduction.csv: | execute-notebooks
	@[ -f $@ ] || $(BIN)/python -m werkdruk_utils.publish.build --merge-reproduction $(OUT)/$*
endif

test: $(INSTALLED) $(SYNTHETIC_STAMP) notebooks ## run every test (unit and integration; builds the notebooks first)
	$(BIN)/python -m pytest -q

bench: $(INSTALLED) $(SYNTHETIC_STAMP) ## time clean, no-op and one-notebook builds against the plain way and the floor (BENCH_ARGS=--plain-sample 3)
	$(BIN)/python -m werkdruk_utils.publish.bench $(BENCH_ARGS)

test-unit: $(INSTALLED) ## run the fast unit tests only
	$(BIN)/python -m pytest -q tests/unit

# JupyterLab on the notebooks. As root (a container) Jupyter refuses to start without
# --allow-root; without a display there is no browser to open. LAB_IP=0.0.0.0 makes the server
# reachable from outside a container (it stays protected by its token).
LAB_IP   ?= 127.0.0.1
LAB_PORT ?= 8888
lab: $(INSTALLED) ## open JupyterLab on the notebooks and print its URL (LAB_IP=0.0.0.0 LAB_PORT=8888)
	@echo "JupyterLab start op de notebooks in $(CURDIR)/notebooks; open de URL met token hieronder (Ctrl-C stopt)."
	$(BIN)/jupyter lab --notebook-dir=notebooks --ip=$(LAB_IP) --port=$(LAB_PORT) \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(if $(DISPLAY),,--no-browser) \
	  --ServerApp.port_retries=0 --MappingKernelManager.default_kernel_name=python3

lock: $(INSTALLED) ## rewrite requirements.txt from the environment (then update environment.yml)
	@{ echo "# Exact versions of every package the project installs (pip freeze), Python 3.11."; \
	   echo "# Regenerate with 'make lock' after changing a direct dependency; environment.yml carries the same pins."; \
	   $(BIN)/python -m pip freeze --exclude-editable --all | grep -v -E '^pip=='; } > requirements.txt

clean: ## remove built outputs, the cache and the synthetic data
	@if [ -d $(SYNTHETIC_DIR) ]; then chmod -R u+w $(SYNTHETIC_DIR); fi
	rm -rf outputs build $(SYNTHETIC_DIR) $(SYNTHETIC_STAMP)

distclean: clean ## also remove the virtual environment
	rm -rf $(VENV)

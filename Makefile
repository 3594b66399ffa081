# werkdruk — build and test. `make` alone lists the targets.
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   ?=
YEARS  ?= 2022 2023 2024

INSTALLED      := $(VENV)/.installed
SYNTHETIC_DIR  := data/synthetic
SYNTHETIC_STAMP := data/.synthetic.stamp
PACKAGE_SOURCES := $(shell find werkdruk_utils -name '*.py' 2>/dev/null)
SYNTH_SOURCES  := $(wildcard werkdruk_utils/synth/*.py) werkdruk_utils/codebook.py werkdruk_utils/paths.py
DATA_INPUTS    := data/codebook.yaml data/reference/published_values.csv $(wildcard data/population/*.csv)
SUMMARY        := outputs/data_summary.md
DATA           ?= $(SYNTHETIC_DIR)
OUT            ?= outputs
SHOW_CODE      ?=
NOTEBOOKS      := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NOTEBOOK_NAMES := $(notdir $(basename $(NOTEBOOKS)))
REPORTS        := $(foreach y,$(YEARS),$(foreach n,$(NOTEBOOK_NAMES),$(OUT)/$(y)/$(n).html))
REPRODUCTION   := $(foreach y,$(YEARS),$(OUT)/$(y)/reproduction.csv)

.PHONY: help all venv data summary notebooks test test-unit lab lock clean distclean

# Further targets live in mk/*.mk (one file per concern).
-include $(sort $(wildcard mk/*.mk))

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

all: venv data summary notebooks ## create the environment, build the synthetic data and every output
	@echo "make all: done"

venv: $(INSTALLED) ## create .venv with the pinned dependencies (requirements.txt)

$(INSTALLED): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

data: $(SYNTHETIC_STAMP) ## generate the synthetic measurement data 2022-2024 (deterministic, fixed seed)

$(SYNTHETIC_STAMP): $(INSTALLED) $(SYNTH_SOURCES) $(DATA_INPUTS)
	$(BIN)/python -m werkdruk_utils.synth --out $(SYNTHETIC_DIR) $(if $(SEED),--seed $(SEED)) --years $(YEARS)
	@touch $@

summary: $(SUMMARY) ## load and validate every year and write outputs/data_summary.md

$(SUMMARY): $(SYNTHETIC_STAMP) $(PACKAGE_SOURCES)
	@mkdir -p $(dir $@)
	$(BIN)/python -m werkdruk_utils.summary --data $(SYNTHETIC_DIR) --years $(YEARS) --out $@.tmp
	@mv $@.tmp $@
	@echo "wrote $@"

notebooks: $(REPORTS) $(REPRODUCTION) ## execute every chapter notebook for every year (YEARS=..., DATA=..., SHOW_CODE=1)

# One rule per notebook x year: the executed notebook and its HTML (code hidden unless SHOW_CODE=1).
define NOTEBOOK_RULE
$(OUT)/$(1)/$(2).html: notebooks/$(2).ipynb $(PACKAGE_SOURCES) $(DATA_INPUTS) $(SYNTHETIC_STAMP) | $(INSTALLED)
	@$(BIN)/python -m werkdruk_utils.build notebooks/$(2).ipynb --year $(1) --data $(DATA) --out $(OUT) $(if $(SHOW_CODE),--show-code)
endef
$(foreach y,$(YEARS),$(foreach n,$(NOTEBOOK_NAMES),$(eval $(call NOTEBOOK_RULE,$(y),$(n)))))

$(OUT)/%/reproduction.csv: $(foreach n,$(NOTEBOOK_NAMES),$(OUT)/%/$(n).html)
	@$(BIN)/python -m werkdruk_utils.build --merge-reproduction $(OUT)/$*

test: $(INSTALLED) $(SYNTHETIC_STAMP) notebooks ## run every test (unit and integration; builds the notebooks first)
	$(BIN)/python -m pytest -q

test-unit: $(INSTALLED) ## run the fast unit tests only
	$(BIN)/python -m pytest -q tests/unit

lab: $(INSTALLED) ## open JupyterLab with the project's environment
	$(BIN)/jupyter lab --notebook-dir=notebooks

lock: $(INSTALLED) ## rewrite requirements.txt from the environment (then update environment.yml)
	@{ echo "# Exact versions of every package the project installs (pip freeze), Python 3.11."; \
	   echo "# Regenerate with 'make lock' after changing a direct dependency; environment.yml carries the same pins."; \
	   $(BIN)/python -m pip freeze --exclude-editable --all | grep -v -E '^pip=='; } > requirements.txt

clean: ## remove built outputs and the synthetic data
	@if [ -d $(SYNTHETIC_DIR) ]; then chmod -R u+w $(SYNTHETIC_DIR); fi
	rm -rf outputs $(SYNTHETIC_DIR) $(SYNTHETIC_STAMP)

distclean: clean ## also remove the virtual environment
	rm -rf $(VENV)

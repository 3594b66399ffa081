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
DATA_INPUTS    := data/codebook.yaml data/reference/published_values.csv $(wildcard data/population/*.csv)
SUMMARY        := outputs/data_summary.md

.PHONY: help all venv data summary test test-unit lab lock clean distclean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

all: venv data summary ## create the environment, build the synthetic data and every output
	@echo "make all: done"

venv: $(INSTALLED) ## create .venv with the pinned dependencies (requirements.txt)

$(INSTALLED): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

data: $(SYNTHETIC_STAMP) ## generate the synthetic measurement data 2022-2024 (deterministic, fixed seed)

$(SYNTHETIC_STAMP): $(INSTALLED) $(PACKAGE_SOURCES) $(DATA_INPUTS)
	$(BIN)/python -m werkdruk_utils.synth --out $(SYNTHETIC_DIR) $(if $(SEED),--seed $(SEED)) --years $(YEARS)
	@touch $@

summary: $(SUMMARY) ## load and validate every year and write outputs/data_summary.md

$(SUMMARY): $(SYNTHETIC_STAMP) $(PACKAGE_SOURCES)
	@mkdir -p $(dir $@)
	$(BIN)/python -m werkdruk_utils.summary --data $(SYNTHETIC_DIR) --years $(YEARS) --out $@.tmp
	@mv $@.tmp $@
	@echo "wrote $@"

test: $(INSTALLED) $(SYNTHETIC_STAMP) ## run every test (unit and integration) on the synthetic data
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

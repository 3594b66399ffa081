# The targets (first make level; see mk/build.mk).
.PHONY: all venv data summary notebooks test test-unit test-integration lint lab lock clean distclean bench werkdruk-force

all: venv data summary notebooks site check-outputs ## create the environment, build the synthetic data and every output (make -j: every core)

venv: $(INSTALLED) ## create .venv with the pinned dependencies (requirements.txt)

$(INSTALLED): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# The synthetic exports of every measurement of the codebook. The writer rewrites only the files
# whose bytes change, so the notebooks of a year whose data stay the same stay up to date.
SYNTHETIC_FILES := $(foreach y,$(MEASUREMENT_YEARS),$(call year_files,$(y)))
data: $(SYNTHETIC_STAMP) ## generate the synthetic data of every measurement of the codebook (deterministic, fixed seed)

$(SYNTHETIC_STAMP): $(call deps_of,werkdruk_utils.synth) $(MEASUREMENTS_MK) | $(INSTALLED)
	$(BIN)/python -m werkdruk_utils.synth --out $(SYNTHETIC_DIR) $(if $(SEED),--seed $(SEED)) --years $(MEASUREMENT_YEARS)
	@touch $@

# The files themselves are made by the stamp's rule; their own dates tell what changed.
$(SYNTHETIC_FILES): $(SYNTHETIC_STAMP) ;

summary: $(SUMMARY) ## load and validate every year and write outputs/data_summary.md

# The totals of the self-checks come from the synthetic outputs' reproduction.csv (not recomputed).
SUMMARY_YEARS := $(MEASUREMENT_YEARS)
$(SUMMARY): $(SYNTHETIC_STAMP) $(if $(DATA_IS_SYNTHETIC),$(foreach y,$(SUMMARY_YEARS),$(if $(filter $(y),$(YEARS)),$(OUT)/$(y)/reproduction.csv))) $(call deps_of,werkdruk_utils.publish.summary) | $(INSTALLED)
	@mkdir -p $(dir $@)
	$(BIN)/python -m werkdruk_utils.publish.summary --data $(SYNTHETIC_DIR) --years $(SUMMARY_YEARS) --outputs outputs --out $@

notebooks: $(REPORTS) $(REPRODUCTION) ## execute the chapter notebooks that are out of date (YEARS=..., DATA=..., OUT=..., SHOW_CODE=1, JOBS=n)
	$(if $(NOTEBOOKS_RAN),,@echo "notebooks: niets te doen, alle $(words $(REPORTS)) notebook-jaren in $(OUT_NAME) zijn actueel")

# One stamp for every notebook x year. When any of their inputs changed, or an output is missing,
# the second make decides per notebook x year (its own notebook, modules, reference data, data of
# the years read, parameters) and executes exactly those. The outputs' own dates then tell what
# follows: only the comparison pages of the notebooks that ran are remade.
missing = $(filter-out $(wildcard $(1)),$(1))
.PRECIOUS: $(REPORTS) $(REPRODUCTION) $(DIFF_PAGES) $(DIFF_TEXTS)
$(REPORTS) $(REPRODUCTION): $(NOTEBOOKS_DONE) ;
$(NOTEBOOKS_DONE): $(NOTEBOOKS) $(sort $(foreach n,$(NOTEBOOK_NAMES),$(call deps_of,$(n)))) $(foreach y,$(YEARS),$(call data_upto,$(y))) $(PARAMS) $(if $(call missing,$(REPORTS) $(REPRODUCTION)),werkdruk-force) | $(INSTALLED)
	$(eval NOTEBOOKS_RAN := 1)
	@$(MAKE) --no-print-directory WERKDRUK_STAGE=notebooks OUT='$(OUT)' OUT_NAME='$(OUT_NAME)' DATA='$(DATA)' YEARS='$(YEARS)' werkdruk-notebooks
	@touch $@

werkdruk-force: ;

# ---------------------------------------------------------------------------------- tests
LINT_PATHS := werkdruk_utils tests

test: lint test-unit test-integration ## lint, unit and integration tests (builds the outputs the integration tests check first)

# Two tiers (tests/conftest.py): the unit tier is every test under tests/unit not marked 'slow';
# the integration tier every 'slow' test (tests/integration, tests/hostile and the unit tests that
# load the bundled data or build data). Together they run every test.
test-unit: $(INSTALLED) ## the unit tests (seconds; no data or notebooks built)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow" tests/unit

test-integration: $(INSTALLED) data summary notebooks site check-outputs ## the integration tests: notebooks, builds, data, hostile inputs (builds the outputs first)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m slow tests

lint: $(INSTALLED) ## ruff: lint rules and formatting (pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(INSTALLED) ## clean, no-op and incremental builds against their targets, the plain way and the floor, in a copy (BENCH_ARGS=--plain-sample 3)
	$(BIN)/python -m werkdruk_utils.publish.bench $(BENCH_ARGS)

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
	rm -rf outputs build/cache build/deps build/state build/links build/pycache build/tmp build/lab build/measurements.mk $(SYNTHETIC_DIR) $(SYNTHETIC_STAMP)

distclean: clean ## also remove the virtual environment
	rm -rf $(VENV) build

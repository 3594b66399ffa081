# The build, read by the Makefile while it holds the tree's lock. `make` lists the targets.
#
# What an output depends on is computed, not listed by hand:
# * build/measurements.mk: the measurement years (the codebook's 'measurements:' list);
# * build/deps/<notebook folder>.mk: per notebook the package modules it imports (transitively)
#   and the reference data they read; the same per module of the other steps (comparisons,
#   index, output check, synthetic data, summary) - werkdruk_utils.deps.
# make remakes both when their sources change; nothing else runs Python while make reads its files.
#
# Stages: the outputs of every notebook x year and every comparison page are decided by a second
# make (WERKDRUK_STAGE=notebooks / comparisons, below) once their inputs exist, and executed in
# one process each; this level only sees a stamp per stage.

SEED           ?=
SYNTHETIC_DIR  := data/synthetic
SYNTHETIC_STAMP := data/.synthetic.stamp
SUMMARY        := outputs/data_summary.md
DATA           ?= $(SYNTHETIC_DIR)
SHOW_CODE      ?=
NOTEBOOK_DIR   ?= notebooks
NOTEBOOKS      := $(sort $(wildcard $(NOTEBOOK_DIR)/[0-9][0-9]_*.ipynb))
NOTEBOOK_NAMES := $(notdir $(basename $(NOTEBOOKS)))
PACKAGE_SOURCES := $(sort $(wildcard werkdruk_utils/*.py werkdruk_utils/*/*.py))
# Files beside the modules that are no Python source (templates, stylesheets): a new or removed
# one changes what the modules that name their folder depend on.
PACKAGE_DATA   := $(sort $(filter-out %.py %.pyc,$(wildcard werkdruk_utils/*/*/* werkdruk_utils/*/*/*/*)))
NO_BUILD_GOALS := help clean distclean venv lock lint test-unit
BUILD_GOALS    := $(filter-out $(NO_BUILD_GOALS),$(or $(MAKECMDGOALS),help))

# Python writes its bytecode under build/pycache (also where the environment asks for none, as
# PYTHONDONTWRITEBYTECODE does): every process and kernel of the build would otherwise compile the
# package anew. The source tree stays free of __pycache__ folders.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/build/pycache

# ---------------------------------------------------------------------------------- DATA and OUT
# make cannot name a file whose path holds a space: such a DATA or OUT folder is reached through a
# symbolic link build/links/<data|out>-<digest of its real path> (pages show the real path). A path
# with a quote, '$', '`' or a backslash is refused before anything is written.
given = $(if $(filter command line environment,$(origin $(1))),$(value $(1)),$($(1)))
odd_path = $(strip $(foreach c,' " ` \,$(findstring $(c),$(call given,$(1))))$(findstring $$,$(call given,$(1))))
$(if $(call odd_path,DATA),$(error DATA=$(call given,DATA): make kan geen pad met een aanhalingsteken, '$$', '`' of backslash gebruiken; kies een map zonder die tekens (er is niets geschreven)))
$(if $(call odd_path,OUT),$(error OUT=$(call given,OUT): make kan geen pad met een aanhalingsteken, '$$', '`' of backslash gebruiken; kies een map zonder die tekens (er is niets geschreven)))
link_to = $(shell link="build/links/$(1)-$$(printf '%s' '$(2)' | sha256sum | cut -c1-12)"; \
	mkdir -p build/links && ln -sfn -- '$(2)' "$$link" && echo "$$link")
ifneq ($(words $(DATA)),1)
DATA_GIVEN     := $(DATA)
DATA_REAL      := $(shell realpath -e -- '$(DATA)' 2>/dev/null)
$(if $(DATA_REAL),,$(error DATA=$(DATA_GIVEN): die map bestaat niet (er is niets geschreven)))
override DATA  := $(if $(BUILD_GOALS),$(call link_to,data,$(DATA_REAL)),$(DATA_REAL))
endif
ifeq ($(abspath $(DATA)),$(abspath $(SYNTHETIC_DIR)))
DATA_IS_SYNTHETIC := 1
endif
# Outputs of the bundled synthetic data go to outputs/; any other DATA gets its own folder
# outputs/<name of the data folder>-<first 8 hex digits of the SHA-256 of its absolute path>
# (a space in the name becomes '_'), so outputs of synthetic and real data never mix. OUT= overrides.
ifdef DATA_IS_SYNTHETIC
OUT            ?= outputs
else
DATA_PATH      := $(or $(DATA_REAL),$(abspath $(DATA)))
OUT            ?= outputs/$(subst $() ,_,$(notdir $(DATA_PATH)))-$(shell printf '%s' '$(DATA_PATH)' | sha256sum | cut -c1-8)
endif
ifneq ($(words $(OUT)),1)
OUT_GIVEN      := $(OUT)
OUT_REAL       := $(shell realpath -m -- '$(OUT_GIVEN)')
override OUT   := $(if $(BUILD_GOALS),$(shell mkdir -p -- '$(OUT_REAL)')$(call link_to,out,$(OUT_REAL)),$(OUT_REAL))
endif

OUT_NAME       ?= $(or $(OUT_GIVEN),$(OUT))

# ---------------------------------------------------------------------------------- bookkeeping
# Parameters, queues and stamps live under build/state/<output folder>/, never in the outputs; the
# parameters are written by the first level only (a stage sees DATA and OUT through their links).
STATE          := build/state/$(if $(filter outputs,$(OUT)),outputs,$(subst /,__,$(abspath $(OUT))))
PARAMS         := $(STATE)/parameters
PARAMS_TEXT    := data=$(if $(DATA_IS_SYNTHETIC),$(SYNTHETIC_DIR),$(or $(DATA_REAL),$(abspath $(DATA)))) show_code=$(SHOW_CODE)
NOTEBOOKS_DONE := $(STATE)/notebooks
COMPARISONS_DONE := $(STATE)/comparisons
OUTPUTS_CHECKED := $(STATE)/outputs-checked
ifeq ($(WERKDRUK_STAGE)$(if $(BUILD_GOALS),,none),)
ifneq ($(file <$(PARAMS)),$(PARAMS_TEXT))
$(shell mkdir -p '$(STATE)')
$(file >$(PARAMS),$(PARAMS_TEXT))
endif
endif

# ---------------------------------------------------------------------------------- generated
MEASUREMENTS_MK := build/measurements.mk
DEPS_MK        := build/deps/$(if $(filter notebooks,$(NOTEBOOK_DIR)),notebooks,$(subst /,__,$(abspath $(NOTEBOOK_DIR)))).mk
ifneq ($(filter-out help clean distclean venv lock lint,$(or $(MAKECMDGOALS),help)),)
include $(MEASUREMENTS_MK) $(DEPS_MK)
endif
YEARS          ?= $(MEASUREMENT_YEARS)
# The years are checked once build/measurements.mk is up to date: after a measurement is added to
# the codebook, make first remakes it (and reads itself again) before judging YEARS.
MEASUREMENTS_FRESH := $(shell for f in data/codebook.yaml data/population/weighting_population.csv; do [ $(MEASUREMENTS_MK) -nt "$$f" ] || exit 0; done; echo yes)
ifeq ($(MEASUREMENTS_FRESH),yes)
ifneq ($(filter-out $(MEASUREMENT_YEARS),$(YEARS)),)
$(error YEARS=$(YEARS): meting $(filter-out $(MEASUREMENT_YEARS),$(YEARS)) staat niet in de codebook (data/codebook.yaml kent $(MEASUREMENT_YEARS)); een meting toevoegen: docs/adding_a_measurement.md)
endif
endif

$(MEASUREMENTS_MK): data/codebook.yaml data/population/weighting_population.csv werkdruk_utils/measurements.py werkdruk_utils/inputs/codebook.py | $(INSTALLED)
	@mkdir -p $(@D)
	@$(BIN)/python -m werkdruk_utils.measurements --make > $@.part
	@mv $@.part $@

$(DEPS_MK): $(NOTEBOOKS) $(PACKAGE_SOURCES) $(PACKAGE_DATA) | $(INSTALLED)
	@mkdir -p $(@D)
	@$(BIN)/python -m werkdruk_utils.deps --make $(NOTEBOOKS) > $@.part
	@mv $@.part $@

# What a notebook or a step's module depends on (all package sources while build/deps is not
# there yet).
deps_of = $(or $(DEPS_$(1)),$(PACKAGE_SOURCES))

# ---------------------------------------------------------------------------------- outputs
REPORTS        := $(foreach y,$(YEARS),$(foreach n,$(NOTEBOOK_NAMES),$(OUT)/$(y)/$(n).html))
REPRODUCTION   := $(foreach y,$(YEARS),$(OUT)/$(y)/reproduction.csv)
# Input files of measurement year $(1) and every earlier one (what its notebooks read).
ifdef DATA_IS_SYNTHETIC
year_files      = $(SYNTHETIC_DIR)/$(1)/respondents.csv $(SYNTHETIC_DIR)/$(1)/schools.csv
else
year_files      = $(wildcard $(DATA)/$(1)/respondents.* $(DATA)/$(1)/schools.*)
endif
data_upto       = $(foreach y,$(MEASUREMENTS_UPTO_$(1)),$(call year_files,$(y)))
# Consecutive measurement years, plus the first against the last when there are more than two.
SITE_YEARS     := $(sort $(YEARS))
DIFF_PAIRS     := $(join $(addsuffix _,$(filter-out $(lastword $(SITE_YEARS)),$(SITE_YEARS))),$(wordlist 2,$(words $(SITE_YEARS)),$(SITE_YEARS))) $(if $(word 3,$(SITE_YEARS)),$(firstword $(SITE_YEARS))_$(lastword $(SITE_YEARS)))
diff_years      = $(subst _, ,$(1))
DIFF_PAGES     := $(foreach n,$(NOTEBOOK_NAMES),$(foreach p,$(DIFF_PAIRS),$(OUT)/diff/$(n)_$(p).html))
DIFF_TEXTS     := $(DIFF_PAGES:.html=.txt)
SITE_INDEX     := $(OUT)/index.html
# The shared stylesheet and script every page links (werkdruk_utils/publish/assets/).
SITE_ASSETS    := $(OUT)/assets/werkdruk.css $(OUT)/assets/werkdruk.js
# The data summary shown on the index: only for the bundled synthetic data's own outputs.
SITE_SUMMARY   := $(if $(DATA_IS_SYNTHETIC),$(if $(filter outputs,$(OUT)),$(SUMMARY)))

# The first level: the main targets, then one file per further concern (site, disclosure, ...).
ifeq ($(WERKDRUK_STAGE),)
include mk/targets.mk
include $(filter-out mk/build.mk mk/stages.mk mk/targets.mk,$(sort $(wildcard mk/*.mk)))
else
include mk/stages.mk
endif

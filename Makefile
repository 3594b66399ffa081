# werkdruk — build and test. `make` alone lists the targets; the build itself is in mk/build.mk.
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# One make at a time per tree: every goal but 'help' runs in a second make that holds the lock
# build/.make.lock; a second 'make' in the same tree says so and waits until the first is done.
# WERKDRUK_LOCKED names the tree whose lock is held, so that a make started from within a build
# (a test building a copy of the project, say) still takes the lock of its own tree.
GOALS := $(filter-out help,$(MAKECMDGOALS))
LOCKED_HERE := $(if $(filter-out $(CURDIR),$(WERKDRUK_LOCKED)),,$(WERKDRUK_LOCKED))
ifeq ($(LOCKED_HERE)$(GOALS),)
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' Makefile mk/*.mk
else ifeq ($(LOCKED_HERE),)
.PHONY: $(MAKECMDGOALS) werkdruk-locked
$(GOALS): werkdruk-locked ; @:
werkdruk-locked:
	@mkdir -p build; \
	if command -v flock > /dev/null; then \
	  exec 9> build/.make.lock; \
	  if ! flock -n 9; then \
	    echo "make: er loopt al een make in $(CURDIR); deze wacht tot die klaar is ..." >&2; \
	    flock 9; \
	  fi; \
	fi; \
	$(MAKE) --no-print-directory WERKDRUK_LOCKED='$(CURDIR)' $(GOALS)
else
include mk/build.mk
endif

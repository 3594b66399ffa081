# R reference values of the design-based estimates (tests/fixtures/r/). Needs R with the survey
# package (Debian: apt-get install -y r-cran-survey); the tests only read the committed CSV files.

.PHONY: fixtures

fixtures: $(INSTALLED) ## regenerate the R fixtures of the survey design (needs Rscript and r-cran-survey)
	@command -v Rscript >/dev/null || { echo "make fixtures: Rscript not found (apt-get install -y r-cran-survey)" >&2; exit 1; }
	$(BIN)/python tests/fixtures/r/make_input.py
	Rscript tests/fixtures/r/make_fixtures.R

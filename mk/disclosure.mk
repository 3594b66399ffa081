# Output check (disclosure control): after the notebooks, every HTML, executed notebook and CSV
# under $(OUT) is scanned for e-mail addresses, phone numbers, respondent and school ids and
# free-text answers of the input $(DATA). A hit fails the build; the file is moved to
# build/quarantine/ (outside the outputs, never published). See docs/threat_model.md.

.PHONY: check-outputs

check-outputs: notebooks ## scan every output for personal data (fails and quarantines on a hit)
	$(BIN)/python -m werkdruk_utils.disclosure --outputs $(OUT) --data $(DATA)

all: check-outputs
test: check-outputs

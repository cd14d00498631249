# The two commands: `make run` and `make test`. Everything else is for maintainers.
.PHONY: run test bench setup train shell format clean

PY := .venv/bin/python
RUFF := .venv/bin/ruff

run: setup
	@$(PY) -m bot run

test: setup
	$(RUFF) check .
	$(RUFF) format --check .
	$(PY) -m pytest

# Measurements that take too long for the test suite; prints its figures.
bench: setup
	$(PY) scripts/bench_langid.py
	$(PY) scripts/bench_scam.py
	$(PY) scripts/bench_voice.py
	$(PY) scripts/bench_nlu.py

setup:
	@scripts/setup.sh

train: setup
	@$(PY) -m bot train

# Talk to the assistant started by `make run` (in another terminal).
shell: setup
	@$(PY) -m bot chat

format: setup
	$(RUFF) format .
	$(RUFF) check --fix .

clean:
	rm -rf .venv models var .pytest_cache .ruff_cache

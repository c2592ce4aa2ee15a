# Developer entry points. `make serve` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
TORCH := torch==2.13.0
TORCH_CPU_INDEX ?= https://download.pytorch.org/whl/cpu

.PHONY: serve test lint typecheck unit bench bench-annotations fuzz load screenshots clean

$(STAMP): requirements-dev.txt requirements.txt service/requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned, CPU-only: PyPI's Linux x86_64 wheel is the CUDA build with several GB
	# of nvidia-* wheels. PyTorch's CPU index is added (its 2.13.0+cpu outranks PyPI's 2.13.0);
	# where it is unreachable, pip falls back to the configured index after one quick retry
	# (short timeout: some machines set pip's default-timeout to minutes).
	$(BIN)/pip install --quiet --retries 1 --timeout 20 \
		--extra-index-url $(TORCH_CPU_INDEX) $(TORCH)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

serve: $(STAMP)  ## run the API on http://127.0.0.1:8000 with reload (docs at /docs)
	$(BIN)/uvicorn service.main:app --host $(HOST) --port $(PORT) --reload --reload-dir service

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck unit  ## what CI runs

bench: $(STAMP)  ## performance comparison against the original AWS sample's way (minutes; not in `make test`)
	$(BIN)/python -m bench.run

bench-annotations: $(STAMP)  ## pinyin accuracy (CPP dev), gloss coverage, /segment speed (minutes)
	$(BIN)/python -m bench.annotations

fuzz: $(STAMP)  ## schemathesis, 1000+ generated requests against a live server
	$(BIN)/python -m bench.fuzz --max-examples 250

load: $(STAMP)  ## 60 s loopback load test at concurrency 16
	$(BIN)/python -m bench.load --concurrency 16 --seconds 60

screenshots: $(STAMP)  ## extension screenshots into docs/screenshots/
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

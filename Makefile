# `make test` sets everything up from scratch and runs every check; .ci/run calls exactly it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

STACK  ?= dev
# A stack may commit a policy config beside its stack file (e.g. to waive one policy for an emulator).
POLICY_CONFIG := $(wildcard Pulumi.$(STACK).policy-config.json)

.PHONY: test lint format docs policy lock clean

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m components.docs --check README.md
	$(BIN)/python -m pytest

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The policy pack, offline under mocks, on one stack: `make policy STACK=dev-azure`.
policy: $(STAMP)
	$(BIN)/python -m policies.check --stack $(STACK) $(if $(POLICY_CONFIG),--policy-config $(POLICY_CONFIG))

# Rewrite the README's generated tables (config reference, env contract) from the code.
docs: $(STAMP)
	$(BIN)/python -m components.docs --write README.md

# Re-pin every transitive dependency after changing requirements*.txt.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -r requirements-dev.txt
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^media-storage' > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info

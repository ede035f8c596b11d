# `make test` sets everything up from scratch and runs every check; .ci/run calls exactly it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Azurite, the Blob emulator the end-to-end tests start, pinned in package.json / package-lock.json.
AZURITE := node_modules/.bin/azurite-blob

# The [policy] extra's dependencies as wheels, so the packaging tests install the built wheel
# into fresh virtualenvs without a network.
WHEELS := .wheels/.downloaded

STACK  ?= dev
# A stack may commit a policy config beside its stack file (e.g. to waive one policy for an emulator).
POLICY_CONFIG := $(wildcard Pulumi.$(STACK).policy-config.json)

.PHONY: test lint format docs policy dist lock clean local-up local-down bench

test: $(STAMP) $(WHEELS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m media_storage.docs --check
	$(BIN)/python -m pytest -n auto

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml $(AZURITE)
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -r requirements-dev.txt
	touch $@

$(WHEELS): constraints.txt pyproject.toml | $(STAMP)
	rm -rf .wheels
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
		-c constraints.txt -d .wheels pulumi pulumi-policy pyyaml
	touch $@

$(AZURITE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18 or newer) is needed for Azurite, the Blob emulator the tests start"; exit 2; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The policy pack, offline under mocks, on one stack: `make policy STACK=dev-azure`.
policy: $(STAMP)
	$(BIN)/media-storage check --stack $(STACK) $(if $(POLICY_CONFIG),--policy-config $(POLICY_CONFIG))

# Benchmarks in fresh processes, printed as Markdown (docs/benchmarks.md keeps the figures).
bench: $(STAMP)
	$(BIN)/python -m tests.bench

# A wheel and an sdist in dist/ (the version is media_storage.__version__).
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .

# The `local` stack on moto, with the Pulumi CLI and no cloud account (see docs/emulators.md).
# The port Pulumi.local.yaml names (a test keeps the two equal).
override MOTO_PORT := 5000
LOCAL_STATE := .pulumi-local
MOTO_READY  := curl -fs http://127.0.0.1:$(MOTO_PORT)/moto-api/data.json >/dev/null
LOCAL_PULUMI = PULUMI_BACKEND_URL=file://$(CURDIR)/$(LOCAL_STATE) PULUMI_CONFIG_PASSPHRASE=local pulumi

local-up: $(STAMP)
	@command -v pulumi >/dev/null || { echo "local-up needs the Pulumi CLI: https://www.pulumi.com/docs/iac/download-install/"; exit 2; }
	@command -v curl >/dev/null || { echo "local-up needs curl"; exit 2; }
	mkdir -p $(LOCAL_STATE)
	@if ! $(MOTO_READY); then \
		$(BIN)/python -m moto.server --host 127.0.0.1 --port $(MOTO_PORT) >$(LOCAL_STATE)/moto.log 2>&1 & \
		echo $$! >$(LOCAL_STATE)/moto.pid; \
		for i in $$(seq 50); do $(MOTO_READY) && break; sleep 0.2; done; \
	fi
	@$(MOTO_READY) || \
		{ echo "moto did not answer on 127.0.0.1:$(MOTO_PORT) (is the port taken?)"; cat $(LOCAL_STATE)/moto.log; exit 1; }
	$(LOCAL_PULUMI) stack select --create local
	$(LOCAL_PULUMI) up --stack local --yes
	$(LOCAL_PULUMI) stack output --stack local --show-secrets env

local-down:
	-command -v pulumi >/dev/null && $(LOCAL_PULUMI) stack rm --stack local --force --yes --preserve-config
	-pid=$$(cat $(LOCAL_STATE)/moto.pid 2>/dev/null) && ps -p $$pid -o args= | grep -q moto.server && kill $$pid
	rm -rf $(LOCAL_STATE)

# Rewrite the generated tables of README.md and docs/*.md (config reference, env contract) from the code.
docs: $(STAMP)
	$(BIN)/python -m media_storage.docs --write

# Re-pin every transitive dependency after changing requirements*.txt.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -r requirements-dev.txt
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^media-storage' > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) node_modules .wheels dist .pytest_cache .ruff_cache .hypothesis build *.egg-info components/*.egg-info

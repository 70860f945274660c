# The two commands: `make run` (start the service) and `make test` (run every test).
# Both install the Debian packages they need when missing (apt-get as root, sudo otherwise).

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
PORT ?= 8080
DATA_DIR ?= ./var
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CMAKE_FLAGS ?=

BUILD_PKGS := g++ make cmake pkg-config ccache libcaf-dev libboost-dev libboost-test-dev \
  libsqlite3-dev libpq-dev libhiredis-dev rapidjson-dev libhnswlib-dev libeigen3-dev \
  libssl-dev libsodium-dev ca-certificates
# NodeSource's nodejs bundles npm and conflicts with Debian's npm: ask for npm only without one.
TEST_NPM := $(if $(shell command -v npm 2>/dev/null),,npm)
# postgresql, redis-server: the binaries the storage and Redis tests start throwaway servers with.
TEST_PKGS := curl jq clang-format sqlite3 postgresql redis-server chromium nodejs $(TEST_NPM) \
  prometheus prometheus-alertmanager gettext-base
# The bench starts throwaway PostgreSQL and Redis servers too (sections a2, a3).
BENCH_PKGS := wrk nginx-light curl jq postgresql redis-server

.PHONY: all deps deps-test deps-bench build run test refresh-dry bench eval catalog format format-check clean \
  preflight preflight-family recsctl

all: build

deps:
	@scripts/ensure_packages.sh $(BUILD_PKGS)

deps-test: deps
	@scripts/ensure_packages.sh $(TEST_PKGS)
	@test/browser/install_deps.sh

deps-bench: deps
	@scripts/ensure_packages.sh $(BENCH_PKGS)

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

## Start the service on the embedded default (SQLite under DATA_DIR, bundled catalog, demo
## household, dev tokens) at http://localhost:$(PORT).
run: build
	DEV_MODE=$${DEV_MODE:-true} PORT=$(PORT) DATA_DIR=$(DATA_DIR) $(BUILD_DIR)/app/recs-server

## Build with warnings as errors and run every test (unit, storage, integration over HTTP and
## WebSocket, browser tests in headless Chromium).
test: deps-test
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DRECS_WERROR=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)
	scripts/format_check.sh
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

## The daily offers refresh's plan (which titles, why) from the database under DATA_DIR (or
## DATABASE_URL), without calling JustWatch: what POST /admin/jobs/daily_refresh?dry_run=true
## answers. The service need not be running.
refresh-dry: build
	DATA_DIR=$(DATA_DIR) $(BUILD_DIR)/app/recs-server --refresh-dry-run

## Print the benchmark figures (catalog load, slate compute, wrk vs nginx).
bench: deps-bench build
	bench/run.sh $(BUILD_DIR)

## Offline evaluation of the collaborative core on MovieLens 100k (never committed: read from
## DATASET), or on explicit TRAIN= and TEST= files in the u.data format.
DATASET ?= ../shared/data/movielens-100k
eval: build
	$(BUILD_DIR)/app/recs-eval --dataset $(DATASET) $(if $(TRAIN),--train $(TRAIN)) $(if $(TEST),--test $(TEST))

## recsctl, the command-line client (`$(BUILD_DIR)/app/recsctl --help`); an already configured
## BUILD_DIR keeps its configuration.
recsctl: deps
	[ -f $(BUILD_DIR)/CMakeCache.txt ] || cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS) --target recsctl

## The product spec's sanity checks against a running service at RECS_URL (default
## http://localhost:$(PORT)) with RECS_TOKEN (default the demo admin's dev token): `recsctl
## preflight` (healthz, same seed same slate, a BAD rating moves the top and is undone,
## /metrics, freshness) and `recsctl preflight --family` (the Family Mix explain contract).
RECS_URL ?= http://localhost:$(PORT)
RECS_TOKEN ?= devtoken:demo@local.test
preflight: recsctl
	RECS_URL='$(RECS_URL)' RECS_TOKEN='$(RECS_TOKEN)' $(BUILD_DIR)/app/recsctl preflight

preflight-family: recsctl
	RECS_URL='$(RECS_URL)' RECS_TOKEN='$(RECS_TOKEN)' $(BUILD_DIR)/app/recsctl preflight --family

## Rebuild the bundled catalog under data/ from ../shared/data.
catalog: build
	$(BUILD_DIR)/app/recs-import --source ../shared/data --out data

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check:
	scripts/format_check.sh

clean:
	rm -rf $(BUILD_DIR)

# Verity: the two commands a new user needs are `make run` and `make test`.
JOBS ?= $(shell nproc)
VERITY = build/bin/verity

.PHONY: all deps configure build python build-asan run demo test test-default test-asan test-asan-full bench soak fuzz fuzz-short format install deb clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@scripts/check-disk build 2 "the optimised build"
	@cmake --preset default >/dev/null

build: configure
	@cmake --build --preset default -j $(JOBS)

# The Python package for Debian's /usr/bin/python3, in build/python
# (PYTHONPATH=build/python /usr/bin/python3 -c 'import verity').
python: configure
	@cmake --build --preset default -j $(JOBS) --target python

# The CLI, the data and the Python package in PREFIX (default /usr/local);
# `make deb` builds build/verity_<version>_<arch>.deb of the same files.
PREFIX ?= /usr/local
install: build
	@cmake --install build --prefix $(PREFIX)

deb: build
	@cd build && cpack -G DEB

DEMO_DATA = build/demo-data

# Builds, prints the demo on the embedded data, then serves the dashboard
# over the sample ledger (demonstration tokens are printed on start).
run: build
	@$(VERITY) demo
	@scripts/run-demo $(VERITY) $(DEMO_DATA)

demo: build
	@$(VERITY) demo

test: test-default test-asan

test-default: build
	@ctest --preset default -j $(JOBS)

# One clang build serves the sanitized tests and the short fuzz runs.
build-asan: deps
	@scripts/check-disk build-asan 2 "the sanitized build"
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

test-asan: build-asan
	@ctest --preset asan -j $(JOBS)
	@scripts/run-fuzz short

# The sanitized run including the whole-history tests the asan preset leaves out (about 10 more minutes).
test-asan-full: build-asan
	@ctest --preset asan-full -j $(JOBS)

bench: build
	@cmake --build --preset default -j $(JOBS) --target benchmarks
	@scripts/run-bench

# 200 rounds of kill -9 during `ledger append` (make test runs 20).
SOAK_ROUNDS ?= 200
soak: build
	@bash src/ledger/testdata/kill_soak.sh $(VERITY) $(SOAK_ROUNDS)

fuzz: deps
	@scripts/run-fuzz long

fuzz-short: deps
	@scripts/run-fuzz short

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf build build-asan build-fuzz

# Verity: the two commands a new user needs are `make run` and `make test`.
JOBS ?= $(shell nproc)
VERITY = build/bin/verity

.PHONY: all deps configure build run demo test test-default test-asan bench fuzz fuzz-short soak format clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake --preset default >/dev/null

build: configure
	@cmake --build --preset default -j $(JOBS)

# Builds, prints the demo on the embedded data, then serves the dashboard.
run: build
	@$(VERITY) demo

demo: build
	@$(VERITY) demo

test: test-default test-asan

test-default: build
	@ctest --preset default -j $(JOBS)

test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS) -LE "browser|load|web"

bench: build
	@scripts/run-bench

fuzz: deps
	@scripts/run-fuzz long

fuzz-short: deps
	@scripts/run-fuzz short

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf build build-asan build-fuzz

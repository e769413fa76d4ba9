# Casustafel - the two README commands, and the steps behind them.
#
#   make run    install what is missing, build, create the demo database, start
#   make test   everything: unit and command-line tests, plain and under
#               AddressSanitizer + UndefinedBehaviorSanitizer
#
# Meson + Ninja do the real build; this file only sequences the steps so that a
# fresh Debian 12 machine with git and make needs nothing else.

BUILD     ?= build
BUILD_SAN ?= build-san
DATA_DIR  ?= var
DB        ?= $(DATA_DIR)/casustafel.db
DEMO_CASES ?= 300

# Debian packages the project needs (build, libraries, test tools).
DEB_PACKAGES = gcc libc6-dev pkg-config meson ninja-build python3 \
	libsodium-dev libsqlite3-dev libjansson-dev libcmocka-dev \
	libmicrohttpd-dev liboath-dev \
	python3-pytest

.PHONY: all deps build build-san run demo-db test test-unit test-san lint bench clean distclean

all: build

# Idempotent: installs only what dpkg does not already have.
deps:
	@sh tools/install-deps.sh $(DEB_PACKAGES)

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD_SAN)/build.ninja:
	meson setup $(BUILD_SAN) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

build-san: deps $(BUILD_SAN)/build.ninja
	ninja -C $(BUILD_SAN)

# The demo database is made once; delete $(DB) to start afresh.
demo-db: build
	@mkdir -p $(DATA_DIR)
	@if [ ! -f $(DB) ]; then \
		echo "== Nieuwe database $(DB) met demodata"; \
		./$(BUILD)/casustafel --db $(DB) init && \
		./$(BUILD)/casustafel --db $(DB) demo --cases $(DEMO_CASES) || { rm -f $(DB) $(DB)-wal $(DB)-shm; exit 1; }; \
	else \
		echo "== Bestaande database $(DB) (verwijder het bestand voor een nieuwe)"; \
		./$(BUILD)/casustafel --db $(DB) migrate; \
	fi

run: demo-db
	@echo
	@./$(BUILD)/casustafel --db $(DB) case list --limit 5
	@./$(BUILD)/casustafel --db $(DB) audit verify
	@echo
	@echo "De database staat in $(DB). Probeer:"
	@echo "  ./$(BUILD)/casustafel --db $(DB) case list"
	@echo "  ./$(BUILD)/casustafel --db $(DB) case show <referentie>"
	@echo "  ./$(BUILD)/casustafel --help"

lint:
	@/usr/bin/python3 tools/check-includes.py src

test-unit: build
	meson test -C $(BUILD) --print-errorlogs

test-san: build-san
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C $(BUILD_SAN) --print-errorlogs

# Run both suites even when the first fails, then print one summary line.
test: deps lint
	@status=0; \
	$(MAKE) --no-print-directory test-unit || status=1; \
	$(MAKE) --no-print-directory test-san || status=1; \
	/usr/bin/python3 tools/test-summary.py $(BUILD) $(BUILD_SAN) || status=1; \
	exit $$status

bench: build
	./$(BUILD)/bench/bench_store

# Real fuzzing, not part of `make test`: a clang build with libFuzzer and
# the sanitizers in $(BUILD_FUZZ), each parser's fuzzer for FUZZ_SECONDS
# (tests/fuzz/README.md). `make test` runs the same targets briefly.
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 30
.PHONY: fuzz
fuzz: deps
	@sh tools/install-deps.sh clang libclang-rt-dev
	BUILD_FUZZ=$(BUILD_FUZZ) FUZZ_SECONDS=$(FUZZ_SECONDS) sh tools/fuzz-run.sh

clean:
	rm -rf $(BUILD) $(BUILD_SAN)

distclean: clean
	rm -rf $(DATA_DIR)

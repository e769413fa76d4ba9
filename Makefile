# Casustafel - the two README commands, and the steps behind them.
#
#   make run    install what is missing, build, create the demo database, start
#   make test   everything: unit, command-line, API, browser and fuzz-corpus
#               tests, plain and (all but the browser tests) under
#               AddressSanitizer + UndefinedBehaviorSanitizer,
#               and the store and API suites again on PostgreSQL
#
# Meson + Ninja do the real build; this file only sequences the steps so that a
# fresh Debian 12 machine with git and make needs nothing else.

BUILD     ?= build
BUILD_SAN ?= build-san
DATA_DIR  ?= var
DB        ?= $(DATA_DIR)/casustafel.db
DEMO_CASES ?= 300
# The server key (seals TOTP secrets) and the demo logins printed once.
KEY_FILE  ?= $(DATA_DIR)/casustafel.key
LOGINS    ?= $(DATA_DIR)/demo-aanmeldingen.txt
demo-db run: export CASUSTAFEL_KEY_FILE = $(KEY_FILE)

# Debian packages the project needs (build, libraries, test tools).
DEB_PACKAGES = gcc libc6-dev pkg-config meson ninja-build python3 \
	libsodium-dev libsqlite3-dev libjansson-dev libcmocka-dev \
	libmicrohttpd-dev liboath-dev libqrencode-dev \
	libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils \
	python3-pytest python3-requests wrk oathtool zbar-tools \
	postgresql libpq-dev \
	libcurl4-openssl-dev python3-aiosmtpd \
	nodejs $(NPM_DEB) chromium
# Debian's npm, unless npm is already there: a nodejs package from another
# repository bundles its own npm and conflicts with Debian's.
NPM_DEB := $(if $(shell command -v npm 2>/dev/null),,npm)

.PHONY: all deps build build-san run demo-db test test-unit test-san lint bench clean distclean
.PHONY: test-pg

all: build

# Idempotent: installs only what dpkg does not already have.
deps:
	@sh tools/install-deps.sh $(DEB_PACKAGES)
	@$(MAKE) --no-print-directory node_modules/.package-lock.json

# npm packages from the committed package-lock.json (web assets, browser
# tests); npm ci again only when the lock file changed. No install scripts:
# none is needed, and the browser is Debian's chromium, never a download.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

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
		( umask 077; ./$(BUILD)/casustafel --db $(DB) demo --cases $(DEMO_CASES) > $(LOGINS) ) || { cat $(LOGINS) 2>/dev/null; rm -f $(DB) $(DB)-wal $(DB)-shm $(LOGINS); exit 1; }; \
		cat $(LOGINS); \
	else \
		echo "== Bestaande database $(DB) (verwijder het bestand voor een nieuwe)"; \
		./$(BUILD)/casustafel --db $(DB) migrate; \
	fi

# Prints the demo logins (kept in $(LOGINS), readable only by you) and
# runs the server in the foreground; Ctrl-C stops it.
run: demo-db
	@./$(BUILD)/casustafel --db $(DB) audit verify
	@echo
	@echo "== Demo-aanmeldingen (bewaard in $(LOGINS)):"
	@if [ -f $(LOGINS) ]; then sed -n '/^Gedeeld demowachtwoord/,$$p' $(LOGINS); \
	else echo "  (niet bewaard; verwijder $(DB) voor een nieuwe demodatabase)"; fi
	@echo
	@echo "Inloggen met curl en de TOTP-code uit oathtool: zie README.md."
	@exec ./$(BUILD)/casustafel --db $(DB) serve

lint:
	@/usr/bin/python3 tools/check-includes.py src

test-unit: build
	meson test -C $(BUILD) --print-errorlogs

test-san: build-san
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C $(BUILD_SAN) --print-errorlogs

# The suites that also run on PostgreSQL: a throw-away server
# (tools/pg-test-server.sh, Debian's postgresql on a Unix socket in a temp
# dir), CASUSTAFEL_TEST_PG pointing at it, and the server stopped and
# removed afterwards whatever the outcome. Own log name, so that the
# summary of test-unit in $(BUILD) is not overwritten.
PG_SUITES ?= --suite pg --suite api
test-pg: build
	@dir=$$(mktemp -u /tmp/ct-pg-XXXXXX); \
	uri=$$(sh tools/pg-test-server.sh start $$dir) || exit 1; \
	trap 'sh tools/pg-test-server.sh stop '"$$dir" EXIT INT TERM; \
	echo "== PostgreSQL-testserver: $$uri"; \
	CASUSTAFEL_TEST_PG="$$uri" meson test -C $(BUILD) $(PG_SUITES) \
		--logbase testlog-pg --print-errorlogs

# Run both suites even when the first fails, then print one summary line.
test: deps lint
	@status=0; \
	$(MAKE) --no-print-directory test-unit || status=1; \
	$(MAKE) --no-print-directory test-san || status=1; \
	$(MAKE) --no-print-directory test-pg || status=1; \
	/usr/bin/python3 tools/test-summary.py $(BUILD) $(BUILD_SAN) \
		$(BUILD)/meson-logs/testlog-pg.json || status=1; \
	exit $$status

bench: build
	./$(BUILD)/bench/bench_store
	./$(BUILD)/bench/worklist/bench_worklist
	sh bench/api/run.sh $(BUILD)

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
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_FUZZ)

distclean: clean
	rm -rf $(DATA_DIR)

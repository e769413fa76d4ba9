#!/bin/sh
# Run the libFuzzer fuzzers of tests/fuzz for FUZZ_SECONDS each (`make fuzz`).
#
# Sets up a clang build with AddressSanitizer + UndefinedBehaviorSanitizer
# in $BUILD_FUZZ (once), the whole program instrumented for coverage, builds
# the fuzzer_<parser> programs and runs each with its checked-in seed corpus
# (read only) and a working corpus in $BUILD_FUZZ/fuzz-corpus/<parser> that
# grows across runs, with the dictionary tests/fuzz/dict/<parser>.dict if
# there is one. A crash leaves its input in $BUILD_FUZZ/fuzz-artifacts/;
# the script goes on with the other fuzzers and fails at the end.
#
#   FUZZ_SECONDS   seconds per fuzzer (default 30)
#   FUZZ_TARGETS   parsers to run, e.g. "router body" (default: all)
#   BUILD_FUZZ     build directory (default build-fuzz)
set -eu

cd "$(dirname "$0")/.."
BUILD_FUZZ=${BUILD_FUZZ:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
if [ -z "${FUZZ_TARGETS:-}" ]; then
	FUZZ_TARGETS=$(ls tests/fuzz/fuzz_*.c | sed 's,.*/fuzz_,,; s,\.c$,,')
fi

if ! command -v clang >/dev/null 2>&1; then
	echo "fout: clang ontbreekt (make fuzz installeert het met tools/install-deps.sh)" >&2
	exit 1
fi

if [ ! -f "$BUILD_FUZZ/build.ninja" ]; then
	# fuzzer-no-link: coverage feedback from every layer, not only from
	# the fuzz target; the fuzzer programs add -fsanitize=fuzzer.
	CC=clang meson setup "$BUILD_FUZZ" \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debugoptimized \
		-Dc_args=-fsanitize=fuzzer-no-link
fi

programs=""
for t in $FUZZ_TARGETS; do
	programs="$programs tests/fuzz/fuzzer_$t"
done
# shellcheck disable=SC2086
if ! ninja -C "$BUILD_FUZZ" $programs; then
	echo "fout: de fuzzers zijn niet gebouwd; werkt -fsanitize=fuzzer" \
		"met deze clang (pakket libclang-rt-dev)?" >&2
	exit 1
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
mkdir -p "$BUILD_FUZZ/fuzz-artifacts" "$BUILD_FUZZ/fuzz-logs"
failed=""
for t in $FUZZ_TARGETS; do
	work="$BUILD_FUZZ/fuzz-corpus/$t"
	log="$BUILD_FUZZ/fuzz-logs/$t.log"
	mkdir -p "$work"
	dict=""
	if [ -f "tests/fuzz/dict/$t.dict" ]; then
		dict="-dict=tests/fuzz/dict/$t.dict"
	fi
	echo "== fuzzer_$t: $FUZZ_SECONDS s"
	if "$BUILD_FUZZ/tests/fuzz/fuzzer_$t" \
		-max_total_time="$FUZZ_SECONDS" -max_len=8192 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$BUILD_FUZZ/fuzz-artifacts/$t-" $dict \
		"$work" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
		grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
		grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true
	else
		echo "   GEVONDEN: zie $log en $BUILD_FUZZ/fuzz-artifacts/$t-*"
		tail -n 40 "$log"
		failed="$failed $t"
	fi
done

if [ -n "$failed" ]; then
	echo "fout: fuzzers vonden fouten in:$failed" >&2
	echo "Reproduceer met: $BUILD_FUZZ/tests/fuzz/fuzzer_<naam> <artifact>" >&2
	exit 1
fi
echo "== geen fouten gevonden in: $(echo $FUZZ_TARGETS)"

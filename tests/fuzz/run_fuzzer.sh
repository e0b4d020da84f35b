#!/bin/sh
# Builds the libFuzzer target for the NMODL front end (tests/fuzz/fuzz_nmodl.cpp) in fuzz-build/,
# runs it over generated 2 MiB inputs (make_large_inputs.py), then fuzzes on one process for
# SECONDS (default 600). See tests/fuzz/README.md.
#
#   tests/fuzz/run_fuzzer.sh [SECONDS] [extra libFuzzer flags...]
#
# Needs Debian's clang-19 and libclang-rt-19-dev. The working corpus is fuzz-build/corpus (seeded
# from the committed tests/fuzz/corpus, never written back); findings land in fuzz-build/artifacts.
# Minimise a finding with
#   fuzz-build/tests/fuzz/fuzz_nmodl -minimize_crash=1 -runs=10000 ARTIFACT
# and commit the result to tests/fuzz/regressions/ (the normal test suite replays it).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/fuzz-build"
seconds=${1:-600}
[ $# -gt 0 ] && shift

if [ ! -f "$build/build.ninja" ]; then
  CC=clang-19 CXX=clang++-19 cmake -S "$root" -B "$build" -G Ninja \
    -DCORNU_FRONTEND_ONLY=ON -DCORNU_FUZZ=ON -DCORNU_BUILD_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g"
fi
# The machine is shared: build with two jobs at most.
ninja -C "$build" -j2 fuzz_nmodl

mkdir -p "$build/corpus" "$build/artifacts"
cp -n "$root"/tests/fuzz/corpus/* "$build/corpus/" 2>/dev/null || true
cp -n "$root"/tests/fuzz/regressions/* "$build/corpus/" 2>/dev/null || true

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# First the inputs fuzzing cannot reach: files up to the parser's 2 MiB limit built to be slow,
# deep or large (make_large_inputs.py). Each must pass the sanitizers within 120 s and 2 GB under
# this -O1 sanitized build (a release build takes at most a few seconds). LARGE=0 skips this.
if [ "${LARGE:-1}" != 0 ] && command -v python3 >/dev/null; then
  python3 "$root/tests/fuzz/make_large_inputs.py" "$build/large"
  echo "large inputs: $build/large"
  if ! "$build/tests/fuzz/fuzz_nmodl" -timeout=120 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
       -artifact_prefix="$build/artifacts/" "$build"/large/*.mod > "$build/large.log" 2>&1; then
    tail -40 "$build/large.log"
    echo "a large input failed; see $build/large.log" >&2
    exit 1
  fi
  grep '^Executed' "$build/large.log"
fi
log="$build/fuzz-$(date +%Y%m%d-%H%M%S).log"
echo "fuzzing for ${seconds}s; log: $log"
# -max_len: real .mod files are a few kB; 16 kB leaves room for the slow-input and nesting cases.
# -rss_limit_mb / -malloc_limit_mb: an input that needs 2 GB is a finding. -timeout: so is 10 s.
"$build/tests/fuzz/fuzz_nmodl" \
  -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 -max_len=16384 \
  -dict="$root/tests/fuzz/nmodl.dict" -artifact_prefix="$build/artifacts/" \
  -print_final_stats=1 -reload=0 "$@" \
  "$build/corpus" 2>&1 | tee "$log"

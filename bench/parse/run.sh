#!/bin/sh
# Parse benchmark: cornu's NMODL front end against NEURON's nocmodl, over the same .mod files, in
# one run on this machine (see bench/README.md).
#
#   bench/parse/run.sh [BUILD_DIR]      (default: build)
#   REPEATS_INPROC=200 REPEATS_PROC=30 bench/parse/run.sh
#
# Measures per file, with medians over repeats:
#   (a) cornu in process: parse + analyse only (bench_parse, warm, no process start);
#   (b) cornu as a process per file: `cornu check -q FILE`;
#   (c) nocmodl as a process per file: `nocmodl FILE` (it writes FILE.c next to FILE, in a
#       temporary copy of the corpus; output discarded);
#   (d) the front end alone as a process per file: `bench_parse -n 0 FILE` (one cold parse +
#       analyse in a program linked only with the front end, ANTLR and fmt): what `cornu check`
#       would cost without the rest of cornu's libraries.
# (b), (c) and (d) alternate run by run on each file (bench_spawn), so drift hits them alike.
# The corpus: the .mod files of Debian's neuron and python3-nmodl packages, and
# tests/nmodl/valid/*.mod.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
n_inproc=${REPEATS_INPROC:-100}
n_proc=${REPEATS_PROC:-21}

for tool in "$build/bench/bench_parse" "$build/bench/bench_spawn" "$build/cli/cornu"; do
  [ -x "$tool" ] || { echo "missing $tool: build first (ninja -C $build bench_parse bench_spawn cornu)" >&2; exit 1; }
done
command -v nocmodl >/dev/null || { echo "nocmodl not found: apt-get install neuron" >&2; exit 1; }

# Copy the corpus to a scratch folder (nocmodl writes its .c next to the input), one subfolder
# per source folder so that relative INCLUDEs still resolve.
work=$(mktemp -d /tmp/cornu-bench-parse.XXXXXX)
trap 'rm -rf "$work"' EXIT
copy() {  # copy SUBDIR FILE...
  sub=$1; shift
  [ $# -gt 0 ] || return 0
  mkdir -p "$work/$sub"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$work/$sub/"; done
  # INCLUDEd files (.inc) travel along.
  for f in "$(dirname "$1")"/*.inc; do [ -f "$f" ] && cp "$f" "$work/$sub/"; done
  return 0
}
copy nrn-demo $(dpkg -L neuron 2>/dev/null | grep '\.mod$' || true)
copy nmodl-example $(dpkg -L python3-nmodl 2>/dev/null | grep '\.mod$' || true)
copy cornu-valid $(ls "$root"/tests/nmodl/valid/*.mod 2>/dev/null || true)
files=$(cd "$work" && find . -name '*.mod' | sort | sed 's|^\./||')
[ -n "$files" ] || { echo "no .mod files found" >&2; exit 1; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
echo "machine: $(nproc) CPUs, $cpu; $(uname -sr); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$build/cli/cornu" --version 2>&1 | head -1) built in $build (source tree at $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')); nocmodl $(nocmodl --version 2>&1 | head -1 | tr -s ' ')"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $(echo "$files" | wc -l) files; repeats: in-process $n_inproc, per process $n_proc"
echo

cd "$work"
# shellcheck disable=SC2086
"$build/bench/bench_parse" -n "$n_inproc" --tsv $files > inproc.tsv
# shellcheck disable=SC2086
"$build/bench/bench_spawn" -n "$n_proc" --cmd cornu="$build/cli/cornu check -q {}" --cmd nocmodl="nocmodl {}" \
  --cmd lean="$build/bench/bench_parse -n 0 {}" $files > proc.tsv
# The floor under (b) and (c): starting a process at all (/bin/true), and starting cornu without
# parsing anything (`cornu --help`: dynamic linking of its libraries and static initialisation).
first=$(echo "$files" | head -1)
"$build/bench/bench_spawn" -n "$n_proc" --cmd true="/bin/true {}" --cmd help="$build/cli/cornu --help {}" \
  "$first" > floor.tsv

# Columns: inproc.tsv  file bytes ok median_us min_us first_us
#          proc.tsv    file, then status median_us min_us for cornu, nocmodl and lean
#          floor.tsv   file, then status median_us min_us for true and help
awk -F'\t' '
  BEGIN {
    printf "%-40s %6s %8s %8s %8s %8s %8s\n", "file", "bytes", "(a) us", "(b) ms", "(c) ms", "(c)/(b)", "(d) ms"
    printf "%-40s %6s %8s %8s %8s %8s %8s\n", "", "", "in-proc", "cornu", "nocmodl", "", "lean"
  }
  FNR == 1 { next }
  FILENAME ~ /inproc/ { bytes[$1] = $2; inproc[$1] = $4; if (FNR == 2) { cold = $6; warm = $4 }; next }
  FILENAME ~ /floor/ { floor_true = $3; floor_help = $6; next }
  {
    f = $1; cm = $3; nm = $6; lm = $9
    flag = ($2 != 0 ? " cornu-error" : "") ($5 != 0 ? " nocmodl-error" : "")
    printf "%-40s %6d %8.0f %8.2f %8.2f %8.2f %8.2f%s\n", f, bytes[f], inproc[f], cm / 1000, nm / 1000, nm / cm, lm / 1000, flag
    if (flag != "") { skipped++; next }
    n++; ta += inproc[f]; tb += cm; tc += nm; td += lm; lr += log(nm / cm)
  }
  END {
    printf "\nPer-file medians. (a) cornu parse + analyse in process (warm), (b) `cornu check -q FILE`,\n"
    printf "(c) `nocmodl FILE`, (d) cornu front end alone as a process (`bench_parse -n 0 FILE`).\n"
    printf "Totals over the %d files both tools accept (%d skipped):\n", n, skipped
    printf "  (a) %.2f ms   (b) %.1f ms   (c) %.1f ms   (d) %.1f ms\n", ta / 1000, tb / 1000, tc / 1000, td / 1000
    printf "  nocmodl/cornu, (c)/(b): %.2f on totals, %.2f geometric mean of per-file ratios; (c)/(d): %.2f\n",
           tc / tb, exp(lr / n), tc / td
    printf "Floor per process: /bin/true %.2f ms, cornu --help %.2f ms. First parse in a fresh process\n",
           floor_true / 1000, floor_help / 1000
    printf "(ANTLR builds its ATN and DFA): %.2f ms, against %.2f ms warm for the same file.\n", cold / 1000, warm / 1000
  }' inproc.tsv floor.tsv proc.tsv

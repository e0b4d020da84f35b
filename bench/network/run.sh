#!/bin/sh
# Network benchmarks: cornu against NEURON 8.2 in one run on this machine (see README.md here).
#
#   bench/network/run.sh [BUILD_DIR]       (default: build; builds nothing)
#   REPEATS=5 bench/network/run.sh         (more repetitions, steadier medians)
#
# Runs, REPEATS times and interleaved (cornu fast, cornu --exact-math and NEURON one after
# the other, the order turned around every repetition, so that the machine's drift hits all
# alike):
#   net:  bench_network and neuron_net.py, CELLS HH cells with the net100.py network, TSTOP ms;
#   ring: bench_ring and neuron_ring.py, ringtest-like branched cells (RING_ARGS).
# Each program runs once per repetition in a fresh process. Then prints medians and the
# cornu/NEURON ratios (summarize.py).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
repeats=${REPEATS:-3}
cells=${CELLS:-1000}
tstop=${TSTOP:-1000}
ring_args=${RING_ARGS:---rings 16 --ring-cells 8 --branches 16 --nseg 4 --tstop 100}
python=${NEURON_PYTHON:-/usr/bin/python3}  # the python with NEURON (Debian's python3-neuron)

for tool in bench_network bench_ring; do
  [ -x "$build/bench/network/$tool" ] || {
    echo "missing $build/bench/network/$tool: build first (ninja -C $build bench_network bench_ring)" >&2; exit 1; }
done
"$python" -c 'import neuron' 2>/dev/null || { echo "$python cannot import neuron: apt-get install python3-neuron" >&2; exit 1; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
echo "machine: $(nproc) CPUs, $cpu; $(uname -sr); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cornu: build folder $build (source tree $root at $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "NEURON: $("$python" -c 'from neuron import h; print(h.nrnversion())' 2>/dev/null | cut -d' ' -f1-4), $python"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $repeats repetitions; net: $cells cells, $tstop ms; ring: $ring_args"
echo

results=$(mktemp /tmp/cornu-bench-network.XXXXXX)
log=$(mktemp /tmp/cornu-bench-network-log.XXXXXX)
trap 'rm -f "$results" "$log"' EXIT

# Runs one program and keeps its result line, tagged with the repetition; stops the benchmark,
# showing the program's output, if it fails or prints no result.
record() {  # record REP COMMAND...
  rep=$1; shift
  if ! "$@" > "$log" 2>&1 || ! grep -q '^result: ' "$log"; then
    echo "failed: $*" >&2; cat "$log" >&2; exit 1
  fi
  sed -n "s/^result: /result: rep=$rep /p" "$log" >> "$results"
}

# Compile the mechanisms once (or find them in the object cache), outside every timing.
"$build/bench/network/bench_network" -n 2 -t 1 -r 1 > /dev/null
"$build/bench/network/bench_network" -n 2 -t 1 -r 1 --exact-math > /dev/null
"$build/bench/network/bench_ring" --rings 1 --ring-cells 2 -t 1 -r 1 > /dev/null

cd "$here"
net_cornu="$build/bench/network/bench_network -n $cells -t $tstop -r 1"
net_neuron="$python neuron_net.py --cells $cells --tstop $tstop"
# shellcheck disable=SC2086
ring_cornu="$build/bench/network/bench_ring $ring_args -r 1"
ring_neuron="$python neuron_ring.py $ring_args"
rep=1
while [ "$rep" -le "$repeats" ]; do
  echo "repetition $rep of $repeats ..." >&2
  if [ $((rep % 2)) -eq 1 ]; then
    # shellcheck disable=SC2086
    { record $rep $net_cornu; record $rep $net_cornu --exact-math; record $rep $net_neuron;
      record $rep $ring_cornu; record $rep $ring_cornu --exact-math; record $rep $ring_neuron; }
  else
    # shellcheck disable=SC2086
    { record $rep $net_neuron; record $rep $net_cornu --exact-math; record $rep $net_cornu;
      record $rep $ring_neuron; record $rep $ring_cornu --exact-math; record $rep $ring_cornu; }
  fi
  rep=$((rep + 1))
done

"$python" "$here/summarize.py" "$results"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

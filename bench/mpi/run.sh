#!/usr/bin/env bash
# Distributed-run benchmark (issue 5): the same multi-compartment network on 1 and 2 MPI ranks,
# interleaved repetitions in one run; prints the median run times, the speed-up and the share of
# the 2-rank run spent in spike exchange (waiting included). Builds nothing.
# Usage: bench/mpi/run.sh [cells=1000] [tstop_ms=1000] [repeats=3]   (CORNU=path/to/cornu)
set -euo pipefail
cd "$(dirname "$0")/../.."
cells=${1:-1000}
tstop=${2:-1000}
repeats=${3:-3}
cornu=${CORNU:-build/cli/cornu}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/mpi/make_network.py "$cells" "$tstop" > "$work/net.yaml"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$cornu" simulate "$work/net.yaml" -q -o "$work/warm" --event-order canonical  # compile the mechanisms once

field() { sed -n "s/.*$1 \([0-9.]*\) s.*/\1/p"; }
one=() two=() exchange=()
for ((r = 1; r <= repeats; r++)); do
  line1=$("$cornu" simulate "$work/net.yaml" -o "$work/r1" --event-order canonical)
  line2=$(mpirun -np 2 "$cornu" simulate "$work/net.yaml" -o "$work/r2")
  one+=("$(echo "$line1" | field run)")
  two+=("$(echo "$line2" | field run)")
  exchange+=("$(echo "$line2" | sed -n 's/.*spike exchange \([0-9.]*\) s.*/\1/p')")
  cmp -s "$work/r1/spikes.csv" "$work/r2/spikes.csv" || { echo "spikes differ between 1 and 2 ranks"; exit 1; }
  echo "repetition $r: 1 rank ${one[-1]} s, 2 ranks ${two[-1]} s (rank 0 exchanging ${exchange[-1]} s)"
done
python3 - "${one[*]}" "${two[*]}" "${exchange[*]}" "$cells" <<'PY'
import statistics, sys
one, two, ex = ([float(x) for x in a.split()] for a in sys.argv[1:4])
m1, m2, mx = statistics.median(one), statistics.median(two), statistics.median(ex)
print(f"{sys.argv[4]} cells: median run 1 rank {m1:.3f} s, 2 ranks {m2:.3f} s: speed-up {m1 / m2:.2f}x "
      f"(per repetition {min(a / b for a, b in zip(one, two)):.2f}-{max(a / b for a, b in zip(one, two)):.2f}x); "
      f"spike exchange {100 * mx / m2:.0f} % of the 2-rank run (rank 0, waiting for the other rank included)")
PY

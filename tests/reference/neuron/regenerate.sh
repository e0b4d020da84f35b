#!/usr/bin/env bash
# Regenerates NEURON's reference results for cornu's experiment cases:
#   tests/reference/cases/<case>.yaml  ->  tests/reference/data/<case>/{traces.csv,spikes.csv,meta.yaml}
# plus data/rallpack1/analytic.csv.
#
# Usage: tests/reference/neuron/regenerate.sh [--check] [CASE...]
#   CASE     case names (file stems); default: every file in cases/
#   --check  run into a temporary folder and compare traces.csv, spikes.csv and analytic.csv
#            byte for byte with the committed data instead of overwriting it (exit 1 on a difference)
#
# Needs Debian 12's neuron, neuron-dev, python3-neuron, python3-numpy and python3-yaml
# (.ci/install-deps). NEURON is used from /usr/bin/python3 (override with NEURON_PYTHON).
# Extra .mod files are compiled with Debian's nrnivmodl into $CORNU_NEURON_BUILD
# (default build/neuron-ref, git-ignored).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ref=$(dirname "$here")
py=${NEURON_PYTHON:-/usr/bin/python3}

check=0
names=()
for a in "$@"; do
  case "$a" in
    --check) check=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "regenerate.sh: unknown option $a" >&2; exit 2 ;;
    *) names+=("$a") ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for f in "$ref"/cases/*.yaml; do names+=("$(basename "$f" .yaml)"); done
fi

if ! "$py" -c 'import neuron, numpy, yaml' 2>/dev/null; then
  echo "regenerate.sh: $py cannot import neuron, numpy and yaml (apt-get install python3-neuron python3-numpy python3-yaml)" >&2
  exit 2
fi

# The demo mechanisms in mod/ are copies of Debian's; say so if the installed ones changed.
for f in "$ref"/mod/*.mod; do
  orig=/usr/share/nrn/demo/release/$(basename "$f")
  if [ -e "$orig" ] && ! cmp -s "$f" "$orig"; then
    echo "regenerate.sh: warning: $f differs from $orig" >&2
  fi
done

if [ $check = 1 ]; then
  out_root=$(mktemp -d)
  trap 'rm -rf "$out_root"' EXIT
else
  out_root=$ref/data
fi

status=0
for name in "${names[@]}"; do
  case_file=$ref/cases/$name.yaml
  [ -f "$case_file" ] || { echo "regenerate.sh: no case $case_file" >&2; exit 2; }
  out=$out_root/$name
  rm -rf "$out"
  mkdir -p "$out"
  "$py" "$here/run_case.py" "$case_file" "$out"
  if [ "$name" = rallpack1 ]; then
    "$py" "$here/rallpack1_analytic.py" "$out"
  fi
  if [ $check = 1 ]; then
    for f in traces.csv spikes.csv analytic.csv; do
      [ -e "$out/$f" ] || continue
      if cmp -s "$out/$f" "$ref/data/$name/$f"; then
        echo "  $name/$f: identical"
      else
        echo "  $name/$f: DIFFERS from the committed file" >&2
        status=1
      fi
    done
  fi
done
exit $status

"""Summarise the `result:` lines of bench_network / bench_ring and their NEURON counterparts.

    summarize.py results.txt

Each line is "result: key=value ..." with at least tool (cornu, neuron), bench (net, ring),
math (fast, exact, neuron) and rep (the repetition it belongs to; run.sh adds it). Prints, per
benchmark, the median of each metric per variant and the ratios cornu/NEURON: of the medians,
and the range of the per-repetition ratios (runs of one repetition ran next to each other, so
their ratio is the least disturbed by the machine's drift).
"""
import statistics
import sys

# (key, label, decimals, is a time whose ratio means a speed-up)
METRICS = [
    ("run_s", "run time (s)", 3, True),
    ("us_per_cell_step", "us per cell-step", 4, True),
    ("us_per_comp_step", "us per compartment-step", 4, True),
    ("build_s", "build time (s)", 3, True),
    ("spikes", "spikes", 0, False),
    ("rate_hz", "firing rate (Hz)", 2, False),
    ("events", "events delivered", 0, False),
    ("heap_bytes_per_comp", "heap bytes per compartment", 0, False),
    ("rss_bytes_per_comp", "RSS bytes per compartment", 0, False),
    ("mem_bytes_per_comp", "stats() bytes per compartment", 0, False),
    ("model_bytes_per_comp", "Model description bytes/comp.", 0, False),
]
VARIANTS = [("cornu", "fast"), ("cornu", "exact"), ("neuron", "neuron")]
TITLES = {("cornu", "fast"): "cornu fast", ("cornu", "exact"): "cornu exact", ("neuron", "neuron"): "NEURON"}


def read(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith("result:"):
                rows.append(dict(item.split("=", 1) for item in line.split()[1:]))
    return rows


def values(rows, bench, variant, key):
    tool, math = variant
    return [float(r[key]) for r in rows
            if r["bench"] == bench and r["tool"] == tool and r["math"] == math and key in r]


def pair_ratios(rows, bench, variant, key):
    """cornu/NEURON for each repetition that has both."""
    ratios = []
    for rep in sorted({r.get("rep") for r in rows}):
        mine = values([r for r in rows if r.get("rep") == rep], bench, variant, key)
        theirs = values([r for r in rows if r.get("rep") == rep], bench, ("neuron", "neuron"), key)
        if mine and theirs and theirs[0] > 0:
            ratios.append(mine[0] / theirs[0])
    return ratios


def describe(rows, bench):
    r = next(r for r in rows if r["bench"] == bench)
    return f"{r['cells']} cells, {r['compartments']} compartments, tstop {r['tstop']} ms"


def summarise(rows, bench):
    present = [v for v in VARIANTS if values(rows, bench, v, "run_s")]
    if not present:
        return
    reps = len(values(rows, bench, present[0], "run_s"))
    print(f"== {bench}: {describe(rows, bench)}; medians of {reps} interleaved repetitions")
    header = f"{'':32}" + "".join(f"{TITLES[v]:>14}" for v in present)
    compared = [v for v in present if v[0] == "cornu"] if ("neuron", "neuron") in present else []
    header += "".join(f"  {TITLES[v] + '/NEURON':>30}" for v in compared)
    print(header)
    for key, label, decimals, is_time in METRICS:
        medians = [values(rows, bench, v, key) for v in present]
        if not any(medians):
            continue
        line = f"{label:32}"
        for m in medians:
            line += f"{statistics.median(m):>14.{decimals}f}" if m else f"{'-':>14}"
        for v in compared:
            mine, theirs = values(rows, bench, v, key), values(rows, bench, ("neuron", "neuron"), key)
            if not mine or not theirs or statistics.median(theirs) == 0:
                line += f"  {'':>30}"
                continue
            ratio = statistics.median(mine) / statistics.median(theirs)
            pairs = pair_ratios(rows, bench, v, key)
            text = f"{ratio:.2f}"
            if is_time and ratio > 0:
                text += f" ({1 / ratio:.2f}x faster)"
            if len(pairs) > 1:
                text += f" [{min(pairs):.2f}-{max(pairs):.2f}]"
            line += f"  {text:>30}"
        print(line.rstrip())
    print()


def main():
    rows = read(sys.argv[1])
    for bench in ("net", "ring"):
        summarise(rows, bench)
    print("Ratios are cornu/NEURON of the medians (below 1: cornu faster or smaller); in brackets the")
    print("range of the per-repetition ratios. Memory: heap = malloc'd bytes in use (glibc mallinfo)")
    print("grown from before the model was made to after initialisation; RSS = resident set grown over")
    print("the same; stats() = cornu's own count of its arrays (SimulationStats::memory_bytes).")


if __name__ == "__main__":
    main()

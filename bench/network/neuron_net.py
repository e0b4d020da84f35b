"""NEURON counterpart of bench_network: the net100.py network, fixed step, one thread.

    /usr/bin/python3 neuron_net.py [--cells 1000] [--tstop 1000]

N single-compartment cells (L = diam = 20 um, nseg 1, cm 1, hh), each with an ExpSyn (tau 2,
e 0) driven by its own NetStim (interval 25, number 1e9, start 0, noise 1, Random123 stream per
cell; weight 0.01, delay 1) and by 10 NetCons from the soma v of cells drawn at random among the
others (threshold 0, delay 1 + 4u, weight 0.002); every cell's spikes recorded. dt 0.025 ms,
celsius 6.3, v_init -65. As ../shared/reference/neuron_scripts/net100.py, except that a cell
never draws itself as an input (bench_network does the same).

Prints one `result:` line with the keys bench_network prints. `events` is counted as NEURON would
deliver them: for every spike of a cell or a NetStim, one event per NetCon it drives whose
arrival time is within tstop, plus the NetStims' self-events (one per NetStim spike and one at
start-up). Memory: growth of the process's heap (nrn_mallinfo(0): glibc uordblks + hblkhd) and
of its RSS (/proc/self/statm) from before the first section is made to after finitialize,
divided by the number of compartments. The RSS figure includes the Python objects that wrap
sections, point processes and NetCons; the heap figure mostly does not (Python's small-object
allocator takes its memory from mmap, not malloc).
"""
import argparse
import os
import time

from neuron import h


def resident_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def build(n):
    r = h.Random()
    r.Random123(1, 2, 3)
    r.uniform(0, 1)
    cells, syns, stims, ncs = [], [], [], []
    for i in range(n):
        s = h.Section(name=f"soma{i}")
        s.L = s.diam = 20.0
        s.nseg = 1
        s.cm = 1.0
        s.insert("hh")
        syn = h.ExpSyn(s(0.5))
        syn.tau = 2.0
        syn.e = 0.0
        ns = h.NetStim()
        ns.interval = 25.0
        ns.number = 1e9
        ns.start = 0
        ns.noise = 1.0
        ns.noiseFromRandom123(i, 0, 7)
        nc = h.NetCon(ns, syn)
        nc.weight[0] = 0.01
        nc.delay = 1.0
        cells.append(s)
        syns.append(syn)
        stims.append(ns)
        ncs.append(nc)
    # Recurrent inputs: 10 per cell, each from a random other cell. delays[j] lists the delays of
    # cell j's NetCons, for counting events.
    delays = [[] for _ in range(n)]
    for i in range(n if n > 1 else 0):
        for _ in range(10):
            j = int(r.repick() * (n - 1))
            if j >= i:
                j += 1
            nc = h.NetCon(cells[j](0.5)._ref_v, syns[i], sec=cells[j])
            nc.threshold = 0.0
            nc.delay = 1.0 + 4.0 * r.repick()
            nc.weight[0] = 0.002
            ncs.append(nc)
            delays[j].append(nc.delay)
    spike_t, spike_id = h.Vector(), h.Vector()
    for i in range(n):
        nc = h.NetCon(cells[i](0.5)._ref_v, None, sec=cells[i])
        nc.threshold = 0.0
        nc.record(spike_t, spike_id, i)
        ncs.append(nc)
    stim_t, stim_id = h.Vector(), h.Vector()
    for i, ns in enumerate(stims):
        nc = h.NetCon(ns, None)
        nc.record(stim_t, stim_id, i)
        ncs.append(nc)
    return {"cells": cells, "syns": syns, "stims": stims, "ncs": ncs, "delays": delays,
            "spikes": (spike_t, spike_id), "stim_spikes": stim_t}


def events_delivered(model, tstop):
    """NetCon and self-events delivered by tstop, as NEURON delivers them (see the docstring)."""
    spike_t, spike_id = model["spikes"]
    count = 0
    for t, i in zip(spike_t, spike_id):
        count += sum(1 for d in model["delays"][int(i)] if t + d <= tstop)
    stim_t = model["stim_spikes"]
    count += sum(1 for t in stim_t if t + 1.0 <= tstop)  # NetStim -> ExpSyn, delay 1
    count += len(stim_t) + len(model["stims"])           # flag-1 self-events, and the flag-3 one
    return count


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cells", type=int, default=1000)
    p.add_argument("--tstop", type=float, default=1000.0)
    a = p.parse_args()

    h.load_file("stdrun.hoc")
    h.dt = 0.025
    h.steps_per_ms = 40
    h.celsius = 6.3
    h.cvode_active(0)
    # pc.psolve runs the fixed-step loop in C, as ringtest does; h.continuerun (net100.py) would
    # add the hoc interpreter's stdrun loop, about 2.5 us per step here.
    pc = h.ParallelContext()
    pc.set_maxstep(10)

    heap0, rss0 = h.nrn_mallinfo(0), resident_bytes()
    t0 = time.perf_counter()
    model = build(a.cells)
    t1 = time.perf_counter()
    h.finitialize(-65)
    t2 = time.perf_counter()
    heap1, rss1 = h.nrn_mallinfo(0), resident_bytes()
    pc.psolve(a.tstop)
    t3 = time.perf_counter()

    n = a.cells
    compartments = sum(sec.nseg for sec in h.allsec())
    steps = round(a.tstop / h.dt)
    run = t3 - t2
    spikes = len(model["spikes"][0])
    fields = {
        "tool": "neuron", "bench": "net", "math": "neuron", "cells": n, "tstop": f"{a.tstop:.1f}",
        "compartments": compartments, "build_s": f"{t1 - t0:.4f}", "init_s": f"{t2 - t1:.4f}",
        "run_s": f"{run:.3f}",
        "us_per_cell_step": f"{run * 1e6 / (n * steps):.4f}",
        "us_per_comp_step": f"{run * 1e6 / (compartments * steps):.4f}",
        "spikes": spikes, "rate_hz": f"{spikes / n / (a.tstop / 1000):.2f}",
        "events": events_delivered(model, a.tstop),
        "heap_bytes_per_comp": f"{(heap1 - heap0) / compartments:.0f}",
        "rss_bytes_per_comp": f"{(rss1 - rss0) / compartments:.0f}",
    }
    print("result: " + " ".join(f"{k}={v}" for k, v in fields.items()))


if __name__ == "__main__":
    main()

"""NEURON counterpart of bench_ring: rings of branched cells (ringtest-like), fixed step.

    /usr/bin/python3 neuron_ring.py [--rings 16] [--ring-cells 8] [--branches 16] [--nseg 4]
                                    [--tstop 100]

Each cell: soma (L = diam = 12.6157 um, nseg 1, hh) and `branches` dendrites (diam 1 um, nseg
`nseg`, pas g 0.001 S/cm2 e -65 mV) forming a binary tree: dend[0] (L 200 um) on soma(1),
dend[i] (L 50 um) on dend[(i-1)//2](1); Ra 100 ohm cm, cm 1 uF/cm2. An ExpSyn (tau 2, e 0) at
dend[0](0.8). Cell k of a ring drives cell k+1 through a NetCon from soma(0.5) v (threshold
10 mV, delay 1 ms, weight 0.01 uS); one NetStim per ring (number 1, start 0) kicks cell 0. Every
cell's spikes are recorded. dt 0.025 ms, celsius 6.3, v_init -65.

Prints one `result:` line with the keys bench_ring prints. `events` counts what NEURON delivers:
one event per cell spike whose arrival (delay 1 ms) is within tstop, and per NetStim its two
self-events and its one spike's event. Memory: the growth of the process's
heap (nrn_mallinfo(0), glibc uordblks + hblkhd) and of its RSS (/proc/self/statm) from before
the first section is made to after finitialize, divided by the number of compartments (segments).
The RSS figure includes the Python objects that wrap sections and NetCons; the heap figure mostly
does not (Python's small-object allocator takes memory from mmap, not malloc).
"""
import argparse
import os
import time

from neuron import h


def resident_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def make_cell(branches, nseg):
    soma = h.Section(name="soma")
    soma.L = soma.diam = 12.6157
    soma.nseg = 1
    soma.insert("hh")
    dends = []
    for i in range(branches):
        d = h.Section(name=f"dend{i}")
        d.L = 200.0 if i == 0 else 50.0
        d.diam = 1.0
        d.nseg = nseg
        d.insert("pas")
        d.g_pas = 0.001
        d.e_pas = -65.0
        if i == 0:
            d.connect(soma(1), 0)
        else:
            d.connect(dends[(i - 1) // 2](1), 0)
        dends.append(d)
    for sec in [soma] + dends:
        sec.Ra = 100.0
        sec.cm = 1.0
    syn = h.ExpSyn(dends[0](0.8))
    syn.tau = 2.0
    syn.e = 0.0
    return {"soma": soma, "dends": dends, "syn": syn}


def build(a):
    cells, netcons, stims = [], [], []
    for ring in range(a.rings):
        members = [make_cell(a.branches, a.nseg) for _ in range(a.ring_cells)]
        for k, cell in enumerate(members):
            target = members[(k + 1) % a.ring_cells]["syn"]
            nc = h.NetCon(cell["soma"](0.5)._ref_v, target, sec=cell["soma"])
            nc.threshold = 10.0
            nc.delay = 1.0
            nc.weight[0] = 0.01
            netcons.append(nc)
        stim = h.NetStim()
        stim.number = 1
        stim.start = 0
        stim.noise = 0
        nc = h.NetCon(stim, members[0]["syn"])
        nc.delay = 1.0
        nc.weight[0] = 0.01
        netcons.append(nc)
        stims.append(stim)
        cells.extend(members)
    spike_t, spike_id = h.Vector(), h.Vector()
    for i, cell in enumerate(cells):
        nc = h.NetCon(cell["soma"](0.5)._ref_v, None, sec=cell["soma"])
        nc.threshold = 10.0
        nc.record(spike_t, spike_id, i)
        netcons.append(nc)
    return cells, netcons, stims, spike_t


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rings", type=int, default=16)
    p.add_argument("--ring-cells", type=int, default=8)
    p.add_argument("--branches", type=int, default=16)
    p.add_argument("--nseg", type=int, default=4)
    p.add_argument("--tstop", type=float, default=100.0)
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
    model = build(a)
    t1 = time.perf_counter()
    h.finitialize(-65)
    t2 = time.perf_counter()
    heap1, rss1 = h.nrn_mallinfo(0), resident_bytes()
    pc.psolve(a.tstop)
    t3 = time.perf_counter()

    cells, spike_t = model[0], model[3]
    ncell = len(cells)
    compartments = sum(sec.nseg for sec in h.allsec())
    steps = round(a.tstop / h.dt)
    run = t3 - t2
    fields = {
        "tool": "neuron", "bench": "ring", "math": "neuron", "cells": ncell, "tstop": f"{a.tstop:.1f}",
        "compartments": compartments, "build_s": f"{t1 - t0:.4f}", "init_s": f"{t2 - t1:.4f}",
        "run_s": f"{run:.3f}",
        "us_per_cell_step": f"{run * 1e6 / (ncell * steps):.4f}",
        "us_per_comp_step": f"{run * 1e6 / (compartments * steps):.4f}",
        "spikes": len(spike_t), "rate_hz": f"{len(spike_t) / ncell / (a.tstop / 1000):.2f}",
        "events": sum(1 for t in spike_t if t + 1.0 <= a.tstop) + 3 * a.rings,
        "heap_bytes_per_comp": f"{(heap1 - heap0) / compartments:.0f}",
        "rss_bytes_per_comp": f"{(rss1 - rss0) / compartments:.0f}",
    }
    print("result: " + " ".join(f"{k}={v}" for k, v in fields.items()))


if __name__ == "__main__":
    main()

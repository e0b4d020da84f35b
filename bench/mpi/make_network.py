#!/usr/bin/env python3
"""Writes a case file for the distributed-run benchmark (issue 5): N multi-compartment cells
(soma with hh, a dendrite of 5 segments and two 3-segment branches with pas, 12 compartments),
each driven by a Poisson generator through an ExpSyn and receiving 10 random connections from
other cells' somata (delays 1-5 ms). Usage: make_network.py [N=1000] [tstop_ms=1000] > net.yaml
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
tstop = float(sys.argv[2]) if len(sys.argv) > 2 else 1000.0
rng = random.Random(5)
out = []
w = out.append
w(f"name: mpi_bench_{n}")
w(f"simulation: {{dt: 0.025, tstop: {tstop}}}")
w("cells:")
for i in range(n):
    w(f"  - name: c{i}")
    w("    sections:")
    w("      - {name: soma, L: 20, diam: 20, mechanisms: {hh: {}}}")
    w("      - {name: dend, parent: soma, L: 200, diam: 2, nseg: 5, Ra: 150, mechanisms: {pas: {g: 0.0002, e: -65}}}")
    w("      - {name: b1, parent: dend, L: 100, diam: 1, nseg: 3, Ra: 150, mechanisms: {pas: {g: 0.0002, e: -65}}}")
    w("      - {name: b2, parent: dend, L: 100, diam: 1, nseg: 3, Ra: 150, mechanisms: {pas: {g: 0.0002, e: -65}}}")
w("point_processes:")
for i in range(n):
    w(f"  - {{name: s{i}, cell: c{i}, section: dend, x: 0.1, type: ExpSyn, params: {{tau: 2, e: 0}}}}")
w("generators:")
for i in range(n):
    w(f"  - {{name: g{i}, poisson: {{rates: [40], seed: 11}}}}")
w("netcons:")
for i in range(n):
    w(f"  - {{source: g{i}, target: s{i}, weight: 0.006, delay: 1}}")
    for j in rng.sample([k for k in range(n) if k != i], 10):
        w(f"  - {{source: {{cell: c{j}, section: soma, x: 0.5}}, threshold: 0, target: s{i}, weight: 0.0004, "
          f"delay: {round(rng.uniform(1, 5), 3)}}}")
w("record:")
w("  spikes:")
for i in range(0, n, max(1, n // 20)):
    w(f"    - {{name: c{i}, cell: c{i}, section: soma, x: 0.5, threshold: 0}}")
print("\n".join(out))

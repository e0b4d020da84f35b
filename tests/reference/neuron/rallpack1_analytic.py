#!/usr/bin/env python3
"""Analytic solution of Rallpack 1 at both cable ends, on the time grid of NEURON's reference trace.

Usage:  python3 tests/reference/neuron/rallpack1_analytic.py [DATADIR]
        (DATADIR defaults to tests/reference/data/rallpack1; needs numpy and PyYAML, not NEURON)

Reads the cable and stimulus from cases/rallpack1.yaml and the time column of DATADIR/traces.csv,
writes DATADIR/analytic.csv (same header as traces.csv, values %.17g) and prints NEURON's error
against it.

A finite cable of length l with sealed ends, a current step I0 into x = 0 at t = 0 and rest EM:
    V(x, t) = EM + Vss(x) - (I0 ra lambda^2 / l) * [ exp(-T) + 2 sum_n cos(n pi x / l) exp(-(1 + k_n^2) T) / (1 + k_n^2) ]
    Vss(x)  = I0 ra lambda cosh((l - x) / lambda) / sinh(l / lambda)
with ra = 4 Ra / (pi d^2) (axial resistance per length), lambda = sqrt(Rm d / (4 Ra)),
tau = Rm Cm, T = t / tau and k_n = n pi lambda / l. At t = 0 the value is EM exactly; for t > 0
the series is summed to 20000 terms (its terms fall like exp(-n^2 pi^2 T lambda^2 / l^2) / n^2, so the
truncation error is below 1e-9 mV on this grid).
"""

import os
import sys

import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CASE = os.path.join(HERE, "..", "cases", "rallpack1.yaml")
NTERMS = 20000


def cable_parameters(case):
    (sec,) = case["cells"][0]["sections"]
    pas = sec["mechanisms"]["pas"]
    (stim,) = case["point_processes"]
    assert stim["type"] == "IClamp" and float(stim["x"]) == 0.0
    assert float(stim["params"]["del"]) == 0.0
    return dict(
        l=float(sec["L"]) * 1e-6,                      # m
        d=float(sec["diam"]) * 1e-6,                   # m
        Ra=float(sec["Ra"]) * 1e-2,                    # ohm m
        Rm=1.0 / float(pas["g"]) * 1e-4,               # ohm m2
        Cm=float(sec["cm"]) * 1e-2,                    # F/m2
        EM=float(pas["e"]),                            # mV
        I0=float(stim["params"]["amp"]) * 1e-9,        # A
    )


def analytic(p, x, t_ms):
    """V in mV at position x (m from the injection end) for the times t_ms (ms)."""
    ra = 4 * p["Ra"] / (np.pi * p["d"] ** 2)                  # ohm/m
    lam = np.sqrt(p["Rm"] * p["d"] / (4 * p["Ra"]))           # m
    tau = p["Rm"] * p["Cm"] * 1e3                             # ms
    l, I0 = p["l"], p["I0"]
    vss = I0 * ra * lam * np.cosh((l - x) / lam) / np.sinh(l / lam)
    n = np.arange(1, NTERMS + 1, dtype=float)[:, None]
    k2 = (n * np.pi * lam / l) ** 2
    c = np.cos(n * np.pi * x / l) / (1 + k2)
    t = np.asarray(t_ms, dtype=float)
    out = np.empty_like(t)
    for lo in range(0, len(t), 500):
        T = t[None, lo:lo + 500] / tau
        s = np.exp(-T[0]) + 2 * np.sum(c * np.exp(-(1 + k2) * T), axis=0)
        out[lo:lo + 500] = 1e3 * (vss - I0 * ra * lam ** 2 / l * s) + p["EM"]
    out[t == 0] = p["EM"]
    return out


def main():
    datadir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "data", "rallpack1")
    with open(CASE) as f:
        p = cable_parameters(yaml.safe_load(f))
    with open(os.path.join(datadir, "traces.csv")) as f:
        header = f.readline().strip().split(",")
    data = np.loadtxt(os.path.join(datadir, "traces.csv"), delimiter=",", skiprows=1)
    t = data[:, 0]
    assert header[1].endswith("(0).v") and header[2].endswith("(1).v"), header
    va = np.column_stack([t, analytic(p, 0.0, t), analytic(p, p["l"], t)])
    with open(os.path.join(datadir, "analytic.csv"), "w") as f:
        f.write(",".join(header[:3]) + "\n")
        for row in va:
            f.write(",".join("%.17g" % v for v in row) + "\n")

    vmax = np.abs(va[:, 1:]).max()
    print(f"rallpack1 analytic: {len(t)} samples, max |V| = {vmax:.3f} mV")
    for j, end in ((1, "x=0"), (2, "x=L")):
        err = np.abs(data[:, j] - va[:, j])
        late = t > 1.0
        print(f"  NEURON {end}: max err {err.max():.4f} mV ({100 * err.max() / vmax:.3f} % of max|V|), "
              f"after 1 ms {err[late].max():.4f} mV ({100 * err[late].max() / vmax:.3f} %), "
              f"rms {np.sqrt(np.mean(err ** 2)):.4f} mV")


if __name__ == "__main__":
    main()

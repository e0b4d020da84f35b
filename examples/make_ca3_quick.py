#!/usr/bin/env python3
"""Generate examples/ca3_quick.yaml: a scaled-down CA3 replay-model network for `cornu simulate`.

    python3 examples/make_ca3_quick.py > examples/ca3_quick.yaml
    python3 examples/make_ca3_quick.py --pyr 80 --pvbc 12 --laps 3 > /tmp/bigger.yaml

The network is a small slice of the Liao et al. (2024) CA3 model (shared/reference/MODEL.md): the
pyramidal cells and their inputs at the model's density along the track, with the model's
in-degrees, weights, synapse types, sections and plasticity per cell. What is scaled and why is
written into the YAML's header (HEADER below) and examples/README.md.

Plain python3, standard library only; every random draw comes from random.Random(--seed).random(),
whose sequence is fixed across Python versions, so a given seed always gives the same file.
"""

import argparse
import math
import random
import sys
import textwrap

# ------------------------------------------------------------------------------------------------
# The model's numbers (MODEL.md section in brackets)
# ------------------------------------------------------------------------------------------------

MODEL_TRACK = 200.0          # cm [3.1]
MODEL_NPYR = 260             # [0.1 fact 3]
MODEL_NMF, MODEL_NMEC, MODEL_NLEC, MODEL_NBK = 400, 200, 250, 2000
SPEED = 30.0                 # cm/s [3.1]
FIELD_D = 25.0               # field diameter (cm); length constant D/4.3 [3.3]
PEAK = 20.0                  # Hz, MF/MEC/LEC peak [3.1]
FLOOR = 0.1                  # Hz, min rate (training) [3.1]
GRID_GAP = 50.0              # cm, MEC grid spacing [3.3]
LEADIN_RATE = 2.0            # Hz, every input during the lead-in [3.4]
BK_RATE = 3.0                # Hz, background noise mean rate [3.1]
MODEL_CUE_CENTRES = [155.3, 179.4, 42.7, 50.8, 187.5, 14.6, 80.9, 175.4, 20.6, 141.2, 145.2, 167.3, 165.3,
                     107.0, 93.0, 95.0, 173.4, 70.9, 151.2, 16.6, 83.0, 52.8, 91.0, 87.0, 97.0]  # cm, laps 1-25 [3.5]
FRAC_PLACE = 0.8             # [7.1]
EDGE = 0.1                   # in-degree x 0.75 for targets with pos < 0.1 or > 0.9 [7.2]
ALPHA_PYR, ALPHA_EXT = 0.0125, 0.00075   # Gaussian kernels exp(-dpos^2/alpha), pos on [0, 1] [7.2]

# PYR per-section AMPA/STDPE2 time constants (tau1 0.5 ms, E 0) [6.1]
PYR_TAU2 = {"oriensDistal": 8.77, "oriensProximal": 144.03, "lucidum": 144.03, "radiatum": 9.77,
            "lacunosumMEC": 12.66, "lacunosumLEC": 12.66}
NMDA_PYR = {"tcon": 2.3, "tcoff": 100, "gNMDAmax": 1.0, "enmda": 0}   # [5.3, 6.1]
STDP_DEFAULT = {"potentiation": 6.0e-4, "depression": 6.0e-4, "ptau": 65.0, "dtau": 65.0,
                "wmax_scaler": 20.0, "thresh": -10.0}                  # symplasticity [2.1]

# Projections of the baseline config circuitparams_segs_eegrad_stdp_ee_ie_mf_mec_lec.yaml [2.3].
# indeg and weight1 are before scaling; types as the config; STDP overrides as the config.
PROJ = {
    "pyr_pyr":   dict(indeg=10, types=["STDPE2", "NMDA"], weight1=3.6e-3, secs=["oriensDistal", "radiatum"],
                      potentiation=6.0e-4, depression=6.0e-4, wmax_scaler=20.0),
    "pyr_pvbc":  dict(indeg=70, types=["AMPA"], weight1=1.0e-1, secs=["oriT1", "oriT2"], tau=(0.07, 0.20, 0.0)),
    "pvbc_pyr":  dict(indeg=10, types=["STDPE2"], weight1=0.0018, secs=["soma"], tau=(0.30, 6.2, -75.0),
                      potentiation=1.25e-4, depression=4.0e-5, wmax_scaler=7.0),
    "pvbc_pvbc": dict(indeg=2, types=["GABAA"], weight1=1.8e-4, secs=["soma"], tau=(0.08, 4.8, -75.0)),
    "mf_pyr":    dict(indeg=16, types=["STDPE2", "NMDA"], weight1=2.0e-4, secs=["lucidum", "oriensProximal"],
                      potentiation=2.5e-5, ptau=17.0, dtau=34.0),
    "mf_pvbc":   dict(indeg=420, types=["AMPA"], weight1=3.4e-4, secs=["radM1", "radM2", "radT1", "radT2"],
                      tau=(2.0, 6.3, 0.0)),
    "mec_pyr":   dict(indeg=10, types=["STDPE2", "NMDA"], weight1=1.5e-4, secs=["lacunosumMEC"],
                      potentiation=1.5e-4, wmax_scaler=12.0),
    "mec_pvbc":  dict(indeg=4, types=["AMPA"], weight1=1.0e-4, secs=["lmM1", "lmM2"], tau=(2.0, 6.3, 0.0)),
    "lec_pyr":   dict(indeg=10, types=["STDPE2", "NMDA"], weight1=5.0e-3, secs=["lacunosumLEC"],
                      potentiation=1.5e-4, depression=2.5e-4),
    "lec_pvbc":  dict(indeg=4, types=["AMPA"], weight1=1.35e-3, secs=["lmt1", "lmt2"], tau=(2.0, 6.3, 0.0)),
    "bk_pyr":    dict(indeg=80, types=["AMPA", "NMDA"], weight1=8.55e-4,
                      secs=["oriensProximal", "oriensDistal", "lucidum", "radiatum", "lacunosumLEC", "lacunosumMEC"]),
}
# Gradient (segs + eegrad) [2.3, 7.3]: weight scale by the cue/place identity of the source (PYR->PYR)
# or of the target (external inputs); scales are 0, so these are exact.
GRAD = {"pyr_pyr": {"cue": 0.3, "place": 1.0}, "mf_pyr": {"cue": 0.0, "place": 1.0},
        "mec_pyr": {"cue": 0.0, "place": 1.0}, "lec_pyr": {"cue": 1.0, "place": 0.0}}

PYR_MECHS = ["na3_CA3", "kdr_CA3", "kap_CA3", "km_CA3", "kd_CA3", "hd_CA3", "cal_CA3", "can_CA3", "cat_CA3",
             "cacum_CA3", "cagk_CA3", "KahpM95_CA3", "ds_CA3", "constant"]
PV_MECHS = ["ichan2", "ccanl", "borgka", "nca", "lca", "gskch", "mykca"]


def g(x):
    """A number as YAML: an integer, or the shortest repr that reads back as the same double
    (cornu reads any number strtod reads, e.g. 1e-05)."""
    x = float(f"{x:.12g}")   # no round-off tails (0.15000000000000002) from products like 3 x 0.05
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def sig(x, n=3):
    """Round to n significant digits (rates only; they are parameters of the experiment)."""
    if x == 0:
        return 0.0
    return float(f"{x:.{n}g}")


class Rng:
    """Draws built only on random.random() (stable across Python versions)."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def randint(self, n):
        return min(int(self.r.random() * n), n - 1)

    def choice_weighted(self, weights):
        total = sum(weights)
        u = self.r.random() * total
        acc = 0.0
        last = 0
        for i, w in enumerate(weights):
            if w <= 0:
                continue
            acc += w
            last = i
            if u < acc:
                return i
        return last

    def sample_without_replacement(self, weights, k):
        w = list(weights)
        chosen = []
        for _ in range(min(k, sum(1 for x in w if x > 0))):
            i = self.choice_weighted(w)
            chosen.append(i)
            w[i] = 0.0
        return chosen

    def sample(self, n, k):
        return sorted(self.sample_without_replacement([1.0] * n, k))


def nmda_mean_efficacy(rate_hz, util=0.3, tau_d=800.0, tau_f=800.0, nspikes=200000, seed=7):
    """Mean R*u of NMDA.mod's short-term plasticity for a Poisson train (MODEL.md 5.3)."""
    r = random.Random(seed)
    rate = rate_hz * 1e-3
    R = u = 0.0
    total = 0.0
    burn = 1000
    for n in range(nspikes + burn):
        if n == 0:
            R, u = 1.0, util
        else:
            dt = -math.log(1.0 - r.random()) / rate
            u = util + (1 - util) * u * math.exp(-dt / tau_f)
            R = 1 + (R * (1 - u) - 1) * math.exp(-dt / tau_d)
        if n >= burn:
            total += R * u
    return total / nspikes


def field(c, x):
    return PEAK * math.exp(-(((x - c) / (FIELD_D / 4.3)) ** 2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pyr", type=int, default=40, help="CA3 pyramidal cells (default 40)")
    ap.add_argument("--pvbc", type=int, default=6, help="PV basket cells (default 6)")
    ap.add_argument("--laps", type=int, default=2, help="laps (runs through the stretch; default 2)")
    ap.add_argument("--track", type=float, default=None,
                    help="length of the stretch of track, cm (default: what --pyr cells cover at the model's"
                         " 260 cells per 200 cm, rounded to 3 cm, i.e. to 100 ms of running; 30 cm for 40)")
    ap.add_argument("--leadin", type=float, default=250.0,
                    help="lead-in at 2 Hz before the first lap, ms (default 250)")
    ap.add_argument("--scale", type=float, default=2.0,
                    help="the model's `scale`: in-degree x scale, weight / scale (default 2, the paper's)")
    ap.add_argument("--bk-merge", type=int, default=10,
                    help="background inputs merged into one Poisson stream of merge x 3 Hz (default 10)")
    ap.add_argument("--seed", type=int, default=2024, help="connectivity and spike-train seed (default 2024)")
    ap.add_argument("--rate-step", type=float, default=10.0, help="ms per piece of the rate functions (default 10)")
    ap.add_argument("--trained", action="append", default=None, metavar="PROJ=FACTOR",
                    help="start a plastic projection's efficacy w + A at FACTOR x w, i.e. A = (FACTOR - 1) w"
                         " (capped at wmax - w), as if trained (repeatable; default mf_pyr=7)")
    ap.add_argument("--gain", action="append", default=[], metavar="PROJ=FACTOR",
                    help="multiply a projection's weights (and so its wmax) by FACTOR (repeatable)")
    a = ap.parse_args()
    if a.trained is None:
        a.trained = ["mf_pyr=7"]
    gains = {k: float(v) for k, v in (x.split("=") for x in a.gain)}
    trained = {k: float(v) for k, v in (x.split("=") for x in a.trained)}

    rng = Rng(a.seed)
    S = a.scale
    npyr, npv = a.pyr, a.pvbc
    # The stretch [x0, x1] of the model's 200 cm track, centred on it, that npyr cells cover at the
    # model's density (260 per 200 cm). Positions are in cm on the model's track.
    track = a.track if a.track else 3.0 * max(1, round(MODEL_TRACK * npyr / MODEL_NPYR / 3.0))
    x0 = (MODEL_TRACK - track) / 2
    x1 = x0 + track
    lap_ms = 1000.0 * track / SPEED
    nmf = round(MODEL_NMF * track / MODEL_TRACK)
    nmec = round(MODEL_NMEC * track / MODEL_TRACK)
    nlec = round(MODEL_NLEC * track / MODEL_TRACK)
    bk_indeg = round(PROJ["bk_pyr"]["indeg"] * S / a.bk_merge)
    # Background streams: the model's fraction of shared sources between two cells (160 of 2000).
    nbk = round(MODEL_NBK / a.bk_merge)
    tstop = a.leadin + a.laps * lap_ms
    # Cue centres: the model's, lap by lap, of the laps whose cue falls in the stretch.
    cue_laps = [(n + 1, c) for n, c in enumerate(MODEL_CUE_CENTRES) if x0 + 1 <= c <= x1 - 1]
    if not cue_laps:
        cue_laps = [(0, (x0 + x1) / 2)]
    cue_laps = [cue_laps[j % len(cue_laps)] for j in range(a.laps)]
    cue_centres = [c for _, c in cue_laps]
    ru_model = nmda_mean_efficacy(BK_RATE)
    ru_merged = nmda_mean_efficacy(BK_RATE * a.bk_merge)
    bk_nmda_factor = ru_model / ru_merged

    def xpos(i, n):
        """Cell i of n spread evenly over the stretch (cm on the model's track)."""
        return x0 + track * (i + 0.5) / n

    # Place and cue cells [7.1]: 20 % cue, drawn at random.
    ncue = round((1 - FRAC_PLACE) * npyr)
    cue = set(rng.sample(npyr, ncue))
    kind = ["cue" if i in cue else "place" for i in range(npyr)]

    pyr = [f"p{i}" for i in range(npyr)]
    pv = [f"b{i}" for i in range(npv)]
    mf = [f"mf{k}" for k in range(nmf)]
    mec = [f"mec{k}" for k in range(nmec)]
    lec = [f"lec{k}" for k in range(nlec)]
    bk = [f"bk{k}" for k in range(nbk)]

    # ---------------------------------------------------------------------------------------------
    # Rate functions [3.3, 3.4]
    # ---------------------------------------------------------------------------------------------
    step = a.rate_step

    def lap_pieces(rate_at_x_of_lap):
        """(times, rates): lead-in at 2 Hz, then per lap the map sampled at piece centres."""
        times, rates = [0.0], [LEADIN_RATE]
        nstep = int(round(lap_ms / step))
        for lap in range(a.laps):
            t0 = a.leadin + lap * lap_ms
            for s in range(nstep):
                x = x0 + SPEED * ((s + 0.5) * step) / 1000.0
                r = sig(max(FLOOR, rate_at_x_of_lap(lap, x)))
                if r != rates[-1]:
                    times.append(round(t0 + s * step, 6))
                    rates.append(r)
        return times, rates

    def mf_rate(c):
        return lambda lap, x: field(c, x)

    def mec_rate(c):
        centres = [c]
        k = 1
        while c - k * GRID_GAP >= 0:
            centres.append(c - k * GRID_GAP)
            k += 1
        k = 1
        while c + k * GRID_GAP <= MODEL_TRACK - 0.1:
            centres.append(c + k * GRID_GAP)
            k += 1
        return lambda lap, x: sum(field(cc, x) for cc in centres)

    def lec_rate(lap, x):
        return field(cue_centres[lap], x)

    # ---------------------------------------------------------------------------------------------
    # Connectivity [7.2-7.4] and synapses [6.1-6.3]
    # ---------------------------------------------------------------------------------------------
    synapses = {}     # name -> (cell, section, type, params); insertion order = creation order
    netcons = []      # (projection, source, target, weights)
    indegree = {}     # projection -> {target index: connections (before merging)}

    def stdp_params(proj, w, ws):
        p = PROJ[proj]
        wmax_scaler = p.get("wmax_scaler", STDP_DEFAULT["wmax_scaler"] * ws)
        return {"p": p.get("potentiation", STDP_DEFAULT["potentiation"]) / S,
                "d": p.get("depression", STDP_DEFAULT["depression"]) / S,
                "ptau": p.get("ptau", STDP_DEFAULT["ptau"]), "dtau": p.get("dtau", STDP_DEFAULT["dtau"]),
                "thresh": STDP_DEFAULT["thresh"], "wmax": wmax_scaler * w}

    def synapse(cell, sec, srcpop, typ, proj, w, ws, is_pyr):
        """The shared point process of (cell, type, section, source population); created by the
        first connection, which sets its parameters [6.1]."""
        name = f"{cell}_{sec}_{srcpop}_{typ.lower()}"
        if name in synapses:
            return name
        if typ == "NMDA":
            params = dict(NMDA_PYR)
            kind_ = "NMDA"
        else:
            if is_pyr and sec in PYR_TAU2:
                tau = (0.5, PYR_TAU2[sec], 0.0)
            else:
                tau = PROJ[proj]["tau"]
            params = {"tau1": tau[0], "tau2": tau[1], "e": tau[2]}
            kind_ = "Exp2Syn"
            if typ == "STDPE2":
                params.update(stdp_params(proj, w, ws))
                kind_ = "STDPE2"
        synapses[name] = (cell, sec, kind_, params)
        return name

    def connect(proj, srcpop, src, cell, is_pyr, sec, w, ws, nmda_w=None):
        for typ in PROJ[proj]["types"]:
            target = synapse(cell, sec, srcpop, typ, proj, w, ws, is_pyr)
            ww = w if typ != "NMDA" or nmda_w is None else nmda_w
            if typ == "STDPE2":
                wmax = synapses[target][3]["wmax"]
                a0 = float(f"{min(max(0.0, (trained.get(proj, 1.0) - 1.0) * ww), max(0.0, wmax - ww)):.12g}")
                netcons.append((proj, src, target, [ww, a0]))
            else:
                netcons.append((proj, src, target, [ww]))

    def spatial_adjacency(nsrc, nsrc_model, alpha, indeg, autapse_free, reduce_for):
        """{target: [sources]} for the pyramidal targets: the model's Gaussian kernel over distance
        along the track, without replacement [7.2]. The model draws k = indeg x scale sources
        from the whole track; the stretch keeps the ones inside it: k x (the kernel's share inside)."""
        adj = {}
        model_src = [MODEL_TRACK * s / (nsrc_model - 1) for s in range(nsrc_model)]
        for d in range(npyr):
            xd = xpos(d, npyr)

            def kern(xs):
                return math.exp(-(((xd - xs) / MODEL_TRACK) ** 2) / alpha)

            inside = sum(kern(xs) for xs in model_src if x0 <= xs < x1)
            share = inside / sum(kern(xs) for xs in model_src)
            k = int(indeg * S)
            if reduce_for(d) and (xd / MODEL_TRACK < EDGE or xd / MODEL_TRACK > 1 - EDGE):
                k = int(0.75 * k)
            w = [kern(xpos(s, nsrc)) for s in range(nsrc)]
            if autapse_free:
                w[d] = 0.0
            adj[d] = rng.sample_without_replacement(w, round(k * share))
        return adj

    def random_adjacency(nsrc, indeg, ntarget, share=1.0):
        """Uniform, with replacement [7.2]; from a population of the stretch onto one that spans the
        whole track (PV), only the share of draws that falls in the stretch."""
        k = round(indeg * S * share)
        return {d: [rng.randint(nsrc) for _ in range(k)] for d in range(ntarget)}

    def sections(proj, n):
        secs = PROJ[proj]["secs"]
        return [secs[rng.randint(len(secs))] for _ in range(n)]

    def build(proj, srcpop, srcnames, adj, dst, is_pyr, weight_of, merge_static, nmda_w_of=None):
        """NetCons in the model's loop order (source index, then target index); section draws per
        (source, target) pair. Static Exp2Syn connections of the same source to the same synapse
        are merged into one NetCon of summed weight (exact for a linear synapse)."""
        pairs = {}
        for d, srcs in adj.items():
            for s in srcs:
                pairs[(s, d)] = pairs.get((s, d), 0) + 1
        merged = {}
        for (s, d) in sorted(pairs):
            ws, w = weight_of(s, d)
            if w == 0:
                continue   # zero-weight connections (segs design): omitted, they never act
            indegree.setdefault(proj, {}).setdefault(d, 0)
            indegree[proj][d] += pairs[(s, d)]
            for sec in sections(proj, pairs[(s, d)]):
                if merge_static:
                    key = (s, d, sec)
                    merged[key] = merged.get(key, 0) + 1
                else:
                    connect(proj, srcpop, srcnames[s], dst[d], is_pyr, sec, w, ws,
                            nmda_w_of(s, d) if nmda_w_of else None)
        for (s, d, sec), n in sorted(merged.items()):
            ws, w = weight_of(s, d)
            connect(proj, srcpop, srcnames[s], dst[d], is_pyr, sec, n * w, ws)

    def w0(proj):
        return (PROJ[proj]["weight1"] / S if S > 1 else PROJ[proj]["weight1"]) * gains.get(proj, 1.0)

    site = {}
    for c in pyr:
        site[c] = f"{{cell: {c}, section: axon, x: 0.5}}"
    for c in pv:
        site[c] = f"{{cell: {c}, section: soma, x: 0.5}}"
    pyr_share = npyr / MODEL_NPYR   # of the model's pyramidal cells, those in the stretch
    ext_share = track / MODEL_TRACK  # of the MF and MEC inputs, those in the stretch

    # Internal: (0,0) PYR->PYR, (0,1) PYR->PVBC, (1,0) PVBC->PYR, (1,1) PVBC->PVBC
    adj = spatial_adjacency(npyr, MODEL_NPYR, ALPHA_PYR, PROJ["pyr_pyr"]["indeg"], True, lambda d: kind[d] == "place")
    build("pyr_pyr", "pyr", [site[c] for c in pyr], adj, pyr, True,
          lambda s, d: (GRAD["pyr_pyr"][kind[s]], w0("pyr_pyr") * GRAD["pyr_pyr"][kind[s]]), False)
    adj = random_adjacency(npyr, PROJ["pyr_pvbc"]["indeg"], npv, pyr_share)
    build("pyr_pvbc", "pyr", [site[c] for c in pyr], adj, pv, False, lambda s, d: (1.0, w0("pyr_pvbc")), True)
    adj = random_adjacency(npv, PROJ["pvbc_pyr"]["indeg"], npyr)
    build("pvbc_pyr", "pvbc", [site[c] for c in pv], adj, pyr, True, lambda s, d: (1.0, w0("pvbc_pyr")), False)
    adj = random_adjacency(npv, PROJ["pvbc_pvbc"]["indeg"], npv)
    build("pvbc_pvbc", "pvbc", [site[c] for c in pv], adj, pv, False, lambda s, d: (1.0, w0("pvbc_pvbc")), True)

    # External: MF, MEC, LEC, Bk; targets PYR then PVBC.
    def ext_w(proj):
        return lambda s, d: (GRAD[proj][kind[d]], w0(proj) * GRAD[proj][kind[d]])

    adj = spatial_adjacency(nmf, MODEL_NMF, ALPHA_EXT, PROJ["mf_pyr"]["indeg"], False, lambda d: True)
    build("mf_pyr", "mf", mf, adj, pyr, True, ext_w("mf_pyr"), False)
    adj = random_adjacency(nmf, PROJ["mf_pvbc"]["indeg"], npv, ext_share)
    build("mf_pvbc", "mf", mf, adj, pv, False, lambda s, d: (1.0, w0("mf_pvbc")), True)
    adj = spatial_adjacency(nmec, MODEL_NMEC, ALPHA_EXT, PROJ["mec_pyr"]["indeg"], False, lambda d: True)
    build("mec_pyr", "mec", mec, adj, pyr, True, ext_w("mec_pyr"), False)
    adj = random_adjacency(nmec, PROJ["mec_pvbc"]["indeg"], npv, ext_share)
    build("mec_pvbc", "mec", mec, adj, pv, False, lambda s, d: (1.0, w0("mec_pvbc")), True)
    adj = random_adjacency(nlec, PROJ["lec_pyr"]["indeg"], npyr)
    build("lec_pyr", "lec", lec, adj, pyr, True, ext_w("lec_pyr"), False)
    adj = random_adjacency(nlec, PROJ["lec_pvbc"]["indeg"], npv)
    build("lec_pvbc", "lec", lec, adj, pv, False, lambda s, d: (1.0, w0("lec_pvbc")), True)
    adj = {d: [rng.randint(nbk) for _ in range(bk_indeg)] for d in range(npyr)}
    build("bk_pyr", "bk", bk, adj, pyr, True, lambda s, d: (1.0, w0("bk_pyr")), False,
          nmda_w_of=lambda s, d: float(f"{w0('bk_pyr') * bk_nmda_factor:.6g}"))

    # ---------------------------------------------------------------------------------------------
    # Output
    # ---------------------------------------------------------------------------------------------
    counts = {}
    for proj, _, _, _ in netcons:
        counts[proj] = counts.get(proj, 0) + 1
    model_indeg = {"pyr_pyr": 20, "pyr_pvbc": 140, "pvbc_pyr": 20, "pvbc_pvbc": 4, "mf_pyr": 32, "mf_pvbc": 840,
                   "mec_pyr": 20, "mec_pvbc": 8, "lec_pyr": 20, "lec_pvbc": 8, "bk_pyr": 160}
    model_indeg = {k: round(v * S / 2) for k, v in model_indeg.items()}
    rows = []
    for proj, n in counts.items():
        deg = list(indegree.get(proj, {}).values())
        ntarget = len(deg)
        lo, hi = (min(deg), max(deg)) if deg else (0, 0)
        rng_ = f"{lo}" if lo == hi else f"{lo}-{hi}"
        types = "+".join("STDPE2" if t == "STDPE2" else "NMDA" if t == "NMDA" else f"Exp2Syn ({t})"
                         for t in PROJ[proj]["types"])
        note = " (merged streams)" if proj == "bk_pyr" else ""
        rows.append(f"#   {proj:10s} {n:5d}  {types:22s} {ntarget:2d} targets, {rng_:>7s} connections each"
                    f" (model {model_indeg[proj]}){note}")
    def changed_text():
        parts = [f"{k} starts trained, at an efficacy w + A = {g(v)} w (A = {g(v - 1)} w, below wmax,"
                 " so STDP can still raise it)" for k, v in trained.items() if v != 1]
        parts += [f"{k} weights (and wmax) x {g(v)}" for k, v in gains.items() if v != 1]
        text = ("Changed from the model, so that a few laps show place fields: "
                + ("; ".join(parts) if parts else "nothing") + ". In the model every A starts at 0 and"
                " place fields form over 25 laps of STDP; started like that, this network's place cells sit"
                " near -45 mV under the background and fire ~0.1 Hz. Everything else, PYR->PYR included,"
                " starts untrained and learns during the run (--save-weights writes the final w and A).")
        return "\n".join(textwrap.wrap(text, 98, initial_indent="# ", subsequent_indent="# "))

    out = []
    emit = out.append
    header = HEADER.format(
        npyr=npyr, npv=npv, ncue=ncue, track=g(track), x0=g(x0), x1=g(x1), lap=g(lap_ms), laps=a.laps,
        leadin=g(a.leadin), tstop=g(tstop), scale=g(S), nmf=nmf, nmec=nmec, nlec=nlec, nbk=nbk, bkm=a.bk_merge,
        bkin=bk_indeg, bkrate=g(BK_RATE * a.bk_merge), bkf=f"{bk_nmda_factor:.3f}", rum=f"{ru_model:.3f}",
        rumm=f"{ru_merged:.3f}", seed=a.seed, step=g(step),
        cues=", ".join(f"{c:.1f} cm (model lap {n})" for n, c in cue_laps),
        cmd=" ".join(["python3", "examples/make_ca3_quick.py"] + sys.argv[1:]),
        ncells=npyr + npv, nsyn=len(synapses), nnc=len(netcons), ngen=nmf + nmec + nlec + nbk,
        counts="\n".join(rows), changed=changed_text(),
        pyrpv=round(PROJ["pyr_pvbc"]["indeg"] * S * pyr_share), mfpv=round(PROJ["mf_pvbc"]["indeg"] * S * ext_share),
        mecpv=round(PROJ["mec_pvbc"]["indeg"] * S * ext_share))
    emit(header.rstrip("\n"))
    emit("name: ca3_quick")
    emit("description: >")
    desc = (f"Scaled-down CA3 replay model (Liao et al. 2024, shared/reference/MODEL.md): {npyr} CA3 pyramidal"
            f" cells ({npyr - ncue} place, {ncue} cue) and {npv} PV basket cells from the cell templates, plastic"
            " STDPE2 and NMDA synapses as in the baseline configuration, Poisson place, grid, cue and background"
            f" inputs for {a.laps} runs through a {g(track)} cm stretch of the track at 30 cm/s.")
    for line in textwrap.wrap(desc, 98):
        emit("  " + line)
    emit(f"simulation: {{celsius: 37, v_init: -65, dt: 0.025, tstop: {g(tstop)}, secondorder: 0}}")
    emit("mechanisms:")
    for m in PYR_MECHS + PV_MECHS + ["STDPE2", "NMDA"]:
        emit(f"  - ../models/mechanisms/ca3/{m}.mod")
    emit("globals: {hd_CA3: {ehd: -30}}   # the model's value (hd_CA3's default)")

    emit("cells:   # gids 0.. in this order; field centres in cm on the model's 200 cm track")
    for i, c in enumerate(pyr):
        emit(f"  - {{name: {c}, template: ../models/cells/ca3_pyramidal.yaml}}   # {kind[i]}"
             + (f", x = {xpos(i, npyr):.2f} cm" if kind[i] == "place" else ""))
    for c in pv:
        emit(f"  - {{name: {c}, template: ../models/cells/pv_basket.yaml}}")

    emit("point_processes:   # one per (cell, section, synapse type, source population), at section(0.5)")
    for name, (cell, sec, typ, params) in synapses.items():
        ps = ", ".join(f"{k}: {g(v)}" for k, v in params.items())
        emit(f"  - {{name: {name}, cell: {cell}, section: {sec}, x: 0.5, type: {typ}, params: {{{ps}}}}}")

    emit("generators:   # Poisson; each its own Random123 stream, keyed by the seed and its gid")

    def emit_poisson(name, times, rates, anchor=None):
        tt = ", ".join(g(t) for t in times)
        rr = ", ".join(g(r) for r in rates)
        amp = f"&{anchor} " if anchor else ""
        emit(f"  - name: {name}")
        emit(f"    poisson: {amp}{{seed: {a.seed}, stop: {g(tstop)},")
        emit(f"      rate_times: [{tt}],")
        emit(f"      rates: [{rr}]}}")

    emit(f"  # MF place inputs: field centres {xpos(0, nmf):.2f} .. {xpos(nmf - 1, nmf):.2f} cm, peak 20 Hz, D 25 cm,"
         " floor 0.1 Hz")
    for k, n in enumerate(mf):
        emit_poisson(n, *lap_pieces(mf_rate(xpos(k, nmf))))
    emit(f"  # MEC grid inputs: centres {xpos(0, nmec):.2f} .. {xpos(nmec - 1, nmec):.2f} cm, grid gap 50 cm"
         " (the other fields are off the stretch)")
    for k, n in enumerate(mec):
        emit_poisson(n, *lap_pieces(mec_rate(xpos(k, nmec))))
    emit(f"  # LEC cue inputs: all carry the same cue field, at {', '.join(f'{c:.1f}' for c in cue_centres)} cm"
         f" in laps 1..{a.laps}")
    lt, lr = lap_pieces(lec_rate)
    emit_poisson(lec[0], lt, lr, anchor="lec")
    for n in lec[1:]:
        emit(f"  - {{name: {n}, poisson: *lec}}")
    emit(f"  # background: {nbk} streams of {g(BK_RATE * a.bk_merge)} Hz ({a.bk_merge} merged 3 Hz inputs each),"
         f" {g(LEADIN_RATE * a.bk_merge)} Hz in the lead-in")
    emit(f"  - {{name: {bk[0]}, poisson: &bk {{seed: {a.seed}, stop: {g(tstop)},"
         f" rate_times: [0, {g(a.leadin)}], rates: [{g(LEADIN_RATE * a.bk_merge)}, {g(BK_RATE * a.bk_merge)}]}}}}")
    for n in bk[1:]:
        emit(f"  - {{name: {n}, poisson: *bk}}")

    emit("netcons:   # delay 1 ms; sources: pyramidal axon(0.5), PV soma(0.5), threshold 10 mV (the default)")
    last = None
    for proj, src, target, w in netcons:
        if proj != last:
            emit(f"  # {proj}: {counts[proj]} NetCons")
            last = proj
        ws = ", ".join(g(x) for x in w)
        emit(f"  - {{source: {src}, target: {target}, weight: [{ws}], delay: 1, projection: {proj}}}")

    emit("record:")
    emit("  interval: 0.5")
    emit("  traces:")
    place_idx = [i for i in range(npyr) if kind[i] == "place"]
    show = [place_idx[round(q * (len(place_idx) - 1))] for q in (0.1, 0.5, 0.9)] if place_idx else []
    show += [i for i in range(npyr) if kind[i] == "cue"][:1]
    for i in sorted(set(show)):
        emit(f"    - {{cell: {pyr[i]}, section: soma, x: 0.5, var: v}}")
    for c in pv[:2]:
        emit(f"    - {{cell: {c}, section: soma, x: 0.5, var: v}}")
    emit("  spikes:")
    for c in pyr:
        emit(f"    - {{name: {c}, cell: {c}, section: axon, x: 0.5, threshold: 10}}")
    for c in pv:
        emit(f"    - {{name: {c}, cell: {c}, section: soma, x: 0.5, threshold: 10}}")
    sys.stdout.write("\n".join(out) + "\n")


HEADER = """\
# ca3_quick: a scaled-down CA3 replay-model network (Liao et al., Nat Neurosci 2024;
# shared/reference/MODEL.md). GENERATED -- do not edit; regenerate with
#   {cmd} > examples/ca3_quick.yaml
# Run:  cornu simulate examples/ca3_quick.yaml -o /tmp/ca3q        (examples/README.md)
#
# {ncells} cells ({npyr} CA3 pyramidal, {ncue} of them cue cells; {npv} PV basket), {nsyn} synapse point processes,
# {ngen} Poisson generators ({nmf} MF, {nmec} MEC, {nlec} LEC, {nbk} background) and {nnc} NetCons:
#   projection NetCons synapse                 connections per target cell (the model's in-degree)
{counts}
# 37 degC, dt 0.025 ms, v_init -65 mV; {tstop} ms: a {leadin} ms lead-in at 2 Hz, then {laps} laps of {lap} ms.
# Recorded every 0.5 ms: soma v of four pyramidal cells (three place, one cue) and two PV cells;
# the spikes of every cell.
#
# The idea: this is the model's network cut down to a {track} cm stretch ({x0}-{x1} cm) of its 200 cm
# track, at the model's density of cells and inputs (260 pyramidal cells, 400 MF, 200 MEC per
# 200 cm), and the mouse runs through that stretch at the model's 30 cm/s, lap after lap (a lap
# is {lap} ms instead of 6667 ms). Field size and speed are the model's, so a field is crossed in
# ~0.3 s and ~13 pyramidal cells are in their field at a time, as in the model.
#
# As in the model:
#  - cells: the templates models/cells/ca3_pyramidal.yaml (type B) and pv_basket.yaml (MODEL.md
#    4.1, 4.2); spike detectors at pyramidal axon(0.5) and PV soma(0.5), +10 mV; every delay 1 ms.
#  - synapses (6.1-6.3): one point process per (cell, type, section, source population) at
#    section(0.5), its parameters set by the first connection built on it (the model's loop
#    order); PYR->PYR, PVBC->PYR, MF->PYR, MEC->PYR and LEC->PYR plastic STDPE2 (p = potentiation
#    / scale, ptau, thresh -10 mV, wmax = wmax_scaler x the first connection's w) with an NMDA
#    companion (tcon 2.3, tcoff 100 ms, gNMDAmax 1, weight w) on every excitatory projection onto
#    PYR; PYR/MF/MEC/LEC->PVBC AMPA and PVBC->PVBC GABAA (Exp2Syn); tau1/tau2/E from the
#    pyramidal cell's per-section table or the config; sections drawn from the projection's list.
#  - weights and in-degrees of the baseline config (circuitparams_segs_eegrad_stdp_ee_ie_mf_mec_lec,
#    MODEL.md 2.3) at the paper's scale {scale} (in-degree x scale, weight / scale), with its segs/eegrad
#    weight scales: place cells get MF and MEC input, cue cells LEC input, PYR->PYR from a cue
#    cell x 0.3. Spatial projections (PYR->PYR, MF/MEC->PYR) use the model's Gaussian distance
#    kernels, without replacement and without autapses; the others are uniform with replacement.
#  - inputs (3.3, 3.4): Gaussian fields of diameter 25 cm, peak 20 Hz, floor 0.1 Hz; a lead-in at
#    2 Hz; background 3 Hz per model input. Every LEC input carries the same cue field, which
#    moves from lap to lap; here the cue centres of the model's laps that fall in the stretch:
#    {cues}.
#
# Scaled, and why:
#  - only connections from cells in the stretch are kept: cells elsewhere on the track are out of
#    field while the mouse is here. A pyramidal cell keeps the model's in-degree times the share
#    of its distance kernel that lies in the stretch (all of MF and MEC in the middle, ~60 % of
#    PYR->PYR); a PV cell, which samples the whole track uniformly, keeps the share of its inputs
#    that lie in the stretch (PYR->PVBC {pyrpv} of 140, MF->PVBC {mfpv} of 840, MEC->PVBC {mecpv} of 8). Inputs
#    that do not depend on position keep the model's in-degree. {npv} PV basket cells stand for the
#    model's 30, so one PV cell makes several connections onto a pyramidal cell.
#  - connections of weight 0 are left out (MF/MEC onto cue cells and LEC onto place cells: the
#    segs design gives them weight 0 and STDP keeps them at 0). Static Exp2Syn connections of one
#    source onto one synapse are merged into one NetCon of the summed weight (exact: the synapse
#    is linear).
#  - background: a pyramidal cell's 160 inputs of 3 Hz are {bkin} Poisson streams of {bkrate} Hz ({bkm}
#    merged: the same total rate and AMPA drive) drawn from {nbk} streams (the model's share of
#    sources common to two cells); the NMDA weight of a merged stream is x {bkf}, the ratio of
#    NMDA.mod's mean short-term-plasticity efficacy R*u at 3 Hz ({rum}) and at {bkrate} Hz ({rumm}),
#    so the mean NMDA drive is the model's.
#  - the lead-in is {leadin} ms (the model's is 500 ms). Spike trains are continuous-time Poisson
#    processes on piecewise-constant rates ({step} ms pieces), without the model's 3 ms
#    refractoriness and 0.1 ms grid, and reproducible (seed {seed}; one stream per generator gid)
#    where the model's are not (MODEL.md 3.4).
#  - not modelled: the 10 unconnected septal cells, the ripple (offline) phase.
#
{changed}
"""

if __name__ == "__main__":
    main()

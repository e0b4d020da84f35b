TITLE STDPE2ASYM   dual-exponential synapse with asymmetric STDP

: STDPE2ASYM - the asymmetric variant of STDPE2 in the Liao et al. (2024) CA3 model (original file
: STDPE2_asym.mod; no configuration of the paper uses it). Written from reference/MODEL.md
: section 5.3: the same structure as STDPE2 (see STDPE2.mod), except that
: - a presynaptic event depresses: if on = 1, A -= p*exp((tpost - t)/dtau) (p, not d, as in the
:   original), and if w + A < 0 then A = -w (w + A is floored at 0);
: - a postsynaptic spike potentiates as in STDPE2: A1 += p*exp((tpre1 - t)/ptau), capped at
:   wmax - w1;
: - `on` is an ASSIGNED variable set to 1 in INITIAL.
: The flag-3 event sent by INITIAL has no handler, and d, wmin, gbint, gblen, gscale are unused,
: as in STDPE2.
:
: Choices where MODEL.md is silent: as in STDPE2 (Hines/Graham defaults, cap test w1 + A1 >= wmax).

NEURON {
    POINT_PROCESS STDPE2ASYM
    RANGE tau1, tau2, e, i, d, p, dtau, ptau, thresh, wmax, wmin
    RANGE g, gbdel, gblen, gbint, gscale
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau1 = 0.1 (ms) <1e-9,1e9>
    tau2 = 10 (ms) <1e-9,1e9>
    e = 0 (mV)
    wmax = 0 (uS)
    wmin = 0 (uS)                   : unused
    d = 0 <0,1>                     : unused
    p = 0.5 (uS)                    : size of a potentiation/depression step
    dtau = 34 (ms)                  : depression window
    ptau = 17 (ms)                  : potentiation window
    thresh = -20 (mV)
    gbdel = 100 (ms) <1e-9,1e9>
    gbint = 100 (ms) <1e-9,1e9>     : unused
    gblen = 100 (ms) <1e-9,1e9>     : unused
    gscale = 0.1                    : unused
}

ASSIGNED {
    v (mV)
    i (nA)
    tpost (ms)
    on
    g (uS)
    gs
    factor
}

STATE {
    C (uS)
    B (uS)
}

INITIAL {
    LOCAL tp
    if (tau1/tau2 > .9999) {
        tau1 = .9999*tau2
    }
    C = 0
    B = 0
    tp = (tau1*tau2)/(tau2 - tau1) * log(tau2/tau1)
    factor = -exp(-tp/tau1) + exp(-tp/tau2)
    factor = 1/factor
    gs = 1
    on = 1
    tpost = -1e9
    net_send(0, 1)
    net_send(gbdel, 3)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    g = B - C
    i = g*gs*(v - e)
}

DERIVATIVE states {
    C' = -C/tau1
    B' = -B/tau2
}

NET_RECEIVE(w (uS), A (uS), tpre (ms)) {
    INITIAL {
        tpre = -1e9
    }
    if (flag == 0) {
        : presynaptic event: depress
        C = C + (w + A)*factor
        B = B + (w + A)*factor
        tpre = t
        if (on == 1) {
            A = A - p*exp((tpost - t)/dtau)
            if (w + A < 0) {
                A = -w
            }
        }
    } else if (flag == 2 && on == 1) {
        : postsynaptic spike: potentiate
        tpost = t
        FOR_NETCONS(w1, A1, tpre1) {
            A1 = A1 + p*exp((tpre1 - t)/ptau)
            if (w1 + A1 >= wmax) {
                A1 = wmax - w1
            }
        }
    } else if (flag == 1) {
        WATCH (v > thresh) 2
    }
}

TITLE STDPE2   dual-exponential synapse with symmetric, potentiation-only STDP

: STDPE2 - plastic excitatory/inhibitory synapse of the Liao et al. (2024) CA3 model (original file
: STDPE2.mod, after the dual-exponential STDP synapse of M. Hines and B. P. Graham). Written from
: reference/MODEL.md sections 5.3 and 6.2.
:
: Conductance: C' = -C/tau1, B' = -B/tau2 (cnexp), g = B - C, i = g*gs*(v - e) with gs = 1.
: factor normalises an event to a peak conductance equal to its weight, as in Exp2Syn (tau1 is
: capped at 0.9999*tau2 first).
: Plasticity, per NetCon, in its weight vector NET_RECEIVE(w, A, tpre): the efficacy of a
: presynaptic event is w + A (read before the event's own update); A only grows, with a hard bound
: w + A <= wmax:
: - flag 0 (presynaptic event): C and B += (w + A)*factor; tpre = t; if on = 1,
:   A += p*exp((tpost - t)/ptau), and if w + A >= wmax then A = wmax - w.
: - flag 2 (postsynaptic spike: the synapse's own v crossing thresh upwards, from WATCH), if on = 1:
:   tpost = t; for every NetCon of this synapse (FOR_NETCONS), A1 += p*exp((tpre1 - t)/ptau), and
:   if w1 + A1 >= wmax then A1 = wmax - w1.
: - flag 1 (sent by INITIAL): arm WATCH (v > thresh) 2.
: INITIAL: C = B = 0, tpost = -1e9, net_send(0, 1), net_send(gbdel, 3). NET_RECEIVE INITIAL sets
: only tpre = -1e9, so w and A persist across initialisations.
: Quirks kept on purpose (MODEL.md flags them): the flag-3 event sent by INITIAL has no handler (it
: arrives at gbdel = 100 ms and does nothing); d, dtau, wmin, gbint, gblen and gscale are
: parameters nothing uses.
:
: Choices where MODEL.md is silent: `on` is a GLOBAL parameter with default 1 (plasticity on; the
: original's on/off gating by flag 3 is gone); parameter defaults are those of the Hines/Graham
: file (tau1 0.1 ms, tau2 10 ms, e 0 mV, wmax 0, wmin 0, d 0, p 0.5, dtau 34 ms, ptau 17 ms,
: thresh -20 mV, gbdel/gbint/gblen 100 ms, gscale 0.1); the model sets tau1, tau2, e, p, ptau,
: thresh and wmax for every synapse.

NEURON {
    POINT_PROCESS STDPE2
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
    tau1 = 0.1 (ms) <1e-9,1e9>      : rise time constant
    tau2 = 10 (ms) <1e-9,1e9>       : decay time constant
    e = 0 (mV)                      : reversal potential
    wmax = 0 (uS)                   : bound on w + A
    wmin = 0 (uS)                   : unused
    d = 0 <0,1>                     : unused (depression)
    p = 0.5 (uS)                    : potentiation step
    dtau = 34 (ms)                  : unused (depression window)
    ptau = 17 (ms)                  : potentiation window
    thresh = -20 (mV)               : postsynaptic spike threshold (local v)
    gbdel = 100 (ms) <1e-9,1e9>     : delay of the (unhandled) flag-3 event
    gbint = 100 (ms) <1e-9,1e9>     : unused
    gblen = 100 (ms) <1e-9,1e9>     : unused
    gscale = 0.1                    : unused
    on = 1                          : 1 = plasticity on
}

ASSIGNED {
    v (mV)
    i (nA)
    tpost (ms)
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
        : presynaptic event
        C = C + (w + A)*factor
        B = B + (w + A)*factor
        tpre = t
        if (on == 1) {
            A = A + p*exp((tpost - t)/ptau)
            if (w + A >= wmax) {
                A = wmax - w
            }
        }
    } else if (flag == 2 && on == 1) {
        : postsynaptic spike
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

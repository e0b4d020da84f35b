: NetStim - artificial cell that emits a train of `number` events, the first near `start`, then
: every `interval` ms, regular (noise = 0) or partly Poisson (0 < noise <= 1)
: (NEURON's standard ARTIFICIAL_CELL NetStim).
:
: Behaviour (Z. Mainen, A. Destexhe; event-driven form by M. Hines, as in NEURON 8.2):
: - INITIAL clamps noise to [0, 1]; if start >= 0 and number > 0 the cell is on and sends itself
:   a flag-3 event at start + invl(interval) - interval*(1 - noise) (not earlier than 0).
: - flag 3: (if still on) restart the count and send a flag-1 event at once.
: - flag 1: (if on) count the spike, net_event(t), draw the next interval; stop after `number`
:   spikes, otherwise send the next flag-1 event after that interval.
: - flag 0 (an event from a NetCon): weight > 0 while off starts a new sequence, whose first
:   spike comes after invl(interval) - interval*(1 - noise); weight < 0 switches the cell off.
: - invl(m) = m when noise = 0, else (1 - noise)*m + noise*m*erand(), with erand() an exponential
:   deviate of mean 1; m <= 0 is replaced by 0.01 ms.
: Names, defaults (interval 10 ms, number 10, start 50 ms, noise 0) and units are NEURON 8.2's,
: and so are the arithmetic and the order of the event logic, so with noise = 0 the event times
: are bit for bit NEURON's (e.g. the first one is (start + interval) - interval).
:
: Deliberate differences from NEURON's file: NEURON draws erand() from a stream chosen through
: VERBATIM C (noiseFromRandom/noiseFromRandom123, else the global scop generator). Here erand()
: is the built-in exprand(1), which cornu backs with a Random123 stream of its own per instance,
: so with noise > 0 the trains are not NEURON's draws. The hoc-only helpers seed(),
: noiseFromRandom(), noiseFromRandom123() and bbsavestate() are left out.

NEURON {
    ARTIFICIAL_CELL NetStim
    RANGE interval, number, start
    RANGE noise
    THREADSAFE   : every instance draws from its own stream
}

PARAMETER {
    interval = 10 (ms) <1e-9,1e9>   : mean time between spikes
    number = 10 <0,1e9>             : number of spikes (whatever the noise)
    start = 50 (ms)                 : (mean) time of the first spike
    noise = 0 <0,1>                 : 0 regular ... 1 Poisson
}

ASSIGNED {
    event (ms)  : delay to the next self-event
    on          : 1 while a sequence is running
    ispike      : spikes emitted in this sequence
}

INITIAL {
    on = 0
    ispike = 0
    if (noise < 0) {
        noise = 0
    }
    if (noise > 1) {
        noise = 1
    }
    if (start >= 0 && number > 0) {
        on = 1
        : the first spike falls on average at start + noise*interval, but never before 0
        event = start + invl(interval) - interval*(1. - noise)
        if (event < 0) {
            event = 0
        }
        net_send(event, 3)
    }
}

PROCEDURE init_sequence(t0 (ms)) {
    if (number > 0) {
        on = 1
        event = 0
        ispike = 0
    }
}

FUNCTION invl(mean (ms)) (ms) {
    if (mean <= 0.) {
        mean = .01 (ms)
    }
    if (noise == 0) {
        invl = mean
    } else {
        invl = (1. - noise)*mean + noise*mean*erand()
    }
}

FUNCTION erand() {
    erand = exprand(1)
}

PROCEDURE next_invl() {
    if (number > 0) {
        event = invl(interval)
    }
    if (ispike >= number) {
        on = 0
    }
}

NET_RECEIVE (w) {
    if (flag == 0) {
        : an event from outside: switch on (if off) or off
        if (w > 0 && on == 0) {
            init_sequence(t)
            next_invl()
            event = event - interval*(1. - noise)
            net_send(event, 1)
        } else if (w < 0) {
            on = 0
        }
    }
    if (flag == 3) {
        : the start of the sequence planned by INITIAL, unless switched off since
        if (on == 1) {
            init_sequence(t)
            net_send(0, 1)
        }
    }
    if (flag == 1 && on == 1) {
        ispike = ispike + 1
        net_event(t)
        next_invl()
        if (on == 1) {
            net_send(event, 1)
        }
    }
}

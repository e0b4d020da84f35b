: BREAKPOINT's closing brace is missing; the DERIVATIVE keyword shows it.
NEURON { SUFFIX syn_missing_closing_brace_block }
STATE { m }
BREAKPOINT {
    SOLVE states METHOD cnexp

DERIVATIVE states {
    m' = -m
}

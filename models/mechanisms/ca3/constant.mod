TITLE constant   constant membrane current density

: constant - a fixed current density ic (mA/cm2) through the membrane, used as a bias current in
: the soma of the Liao et al. (2024) CA3 pyramidal cell (original file constant.mod; only the
: log-normal configuration sets ic != 0, see MODEL.md sections 2.5 and 5.1). Positive ic is
: outward (hyperpolarising), like any membrane current; the model uses negative values.
:
: Choices where MODEL.md is silent: ic defaults to 0; there is no INITIAL block (as in the
: original, MODEL.md section 10.1).

NEURON {
    SUFFIX constant
    NONSPECIFIC_CURRENT i
    RANGE i, ic
}

UNITS {
    (mA) = (milliamp)
}

PARAMETER {
    ic = 0 (mA/cm2)
}

ASSIGNED {
    i (mA/cm2)
}

BREAKPOINT {
    i = ic
}

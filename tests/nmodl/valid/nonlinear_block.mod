: Exercises a NONLINEAR block of `~ lhs = rhs` equations, SOLVEd from INITIAL with Newton's
: method: the equilibrium of a cooperative binding reaction.
NEURON {
    SUFFIX nonlinear_block
    RANGE Kd, total
}

PARAMETER {
    Kd = 0.5
    total = 2
}

STATE { free bound }

INITIAL {
    free = total
    bound = 0
    SOLVE equilibrium
}

NONLINEAR equilibrium {
    ~ free*free = Kd*bound
    ~ free + 2*bound = total
}

: Exercises TITLE, a COMMENT ... ENDCOMMENT block (with braces and keywords inside, which must be
: ignored), ':' comments at the end of lines and '?' comments.
TITLE Passive leak: a title line with punctuation (and parentheses)

COMMENT
This text is free: NEURON { SUFFIX nothing } PARAMETER { x = ( } ; "unbalanced
Even ENDVERBATIM-like words and 'quotes' are fine here.
ENDCOMMENT

? an interface comment in the old SCoP style
NEURON {
    SUFFIX title_and_comments   : the mechanism name
    NONSPECIFIC_CURRENT i       ? a question-mark comment
    RANGE g, e
}

PARAMETER {
    g = .001 (S/cm2)   : conductance
    e = -70 (mV)       : reversal potential
}

ASSIGNED {
    v (mV)
    i (mA/cm2)
}

COMMENT multi-word opening line
ENDCOMMENT

BREAKPOINT {
    i = g*(v - e)   : Ohm's law
}

: Exercises printf with a string and a format: a string literal argument (with a colon, braces
: and an escaped newline, which NMODL must keep as text) followed by numeric arguments.
NEURON {
    SUFFIX printf_string
    RANGE g
}

PARAMETER { g = 1 }

ASSIGNED { v (mV) }

INITIAL {
    printf("init: g = %g {at v = %g}\n", g, v)
    printf("done\n")
}

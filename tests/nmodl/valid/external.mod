: Exercises EXTERNAL: a hoc global defined by NEURON itself (`clamp_resist`, a double), read as a
: variable; it is also named in ASSIGNED, which nocmodl needs to know the name (without it,
: nocmodl warns that the name is undefined).
NEURON {
    SUFFIX external
    EXTERNAL clamp_resist
    RANGE r
}

ASSIGNED {
    r
    clamp_resist
}

INITIAL {
    r = clamp_resist
}

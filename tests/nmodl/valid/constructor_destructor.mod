: Exercises CONSTRUCTOR and DESTRUCTOR blocks of a POINT_PROCESS: code run when an instance is
: created and destroyed, here VERBATIM C that counts the live instances in a file-level static.
NEURON {
    POINT_PROCESS constructor_destructor
    RANGE id
}

ASSIGNED { id }

VERBATIM
static int live_instances = 0;
ENDVERBATIM

CONSTRUCTOR {
VERBATIM
    ++live_instances;
ENDVERBATIM
}

DESTRUCTOR {
VERBATIM
    --live_instances;
ENDVERBATIM
}

INITIAL {
VERBATIM
    id = live_instances;
ENDVERBATIM
}

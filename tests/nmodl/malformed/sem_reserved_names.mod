: Names NEURON reserves: a built-in function (exp), an integration method (euler), and a
: PROCEDURE named like a built-in (step).
NEURON { SUFFIX sem_reserved_names }
PARAMETER {
    exp = 1
    euler = 2
}
PROCEDURE step() { }

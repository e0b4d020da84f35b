: A string passed to a FUNCTION (only printf takes strings).
NEURON { SUFFIX sem_string_argument }
ASSIGNED { x }
FUNCTION twice(a) { twice = 2*a }
INITIAL {
    x = twice("3")
}

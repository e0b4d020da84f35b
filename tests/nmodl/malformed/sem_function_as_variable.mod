: A FUNCTION's name used as a variable outside the function.
NEURON { SUFFIX sem_function_as_variable }
ASSIGNED { x }
FUNCTION rate(v) {
    rate = 0.1*v
}
INITIAL {
    x = rate + 1
}

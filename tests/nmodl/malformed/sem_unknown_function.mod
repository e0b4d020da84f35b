: A call of a function that does not exist (epx for exp), and of a misspelt FUNCTION.
NEURON { SUFFIX sem_unknown_function }
ASSIGNED { v x y }
INITIAL {
    x = epx(-v/10)
    y = alpah(v)
}
FUNCTION alpha(v) {
    alpha = 0.1*v
}

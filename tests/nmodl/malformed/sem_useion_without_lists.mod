: USEION naming the ion but neither READ nor WRITE.
NEURON {
    SUFFIX sem_useion_without_lists
    USEION k
}

: Assigning to a DEFINEd name: DEFINE stands for an integer everywhere.
NEURON { SUFFIX sem_assign_define }
DEFINE NSEG 4
ASSIGNED { x }
INITIAL {
    NSEG = 5
    x = NSEG
}

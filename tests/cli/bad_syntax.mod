: A syntax error on line 4: an operator with no right operand.
NEURON { SUFFIX bad }
ASSIGNED { x }
INITIAL { x = 1 + }

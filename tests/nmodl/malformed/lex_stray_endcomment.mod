: ENDCOMMENT without a COMMENT before it (the opening line was deleted).
NEURON { SUFFIX lex_stray_endcomment }
    this text was meant to be a comment
ENDCOMMENT
ASSIGNED { x }

: A COMMENT block that is never closed swallows the rest of the file.
NEURON { SUFFIX lex_unterminated_comment }
ASSIGNED { x }

COMMENT
The next block was meant to be code.
ENDCOMENT

INITIAL { x = 1 }

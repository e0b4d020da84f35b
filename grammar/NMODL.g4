// NMODL: NEURON's MOD language, as NEURON 8.2's translator (nocmodl) accepts it.
//
// The grammar follows nocmodl's yacc grammar (src/nmodl/parse1.ypp) and lexer (lex.lpp) in what it
// accepts, written from their behaviour rather than their text. Where nocmodl decides by lexer
// context (what `~` means inside KINETIC, LINEAR or NONLINEAR blocks) this grammar parses one
// general form and leaves the decision to semantic analysis, which knows the enclosing block.
//
// Statements have no terminators: as in nocmodl, `a = b  c = d` on one line is two statements.
// Units are token sequences inside parentheses; they are kept as text and never enforced.
grammar NMODL;

// ----------------------------------------------------------------------------------------------
// File structure
// ----------------------------------------------------------------------------------------------

file : topItem* EOF ;

topItem
    : TITLE_LINE                                                  # titleItem
    | DEFINE name=IDENT value=INTEGER                             # defineItem
    | INCLUDE path=STRING                                         # includeItem
    | neuronBlock                                                 # neuronItem
    | unitsBlock                                                  # unitsItem
    | parameterBlock                                              # parameterItem
    | constantBlock                                               # constantItem
    | ASSIGNED '{' varDecl* '}'                                   # assignedItem
    | STATE '{' varDecl* '}'                                      # stateItem
    | DEPENDENT '{' varDecl* '}'                                  # dependentItem
    | INDEPENDENT '{' independentDecl* '}'                        # independentItem
    | localDecl                                                   # topLocalItem
    | procBlock                                                   # procItem
    | VERBATIM_BLOCK                                              # verbatimItem
    | unitsToggle                                                 # unitsToggleItem
    ;

// ----------------------------------------------------------------------------------------------
// NEURON block
// ----------------------------------------------------------------------------------------------

neuronBlock : NEURON '{' neuronStmt* '}' ;

neuronStmt
    : kind=(SUFFIX | POINT_PROCESS | ARTIFICIAL_CELL) name=IDENT        # suffixStmt
    | USEION ion=IDENT (READ readList=nameList)? (WRITE writeList=nameList)?
          (VALENCE valence=signedNumber)? represents?                   # useIonStmt
    | kind=(NONSPECIFIC_CURRENT | ELECTRODE_CURRENT | RANGE | GLOBAL | POINTER
           | BBCOREPOINTER | EXTERNAL) nameList                         # nameListStmt
    | THREADSAFE                                                        # threadsafeStmt
    | represents                                                        # representsStmt
    ;

represents : REPRESENTS_ID ;

// nocmodl requires the commas: `RANGE a b` is its syntax error.
nameList : IDENT (',' IDENT)* ;

// ----------------------------------------------------------------------------------------------
// Declaration blocks
// ----------------------------------------------------------------------------------------------

unitsBlock : UNITS '{' unitsStmt* '}' ;

unitsStmt
    : from=unit '=' to=unit                                        # unitAlias
    | name=IDENT '=' number unit                                   # unitValueFactor
    | name=IDENT '=' from=unit ARROW? to=unit                      # unitRatioFactor
    ;

unit : '(' unitPart* ')' ;

// Anything printable but parentheses may appear inside a unit: names, numbers and operators.
unitPart : ~('(' | ')' | '{' | '}' | UNPRINTABLE) ;

parameterBlock : PARAMETER '{' parameterDecl* '}' ;

parameterDecl : IDENT arraySize? ('=' signedNumber)? unit? limits? ;

constantBlock : CONSTANT '{' constantDecl* '}' ;

constantDecl : IDENT '=' signedNumber unit? ;

// ASSIGNED, STATE and DEPENDENT entries.
varDecl : (IDENT | PRIME_NAME) arraySize? (FROM signedNumber TO signedNumber)?
          (START signedNumber)? unit? tolerance? ;

independentDecl : SWEEP? IDENT FROM signedNumber TO signedNumber WITH INTEGER
                  (START signedNumber)? unit? ;

arraySize : '[' (INTEGER | IDENT) ']' ;

limits : '<' signedNumber ',' signedNumber '>' ;

tolerance : '<' signedNumber '>' ;

// nocmodl replaces a DEFINEd name by its integer wherever a number may stand (WATCH flags,
// PARAMETER values, limits, VALENCE); the AST builder does the same.
signedNumber : '-'? (number | defined=IDENT) ;

number : INTEGER | REAL ;

// ----------------------------------------------------------------------------------------------
// Code blocks
// ----------------------------------------------------------------------------------------------

procBlock
    : INITIAL block                                                        # initialBlock
    | BREAKPOINT block                                                     # breakpointBlock
    | DERIVATIVE name=IDENT block                                          # derivativeBlock
    | KINETIC name=IDENT solveFor? block                                   # kineticBlock
    | LINEAR name=IDENT solveFor? block                                    # linearBlock
    | NONLINEAR name=IDENT solveFor? block                                 # nonlinearBlock
    | DISCRETE name=IDENT block                                            # discreteBlock
    | PROCEDURE name=IDENT '(' argList? ')' unit? block                    # procedureBlock
    | FUNCTION name=IDENT '(' argList? ')' unit? block                     # functionBlock
    | FUNCTION_TABLE name=IDENT '(' argList? ')' unit?                     # functionTableBlock
    | NET_RECEIVE '(' argList? ')' block                                   # netReceiveBlock
    | CONSTRUCTOR block                                                    # constructorBlock
    | DESTRUCTOR block                                                     # destructorBlock
    | when=(BEFORE | AFTER) what=(BREAKPOINT | SOLVE | INITIAL | STEP) block  # beforeAfterBlock
    ;

solveFor : SOLVEFOR IDENT (',' IDENT)* ;

argList : arg (',' arg)* ;

arg : IDENT unit? ;

block : '{' statement* '}' ;

localDecl : LOCAL localName (',' localName)* ;

localName : IDENT arraySize? ;

// ----------------------------------------------------------------------------------------------
// Statements
// ----------------------------------------------------------------------------------------------

statement
    : localDecl                                                            # localStmt
    | PROTECT? varRef '=' expr                                             # assignStmt
    | call                                                                 # callStmt
    | IF '(' expr ')' block elseIf* elseBlock?                             # ifStmt
    | WHILE '(' expr ')' block                                             # whileStmt
    | FROM IDENT '=' expr TO expr (BY expr)? block                         # fromStmt
    | SOLVE name=IDENT ((METHOD | STEADYSTATE) method=IDENT)? (IFERROR block)?  # solveStmt
    | TABLE tabled=tableNames? (DEPEND depends=tableNames)?
          FROM from=expr TO to=expr WITH INTEGER                           # tableStmt
    | '~' reactants=reactionSide
          ( REACT_BOTH products=reactionSide '(' forward=expr ',' backward=expr ')'
          | (FLUX_IN | ARROW) '(' flux=expr ')' )                          # reactionStmt
    | '~' lhs=expr '=' rhs=expr                                            # equationStmt
    | CONSERVE reactionSide '=' expr                                       # conserveStmt
    | kind=(COMPARTMENT | LONGITUDINAL_DIFFUSION) (index=IDENT ',')? expr
          '{' IDENT* '}'                                                   # compartmentStmt
    | WATCH watchClause (',' watchClause)*                                 # watchStmt
    | FOR_NETCONS '(' argList? ')' block                                   # forNetconsStmt
    | INITIAL block                                                        # netInitialStmt
    | LAG IDENT BY IDENT                                                   # lagStmt
    | CONDUCTANCE IDENT (USEION IDENT)?                                    # conductanceStmt
    | kind=(MUTEXLOCK | MUTEXUNLOCK)                                       # mutexStmt
    | unitsToggle                                                          # unitsToggleStmt
    | VERBATIM_BLOCK                                                       # verbatimStmt
    | block                                                                # nestedBlockStmt
    ;

elseIf : ELSE IF '(' expr ')' block ;

elseBlock : ELSE block ;

tableNames : IDENT (',' IDENT)* ;

reactionSide : reactionTerm ('+' reactionTerm)* ;

reactionTerm : INTEGER? varRef ;

// The condition must be a comparison with > or <; the AST builder checks that.
watchClause : '(' condition=expr ')' flag=signedNumber ;

unitsToggle : UNITSON | UNITSOFF ;

// ----------------------------------------------------------------------------------------------
// Expressions (precedence low to high: || && comparisons +- */ unary ^)
// ----------------------------------------------------------------------------------------------

expr
    : <assoc=right> expr '^' expr                                          # powerExpr
    | op=('-' | '!') expr                                                  # unaryExpr
    | expr op=('*' | '/') expr                                             # mulExpr
    | expr op=('+' | '-') expr                                             # addExpr
    | expr op=('<' | '>' | '<=' | '>=' | '==' | '!=') expr                 # compareExpr
    | expr '&&' expr                                                       # andExpr
    | expr '||' expr                                                       # orExpr
    | number unit?                                                         # numberExpr
    | call                                                                 # callExpr
    | varRef                                                               # varExpr
    | '(' expr ')'                                                         # parenExpr
    ;

call : IDENT '(' (callArg (',' callArg)*)? ')' ;

callArg : expr | STRING ;

// `a@1`: a STATE's value one step back, for DISCRETE blocks (nocmodl accepts it anywhere).
varRef : (IDENT | PRIME_NAME) ('@' history=INTEGER)? ('[' expr ']')? ;

// ----------------------------------------------------------------------------------------------
// Lexer
// ----------------------------------------------------------------------------------------------

// Blocks of free text. COMMENT and VERBATIM must be whole words; an unterminated block falls
// through to the bare keyword tokens below, which the parser reports.
COMMENT_BLOCK  : 'COMMENT' ~[a-zA-Z0-9_] .*? 'ENDCOMMENT' -> skip ;
VERBATIM_BLOCK : 'VERBATIM' ~[a-zA-Z0-9_] .*? 'ENDVERBATIM' ;
TITLE_LINE     : 'TITLE' (~[a-zA-Z0-9_\r\n] ~[\r\n]*)? ;
UNCLOSED_COMMENT  : 'COMMENT' ;
UNCLOSED_VERBATIM : 'VERBATIM' ;
STRAY_ENDCOMMENT  : 'ENDCOMMENT' | 'ENDVERBATIM' ;

LINE_COMMENT : (':' | '?') ~[\r\n]* -> skip ;
WS           : [ \t\r\n\f]+ -> skip ;

// Keywords (reserved, as in nocmodl).
NEURON : 'NEURON' ;
SUFFIX : 'SUFFIX' ;
POINT_PROCESS : 'POINT_PROCESS' ;
ARTIFICIAL_CELL : 'ARTIFICIAL_CELL' ;
USEION : 'USEION' ;
READ : 'READ' ;
WRITE : 'WRITE' ;
VALENCE : 'VALENCE' ;
NONSPECIFIC_CURRENT : 'NONSPECIFIC_CURRENT' ;
ELECTRODE_CURRENT : 'ELECTRODE_CURRENT' ;
RANGE : 'RANGE' ;
GLOBAL : 'GLOBAL' ;
POINTER : 'POINTER' ;
BBCOREPOINTER : 'BBCOREPOINTER' ;
EXTERNAL : 'EXTERNAL' ;
THREADSAFE : 'THREADSAFE' ;
REPRESENTS : 'REPRESENTS' ;
DEFINE : 'DEFINE' ;
INCLUDE : 'INCLUDE' ;
UNITS : 'UNITS' ;
PARAMETER : 'PARAMETER' ;
CONSTANT : 'CONSTANT' ;
ASSIGNED : 'ASSIGNED' ;
STATE : 'STATE' ;
DEPENDENT : 'DEPENDENT' ;
INDEPENDENT : 'INDEPENDENT' ;
SWEEP : 'SWEEP' ;
START : 'START' ;
INITIAL : 'INITIAL' ;
BREAKPOINT : 'BREAKPOINT' ;
DERIVATIVE : 'DERIVATIVE' ;
KINETIC : 'KINETIC' ;
LINEAR : 'LINEAR' ;
NONLINEAR : 'NONLINEAR' ;
DISCRETE : 'DISCRETE' ;
PROCEDURE : 'PROCEDURE' ;
FUNCTION : 'FUNCTION' ;
FUNCTION_TABLE : 'FUNCTION_TABLE' ;
NET_RECEIVE : 'NET_RECEIVE' ;
CONSTRUCTOR : 'CONSTRUCTOR' ;
DESTRUCTOR : 'DESTRUCTOR' ;
BEFORE : 'BEFORE' ;
AFTER : 'AFTER' ;
STEP : 'STEP' ;
SOLVE : 'SOLVE' ;
SOLVEFOR : 'SOLVEFOR' ;
METHOD : 'METHOD' ;
STEADYSTATE : 'STEADYSTATE' ;
IFERROR : 'IFERROR' ;
LOCAL : 'LOCAL' ;
TABLE : 'TABLE' ;
DEPEND : 'DEPEND' ;
FROM : 'FROM' ;
TO : 'TO' ;
BY : 'BY' ;
WITH : 'WITH' ;
IF : 'if' | 'IF' ;
ELSE : 'else' | 'ELSE' ;
WHILE : 'while' | 'WHILE' ;
WATCH : 'WATCH' ;
FOR_NETCONS : 'FOR_NETCONS' ;
PROTECT : 'PROTECT' ;
MUTEXLOCK : 'MUTEXLOCK' ;
MUTEXUNLOCK : 'MUTEXUNLOCK' ;
UNITSON : 'UNITSON' ;
UNITSOFF : 'UNITSOFF' ;
CONSERVE : 'CONSERVE' ;
COMPARTMENT : 'COMPARTMENT' ;
LONGITUDINAL_DIFFUSION : 'LONGITUDINAL_DIFFUSION' ;
LAG : 'LAG' ;
CONDUCTANCE : 'CONDUCTANCE' ;

// Operators with more than one character.
REACT_BOTH : '<->' ;
FLUX_IN : '<<' ;
ARROW : '->' ;
LE : '<=' ;
GE : '>=' ;
EQ : '==' ;
NE : '!=' ;
AND : '&&' ;
OR : '||' ;

// `REPRESENTS NCIT:C17145`, `REPRESENTS [CHEBI:29101]`: the ontology id is one token with its
// keyword, so that `name:comment` keeps meaning a name followed by a comment everywhere else.
// (The id used to be a token of its own behind a lexer predicate, true only after REPRESENTS; but
// the ANTLR 4.9 C++ runtime leaks an ATN config set each time a lexer predicate leaves no way to
// go on, as in `e:]`: found by the fuzzer, tests/fuzz/regressions/lexer_predicate_leak.mod.)
REPRESENTS_ID : 'REPRESENTS' [ \t\r\n\f]+ '['? [a-zA-Z] [a-zA-Z0-9_]* ':' [a-zA-Z0-9_]* ']'? ;

PRIME_NAME : [a-zA-Z_] [a-zA-Z0-9_]* '\''+ ;
IDENT : [a-zA-Z_] [a-zA-Z0-9_]* ;
REAL
    : [0-9]+ '.' [0-9]* EXPONENT?
    | '.' [0-9]+ EXPONENT?
    | [0-9]+ EXPONENT
    ;
INTEGER : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
STRING : '"' ~["\r\n]* '"' ;
// A string without its closing quote: one token to the end of the line, so the parser reports it
// once instead of stumbling over the rest of the line.
UNCLOSED_STRING : '"' ~["\r\n]* ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
ASSIGN : '=' ;
COMMA : ',' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
CARET : '^' ;
LT : '<' ;
GT : '>' ;
NOT : '!' ;
TILDE : '~' ;
AT : '@' ;

// Control characters, and the bytes outside ASCII (the parser driver turns each into \x01): valid
// only in comments, strings and VERBATIM blocks, which lex them as part of their text.
UNPRINTABLE : [\u0001-\u0008\u000B\u000E-\u001F\u007F]+ ;

// Any other character: only valid inside units; elsewhere the parser reports it.
OTHER : . ;


# Runs `cornu` the way a user does and checks exit codes and messages.
# Invoked by CTest with -DCORNU=<path to cornu> -DDATA=<tests folder>.

include(${CMAKE_CURRENT_LIST_DIR}/expect_run.cmake)

expect_run("version" 0 "cornu " --version)
expect_run("help" 0 "check" --help)
expect_run("no subcommand" 2 "subcommand" )
expect_run("unknown flag" 2 "--frobnicate" check --frobnicate x.mod)
expect_run("valid file" 0 "constructs_hh (density)" check ${DATA}/nmodl/valid/constructs_hh.mod)
expect_run("dump ast" 0 "Block DERIVATIVE states" check --dump-ast ${DATA}/nmodl/valid/constructs_hh.mod)
expect_run("warnings only" 0 "warning: RANGE names 'nothere'" check ${DATA}/cli/warning_only.mod)
expect_run("syntax error" 1 "bad_syntax.mod:4:19: error:" check ${DATA}/cli/bad_syntax.mod)
expect_run("missing file" 1 "cannot open" check ${DATA}/cli/does_not_exist.mod)
expect_run("directory" 1 "is a directory" check ${DATA}/cli)
expect_run("one bad of two" 1 "1 of 2 files checked without errors"
           check ${DATA}/nmodl/valid/constructs_hh.mod ${DATA}/cli/bad_syntax.mod)

# cornu hands compile and simulate to cornu-engine (launcher.cpp): their own help comes through,
# and without cornu-engine beside it cornu says so.
expect_run("simulate help through cornu-engine" 0 "The case file" simulate --help)
expect_run("compile through cornu-engine" 0 "--emit" compile --help)
set(CORNU_ORIGINAL ${CORNU})
set(lonely ${WORK}/lonely)
file(REMOVE_RECURSE ${lonely})
file(MAKE_DIRECTORY ${lonely})
file(COPY ${CORNU} DESTINATION ${lonely})
get_filename_component(cornu_name ${CORNU} NAME)
set(CORNU ${lonely}/${cornu_name})
expect_run("no cornu-engine" 127 "cornu-engine must sit next to cornu" simulate x.yaml)
expect_run("check needs no cornu-engine" 0 "constructs_hh (density)" check ${DATA}/nmodl/valid/constructs_hh.mod)

# The compiler's stages: optimised IR shows both modules (kernels run every step, kernels run
# once); assembly is assembly.
set(CORNU ${CORNU_ORIGINAL})
expect_run("optimised IR, hot module" 0 "; ---- kernels run every step or event" compile --emit=llvm-opt
           --cache-dir ${WORK}/cache ${DATA}/nmodl/valid/constructs_hh.mod)
expect_run("optimised IR, cold module" 0 "; ---- kernels run once" compile --emit=llvm-opt
           --cache-dir ${WORK}/cache ${DATA}/nmodl/valid/constructs_hh.mod)
expect_run("assembly" 0 ".text" compile --emit=asm --cache-dir ${WORK}/cache ${DATA}/nmodl/valid/constructs_hh.mod)

# Runs `cornu check` over the project's own mechanisms (models/mechanisms/*.mod and
# models/mechanisms/ca3/*.mod) and fails on any error, any file checked with errors, or any
# construct reported as unsupported: every one of them must be compilable by cornu.
# Invoked by CTest with -DCORNU=<path to cornu> -DMODELS=<models/mechanisms folder>.

file(GLOB standard "${MODELS}/*.mod")
file(GLOB ca3 "${MODELS}/ca3/*.mod")
list(LENGTH standard n_standard)
list(LENGTH ca3 n_ca3)
# NEURON's standard mechanisms (8) and the CA3 model's (24): losing a file is a failure too.
if(n_standard LESS 8 OR n_ca3 LESS 24)
  message(FATAL_ERROR "expected at least 8 files in ${MODELS} and 24 in ${MODELS}/ca3, "
                      "found ${n_standard} and ${n_ca3}")
endif()

set(files ${standard} ${ca3})
list(LENGTH files n_files)
execute_process(COMMAND ${CORNU} check ${files}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
set(all "${out}\n${err}")
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "cornu check exited with ${rc}\n${all}")
endif()
if(all MATCHES "error:")
  message(FATAL_ERROR "cornu check reported errors\n${all}")
endif()
if(NOT all MATCHES "${n_files} of ${n_files} files checked without errors")
  message(FATAL_ERROR "not all ${n_files} files checked without errors\n${all}")
endif()

# Every file's summary has exactly one "unsupported:" line, which must say "none".
string(REGEX MATCHALL "unsupported:[^\n]*" lines "${out}")
list(LENGTH lines n_lines)
if(NOT n_lines EQUAL n_files)
  message(FATAL_ERROR "expected ${n_files} 'unsupported:' lines, found ${n_lines}\n${out}")
endif()
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^unsupported: +none *$")
    message(FATAL_ERROR "a mechanism uses a construct cornu does not support: '${line}'\n${out}")
  endif()
endforeach()
message(STATUS "${n_files} mechanisms checked: no errors, nothing unsupported")

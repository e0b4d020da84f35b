# expect_run(NAME RC TEXT ARGS...): runs ${CORNU} ARGS and checks its exit code and that its output
# contains TEXT.
function(expect_run name expected_rc expected_text)
  execute_process(COMMAND ${CORNU} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
  if(NOT rc STREQUAL "${expected_rc}")
    message(FATAL_ERROR "${name}: exit code ${rc}, expected ${expected_rc}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  string(FIND "${out}${err}" "${expected_text}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "${name}: output lacks '${expected_text}'\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endfunction()

# A failure on one rank ends the run on every rank with a message and a non-zero exit status.
# Invoked by CTest with -DCORNU=... -DMPIEXEC=... -DCASE=... -DWORK=...
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
foreach(ranks 1 2)
  execute_process(COMMAND ${MPIEXEC} -np ${ranks} --oversubscribe ${CORNU} simulate ${CASE} -o ${WORK}/failing${ranks}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(rc STREQUAL "0" OR rc MATCHES "timeout")
    message(FATAL_ERROR "${ranks} ranks: exit status '${rc}', expected a failure\n${out}\n${err}")
  endif()
  string(FIND "${err}" "membrane potential at bad.soma(0.5)" named)
  string(FIND "${err}" "runaway" runaway)
  if(named EQUAL -1 OR runaway EQUAL -1)
    message(FATAL_ERROR "${ranks} ranks: the message does not name the cell and the problem:\n${err}")
  endif()
endforeach()

# The same network on 1, 2, 3 and 4 MPI ranks (both partitions) must give byte-identical traces,
# spikes and final weights. Invoked by CTest with -DCORNU=... -DMPIEXEC=... -DH5DIFF=... -DCASE=... -DWORK=...
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
set(outputs traces.csv spikes.csv)

function(run_cornu name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: exit code ${rc}\n${out}\n${err}")
  endif()
endfunction()

run_cornu("1 rank" ${CORNU} simulate ${CASE} -q --event-order canonical -o ${WORK}/ranks1
          --save-weights ${WORK}/ranks1/weights.h5)
foreach(ranks 2 3 4)
  foreach(partition round-robin balanced)
    set(dir ${WORK}/ranks${ranks}-${partition})
    run_cornu("${ranks} ranks, ${partition}" ${MPIEXEC} -np ${ranks} --oversubscribe ${CORNU} simulate ${CASE} -q
              --partition ${partition} -o ${dir} --save-weights ${dir}/weights.h5)
    foreach(output ${outputs})
      execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/ranks1/${output} ${dir}/${output}
                      RESULT_VARIABLE differ)
      if(differ)
        message(FATAL_ERROR "${output} differs between 1 rank and ${ranks} ranks (${partition})")
      endif()
    endforeach()
    # HDF5 files may differ in layout bytes; their contents must not.
    execute_process(COMMAND ${H5DIFF} ${WORK}/ranks1/weights.h5 ${dir}/weights.h5 RESULT_VARIABLE differ
                    OUTPUT_VARIABLE out)
    if(differ)
      message(FATAL_ERROR "final weights differ between 1 rank and ${ranks} ranks (${partition}):\n${out}")
    endif()
  endforeach()
endforeach()

# `cornu simulate CASE.yaml` as a user runs it: results written, mistakes reported.
# Invoked by CTest with -DCORNU=<path to cornu> -DDATA=<tests folder> -DWORK=<scratch folder>.
include(${CMAKE_CURRENT_LIST_DIR}/expect_run.cmake)

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
expect_run("simulate a case" 0 "synapses: 8000 steps"
           simulate ${DATA}/reference/cases/synapses.yaml -o ${WORK}/synapses)
foreach(result traces.csv spikes.csv)
  if(NOT EXISTS ${WORK}/synapses/${result})
    message(FATAL_ERROR "simulate wrote no ${result}")
  endif()
endforeach()
file(STRINGS ${WORK}/synapses/spikes.csv spikes)
list(LENGTH spikes lines)
if(NOT lines EQUAL 41)
  message(FATAL_ERROR "spikes.csv has ${lines} lines, expected 41 (header + 40 spikes)")
endif()

expect_run("missing case" 1 "no such file" simulate ${WORK}/nothing.yaml)
file(WRITE ${WORK}/typo.yaml "name: typo\nsimulation: {dt: 0.025, tstop: 1}\ncells:\n  - {name: c, sections: [{name: s, L: 1, diam: 1, mechanisms: {hhh: {}}}]}\n")
expect_run("unknown mechanism" 1 "unknown mechanism 'hhh'" simulate ${WORK}/typo.yaml -o ${WORK}/typo)
file(WRITE ${WORK}/badkey.yaml "name: badkey\nsimulation: {dt: 0.025, tstop: 1, celcius: 6.3}\ncells: []\n")
expect_run("unknown key" 1 "badkey.yaml:2:35: error: unknown key 'celcius'" simulate ${WORK}/badkey.yaml)
expect_run("no case given" 2 "case is required" simulate)

# The README's main job (shortened): the CA3 example builds and runs.
expect_run("ca3 example" 0 "ca3_quick: 800 steps" simulate ${DATA}/../examples/ca3_quick.yaml --tstop 20 -o ${WORK}/ca3)

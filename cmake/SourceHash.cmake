# Writes OUTPUT: a C++ file defining cornu_compiler_build_id(), a hash of the files in SOURCES.
# The JIT cache key includes it, so that any change to the compiler invalidates cached objects.
string(REPLACE "|" ";" SOURCES "${SOURCES}")
set(material "")
foreach(f ${SOURCES})
  file(SHA256 ${f} h)
  string(APPEND material "${h}")
endforeach()
string(SHA256 id "${material}")
string(SUBSTRING "${id}" 0 16 id)
file(WRITE ${OUTPUT}.new "extern \"C\" const char* cornu_compiler_build_id() { return \"${id}\"; }\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUTPUT}.new ${OUTPUT})

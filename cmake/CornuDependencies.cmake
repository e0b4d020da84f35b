# Every dependency comes from a Debian 12 package (see ../shared/reference/TOOLCHAIN.md).

# ANTLR 4: the Debian tool through its /usr/bin/antlr4 wrapper (the packaged jar cannot run on
# its own), and the 4.9 C++ runtime.
find_package(Java REQUIRED COMPONENTS Runtime)
find_program(ANTLR4_TOOL antlr4 REQUIRED)
find_package(antlr4-runtime REQUIRED)

find_package(fmt REQUIRED)

if(CORNU_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()

if(CORNU_FRONTEND_ONLY)
  return()
endif()

find_package(CLI11 REQUIRED)

# LLVM 19 exactly: its config only accepts the same major.minor.
find_package(LLVM 19.1 REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/llvm)
message(STATUS "LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")

find_package(MPI REQUIRED COMPONENTS C CXX)

# Parallel HDF5: the serial flavour would be picked silently without this preference.
set(HDF5_PREFER_PARALLEL ON)
find_package(HDF5 REQUIRED COMPONENTS C)
if(NOT HDF5_IS_PARALLEL)
  message(FATAL_ERROR "cornu needs a parallel HDF5 (Debian: libhdf5-openmpi-dev); found a serial one "
                      "at ${HDF5_INCLUDE_DIRS}")
endif()

find_package(yaml-cpp REQUIRED)

find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)

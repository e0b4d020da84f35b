# Warnings for the project's own code. Third-party headers are included as SYSTEM so that they
# stay quiet; generated ANTLR sources get no warning flags at all.
add_library(cornu_warnings INTERFACE)
target_compile_options(cornu_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough)

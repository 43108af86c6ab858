# Shared settings for Verity's targets.

add_library(verity_options INTERFACE)
target_compile_options(verity_options INTERFACE -Wall -Wextra -Wpedantic)
target_include_directories(verity_options INTERFACE ${CMAKE_SOURCE_DIR}/src)
# Sanitizers. VERITY_FUZZ adds libFuzzer's coverage instrumentation (clang)
# to every library; with VERITY_SANITIZE too, one build serves both the
# sanitized tests and the fuzz targets (the `asan` preset).
if(VERITY_SANITIZE OR VERITY_FUZZ)
  set(verity_sanitizers -fsanitize=address,undefined)
  if(VERITY_FUZZ)
    target_compile_options(verity_options INTERFACE -fsanitize=fuzzer-no-link)
  endif()
  if(VERITY_SANITIZE)
    target_compile_options(verity_options INTERFACE -fno-sanitize-recover=undefined)
  endif()
  target_compile_options(verity_options INTERFACE ${verity_sanitizers} -fno-omit-frame-pointer)
  target_link_options(verity_options INTERFACE ${verity_sanitizers})
endif()

# Disk. A build of every test binary is several gigabytes if each binary
# and each archive holds its own copy of the code, and a fresh machine may
# have little disk to spare. So archives are thin (they name the object
# files instead of copying them), and with VERITY_SHARED_LIBS (the sanitized
# preset) the components are shared libraries the test binaries load.
set(CMAKE_CXX_ARCHIVE_CREATE "<CMAKE_AR> qcT <TARGET> <LINK_FLAGS> <OBJECTS>")
set(CMAKE_CXX_ARCHIVE_APPEND "<CMAKE_AR> qT <TARGET> <LINK_FLAGS> <OBJECTS>")
set(CMAKE_C_ARCHIVE_CREATE "<CMAKE_AR> qcT <TARGET> <LINK_FLAGS> <OBJECTS>")
set(CMAKE_C_ARCHIVE_APPEND "<CMAKE_AR> qT <TARGET> <LINK_FLAGS> <OBJECTS>")
if(VERITY_SHARED_LIBS)
  set(verity_library_type SHARED)
else()
  set(verity_library_type STATIC)
endif()

# verity_add_library(NAME SOURCES... DEPS...) -> target verity_NAME, alias verity::NAME.
function(verity_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(verity_${name} ${verity_library_type} ${ARG_SOURCES})
  add_library(verity::${name} ALIAS verity_${name})
  target_link_libraries(verity_${name} PUBLIC verity_options ${ARG_DEPS})
endfunction()

# verity_add_test(NAME SOURCES... DEPS...): one GoogleTest binary, each test
# registered with CTest. Tests run with the repository root as working dir.
function(verity_add_test name)
  if(NOT VERITY_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE verity_options GTest::gtest GTest::gtest_main ${ARG_DEPS})
  target_compile_definitions(${name} PRIVATE VERITY_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                             VERITY_BINARY_DIR="${CMAKE_BINARY_DIR}")
  # The code under test is optimised as shipped; the tests' own code only
  # calls it, and compiles a fifth faster at -O1 (docs/design.md).
  if(CMAKE_BUILD_TYPE STREQUAL "RelWithDebInfo")
    target_compile_options(${name} PRIVATE -O1)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  gtest_discover_tests(${name} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                       PROPERTIES TIMEOUT ${ARG_TIMEOUT} DISCOVERY_TIMEOUT 60)
endfunction()

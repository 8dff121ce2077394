# drift_library(NAME SOURCES ... DEPS ...): one static library per top-level folder.
function(drift_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  drift_warnings(${name})
endfunction()

function(drift_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wno-missing-field-initializers)
endfunction()

# drift_test(NAME SOURCES ... DEPS ... LABELS ...): a GoogleTest binary registered with ctest.
function(drift_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} drift_testutil GTest::gmock GTest::gtest_main)
  drift_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 600)
endfunction()

# drift_embed_sql(OUT_HEADER NAMESPACE FILES...): turns .sql files into a header of
# raw string literals, one `inline constexpr std::string_view k<Name>` per file.
function(drift_embed_sql out_header namespace)
  set(files ${ARGN})
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT ${out_header}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_header} -DNAMESPACE=${namespace}
            "-DFILES=${joined}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedSql.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedSql.cmake
    COMMENT "Embedding catalog queries"
    VERBATIM)
endfunction()

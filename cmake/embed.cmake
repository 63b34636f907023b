# kam_embed(OUT_VAR NAMESPACE SYMBOL FILES...) turns data files (SQL migrations, reference
# tables) into a C++ source defining `std::span<const kam::EmbeddedFile> NAMESPACE::SYMBOL()`,
# so that the `kam` binary is self-contained. Rebuilt whenever an input changes.
function(kam_embed out_var namespace symbol)
  set(files ${ARGN})
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${symbol}_embedded.cpp)
  # A CMake list is ';'-separated, which a shell would split into commands: pass it with '|'.
  string(REPLACE ";" "|" file_list "${files}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${namespace} -DSYMBOL=${symbol}
            "-DFILES=${file_list}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding ${symbol}"
    VERBATIM)
  # Its names are file-local by design, alike in every generated source: never merged with
  # another in a unity build.
  set_source_files_properties(${output} PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
  set(${out_var} ${output} PARENT_SCOPE)
endfunction()

# kam_embed_directory(LIBRARY NAMESPACE SYMBOL DIR) makes a static library LIBRARY defining
# `std::span<const kam::EmbeddedFile> NAMESPACE::SYMBOL()` over every file under DIR, named by
# its path relative to DIR ("assets/index-4f2a.js"), its bytes as they are (binary files too:
# the assembler's .incbin includes them, so nothing is spelt out in C++). DIR is read at build
# time, on every build: files that appear, change or go are picked up, and DIR may be missing
# (the span is then empty). The generated source lists each file's size and SHA-256, so it
# changes, and is compiled again, exactly when a file does.
function(kam_embed_directory library namespace symbol dir)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${symbol}_embedded.cpp)
  add_custom_target(${library}_scan
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${namespace} -DSYMBOL=${symbol}
            -DDIR=${dir} -P ${PROJECT_SOURCE_DIR}/cmake/embed_directory_script.cmake
    BYPRODUCTS ${output}
    COMMENT "Embedding the files under ${dir}"
    VERBATIM)
  add_library(${library} STATIC ${output})
  target_include_directories(${library} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  add_dependencies(${library} ${library}_scan)
endfunction()

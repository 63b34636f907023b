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
  set(${out_var} ${output} PARENT_SCOPE)
endfunction()

# Instrumentation for the libFuzzer build (REDGRID_FUZZ=ON), applied to every library so
# coverage and ASan/UBSan reach the parsers, not only the harnesses. Included from the top
# level before any library is added.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
  message(FATAL_ERROR "REDGRID_FUZZ needs clang++ 16 or newer (Debian 12: clang-16), got "
                      "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}: configure with "
                      "-DCMAKE_CXX_COMPILER=clang++-16 (scripts/fuzz.sh does)")
endif()
if(REDGRID_SANITIZE OR REDGRID_TSAN)
  message(FATAL_ERROR "REDGRID_FUZZ brings its own sanitizers: leave REDGRID_SANITIZE and REDGRID_TSAN off")
endif()
# libstdc++ 12 only declares std::expected when __cpp_concepts >= 202002L. Clang 16
# implements what that gate stands for (P0848, conditionally trivial special members) but
# still reports 201907L (the value changed in clang 19), so we state it. Clang 14 cannot
# compile <expected> at all, hence clang 16.
if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
  add_compile_options(-Wno-macro-redefined -D__cpp_concepts=202002L)
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only)
add_link_options(-fsanitize=address,undefined)

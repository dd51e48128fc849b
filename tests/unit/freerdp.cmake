# Differential tests against FreeRDP 2 (Debian freerdp2-dev): every *_freerdp_test
# target already made by the glob in CMakeLists.txt gets FreeRDP's headers and
# libraries and WRDP_HAVE_FREERDP2=1 when pkg-config finds freerdp2 and winpr2;
# without them those tests compile to a "skipped" message and pass.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(WRDP_FREERDP2 QUIET IMPORTED_TARGET freerdp2 winpr2)
endif()
foreach(src ${WRDP_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  if(name MATCHES "_freerdp_test$" AND TARGET ${name})
    if(WRDP_FREERDP2_FOUND)
      target_link_libraries(${name} PRIVATE PkgConfig::WRDP_FREERDP2)
      target_compile_definitions(${name} PRIVATE WRDP_HAVE_FREERDP2=1)
    endif()
  endif()
endforeach()

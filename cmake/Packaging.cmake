# Debian packages: `cpack -G DEB` in the build tree makes redgrid-kiosk_*.deb (the
# screen: binary, demo bundle, units, default config) and redgrid-hub_*.deb (the
# reference server). tests/deploy/check_packages.sh builds, inspects, installs and
# purges them in a throwaway root. docs/deploy.md explains the layout.
#
# The packages carry their own install rules, in components "kiosk" and "hub", so the
# folders' plain install() rules (component "Unspecified", used by `cmake --install`)
# stay as they are and never leak into a package.

# `cpack` packages what is built; it does not build "all" first (its "preinstall" step
# would otherwise rebuild every test and benchmark: minutes on a Pi-class CI box).
# `cmake --build build --target package` still builds everything first.
if(NOT DEFINED CMAKE_SKIP_INSTALL_ALL_DEPENDENCY)
  set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
endif()

set(REDGRID_SYSTEMD_DIR ${PROJECT_SOURCE_DIR}/systemd)
set(REDGRID_DEBIAN_DIR ${CMAKE_CURRENT_LIST_DIR}/debian)
# Units, sysusers and tmpfiles go under the prefix (/usr in a package; systemd also
# reads /usr/local/lib/... for a hand-made `cmake --install`). The units name
# /usr/bin/... because the packages are the supported way to install.
set(REDGRID_UNIT_DIR lib/systemd/system)

if(TARGET redgrid-kiosk)
  install(TARGETS redgrid-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
  install(DIRECTORY ${PROJECT_BINARY_DIR}/share/redgrid/demo
    DESTINATION ${CMAKE_INSTALL_DATADIR}/redgrid COMPONENT kiosk)
  install(FILES ${REDGRID_SYSTEMD_DIR}/redgrid-kiosk.service ${REDGRID_SYSTEMD_DIR}/redgrid-kiosk-retry.timer
    DESTINATION ${REDGRID_UNIT_DIR} COMPONENT kiosk)
  install(FILES ${REDGRID_SYSTEMD_DIR}/redgrid-kiosk.sysusers
    DESTINATION lib/sysusers.d RENAME redgrid-kiosk.conf COMPONENT kiosk)
  install(FILES ${REDGRID_SYSTEMD_DIR}/redgrid-kiosk.tmpfiles
    DESTINATION lib/tmpfiles.d RENAME redgrid-kiosk.conf COMPONENT kiosk)
  # The default config: every key at its default, commented; a dpkg conffile.
  install(FILES ${PROJECT_SOURCE_DIR}/config/kiosk.example.json
    DESTINATION /etc/redgrid RENAME kiosk.json COMPONENT kiosk)
  install(FILES ${PROJECT_SOURCE_DIR}/config/kiosk.example.json
    DESTINATION ${CMAKE_INSTALL_DATADIR}/redgrid COMPONENT kiosk)
  install(FILES ${PROJECT_SOURCE_DIR}/docs/deploy.md ${PROJECT_SOURCE_DIR}/docs/config.md
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/redgrid-kiosk COMPONENT kiosk)
  list(APPEND REDGRID_PACKAGE_COMPONENTS kiosk)
endif()

if(TARGET redgrid-hub)
  install(TARGETS redgrid-hub RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT hub)
  install(FILES ${REDGRID_SYSTEMD_DIR}/redgrid-hub.service DESTINATION ${REDGRID_UNIT_DIR} COMPONENT hub)
  install(FILES ${REDGRID_SYSTEMD_DIR}/redgrid-hub.sysusers
    DESTINATION lib/sysusers.d RENAME redgrid-hub.conf COMPONENT hub)
  install(FILES ${REDGRID_SYSTEMD_DIR}/redgrid-hub.tmpfiles
    DESTINATION lib/tmpfiles.d RENAME redgrid-hub.conf COMPONENT hub)
  install(FILES ${PROJECT_SOURCE_DIR}/docs/deploy.md ${PROJECT_SOURCE_DIR}/docs/protocol.md
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/redgrid-hub COMPONENT hub)
  list(APPEND REDGRID_PACKAGE_COMPONENTS hub)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME redgrid)
set(CPACK_PACKAGE_VENDOR "RedGrid")
set(CPACK_PACKAGE_CONTACT "RedGrid firmware team <redgrid@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL ${REDGRID_PACKAGE_COMPONENTS})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Debian ships stripped binaries (RelWithDebInfo ones are 10x larger, and xz on them
# is most of the packaging time).
set(CPACK_STRIP_FILES TRUE)
# Scripts 0755, conffiles 0644, as dpkg-deb expects.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
# The binaries' library dependencies with versions, from the libraries they link.
# Without dpkg-shlibdeps the names below (unversioned) are all there is.
find_program(REDGRID_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(REDGRID_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(REDGRID_RUNTIME_LIBS "")
else()
  set(REDGRID_RUNTIME_LIBS "libc6, libstdc++6, libgcc-s1, libssl3, ")
endif()

# Components that dpkg-shlibdeps may miss: what the kiosk opens at run time (fonts,
# the GPU drivers SDL's KMSDRM backend loads with dlopen, espeak-ng's voice data for the
# spoken lines) and systemd for the maintainer scripts (systemd-sysusers, systemd-tmpfiles,
# systemctl).
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME redgrid-kiosk)
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "RedGrid party-mass service screen (kiosk)
 Full-screen SDL2 program for the public touch screens of a neighbourhood service
 grid: the red map, members on duty, one-key call, services, activities, notices.
 Runs on KMS/DRM without a desktop, started by systemd.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
  "${REDGRID_RUNTIME_LIBS}libsdl2-2.0-0, libsdl2-ttf-2.0-0, libsdl2-image-2.0-0, libcairo2, libcurl4, libsqlite3-0, libsystemd0, libqrencode4, libdrm2, zlib1g, libespeak-ng1, espeak-ng-data, fonts-noto-cjk | fonts-wqy-microhei, fonts-material-design-icons-iconfont, libegl1, libegl-mesa0, libgbm1, libgles2, libgl1-mesa-dri, systemd (>= 252)")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "systemd-timesyncd")

set(CPACK_DEBIAN_HUB_PACKAGE_NAME redgrid-hub)
set(CPACK_DEBIAN_HUB_DESCRIPTION "RedGrid reference content server (hub)
 Serves content bundles, media and heartbeats to RedGrid screens (docs/protocol.md)
 and takes their reports; admin command line included.")
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "${REDGRID_RUNTIME_LIBS}libsqlite3-0, systemd (>= 252)")
if(NOT REDGRID_DPKG_SHLIBDEPS)
  string(APPEND CPACK_DEBIAN_HUB_PACKAGE_DEPENDS ", libcpp-httplib0.11")
endif()
# The demo bundle that `redgrid-hub init-demo` publishes ships in redgrid-kiosk.
set(CPACK_DEBIAN_HUB_PACKAGE_SUGGESTS "redgrid-kiosk")

# conffiles and the maintainer scripts. dpkg marks nothing as a conffile by itself.
set(REDGRID_DEBIAN_STAGE ${PROJECT_BINARY_DIR}/debian-control)
foreach(component IN LISTS REDGRID_PACKAGE_COMPONENTS)
  string(TOUPPER ${component} upper)
  set(stage ${REDGRID_DEBIAN_STAGE}/${component})
  file(MAKE_DIRECTORY ${stage})
  set(extra "")
  set(REDGRID_PKG redgrid-${component})
  set(REDGRID_UNIT redgrid-${component}.service)
  if(component STREQUAL "kiosk")
    set(REDGRID_STOP_UNITS "redgrid-kiosk-retry.timer redgrid-kiosk.service")
    set(REDGRID_PURGE_PATHS [["$root/var/lib/redgrid" "$root/var/cache/redgrid" "$root/etc/redgrid"]])
  else()
    set(REDGRID_STOP_UNITS ${REDGRID_UNIT})
    set(REDGRID_PURGE_PATHS [["$root/var/lib/redgrid-hub"]])
  endif()
  foreach(script postinst prerm postrm)
    configure_file(${REDGRID_DEBIAN_DIR}/${script}.in ${stage}/${script} @ONLY)
    list(APPEND extra ${stage}/${script})
  endforeach()
  if(component STREQUAL "kiosk")
    file(WRITE ${stage}/conffiles "/etc/redgrid/kiosk.json\n")
    list(APPEND extra ${stage}/conffiles)
  endif()
  set(CPACK_DEBIAN_${upper}_PACKAGE_CONTROL_EXTRA ${extra})
endforeach()

include(CPack)

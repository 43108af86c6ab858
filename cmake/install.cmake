# `cmake --install build --prefix P` puts the CLI in P/bin, the shipped data,
# the dashboard and the example notebook in P/share/verity, and the Python
# package in P/lib/python3/dist-packages (Debian's layout: with P=/usr,
# /usr/bin/python3 finds it without PYTHONPATH). `cpack` in the build folder
# makes a .deb of the same files, installed under /usr.
set(VERITY_INSTALL_PYTHONDIR lib/python3/dist-packages)

install(DIRECTORY ${CMAKE_SOURCE_DIR}/data/ DESTINATION share/verity/data COMPONENT cli)
install(FILES ${CMAKE_SOURCE_DIR}/examples/analyst.ipynb DESTINATION share/verity/examples
        COMPONENT python)
install(DIRECTORY ${CMAKE_BINARY_DIR}/web/ DESTINATION share/verity/web COMPONENT cli
        OPTIONAL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME verity)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Verity maintainers <verity@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Arms-control treaty verification engine: CLI, server, shipped data and Python package")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Shared libraries from dpkg-shlibdeps; the Python package's imports by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3, python3-numpy, python3-pandas")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-distributed, python3-matplotlib, python3-nbclient")
include(CPack)

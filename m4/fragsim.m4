# fragsim.m4 - FRAGSIM_REQUIRE(VAR, PKG-CONFIG-MODULE, DEBIAN-PACKAGE)
# Find a library through pkg-config, or stop with the Debian package to
# install.
AC_DEFUN([FRAGSIM_REQUIRE], [
  PKG_CHECK_MODULES([$1], [$2], [],
    [AC_MSG_ERROR([$2 not found through pkg-config.
Install it with:  apt-get install $3])])
])

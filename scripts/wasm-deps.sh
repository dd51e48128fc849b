#!/usr/bin/env bash
# Fetches Debian's pinned sources of mbedTLS and zlib and builds them with
# Emscripten into .cache/wasm-deps/ (static libraries and headers) for the
# wasm build. Skips what is already built; rebuilds mbedTLS when our config
# header (cmake/mbedtls_config.h) changes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MBEDTLS_SRC_VERSION=2.28.3-1
MBEDTLS_UPSTREAM=2.28.3
ZLIB_SRC_VERSION=1:1.2.13.dfsg-1
ZLIB_UPSTREAM=1.2.13
MBEDTLS_DIR=mbedtls-$MBEDTLS_UPSTREAM   # the folders apt-get source unpacks into
ZLIB_DIR=zlib-$ZLIB_UPSTREAM.dfsg

SRC=$ROOT/.cache/src
OUT=$ROOT/.cache/wasm-deps
CONFIG=$ROOT/cmake/mbedtls_config.h
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

say() { printf 'wasm-deps: %s\n' "$*"; }
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

config_hash=$(sha256sum "$CONFIG" | cut -c1-16)
mbedtls_done=$OUT/.mbedtls-$MBEDTLS_UPSTREAM-$config_hash
zlib_done=$OUT/.zlib-$ZLIB_UPSTREAM

if [ -f "$mbedtls_done" ] && [ -f "$zlib_done" ]; then
  say "mbedTLS $MBEDTLS_UPSTREAM and zlib $ZLIB_UPSTREAM already built in .cache/wasm-deps"
  exit 0
fi

# ---- sources: `apt-get source`, which needs a deb-src entry
need_source() { [ ! -d "$SRC/$1" ]; }
if need_source $MBEDTLS_DIR || need_source $ZLIB_DIR; then
  if ! apt-cache showsrc mbedtls 2>/dev/null | grep -q "^Version: $MBEDTLS_SRC_VERSION\$"; then
    if ! grep -rqs 'deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      say "adding /etc/apt/sources.list.d/webrdp-deb-src.sources (deb-src for bookworm)"
      $SUDO tee /etc/apt/sources.list.d/webrdp-deb-src.sources >/dev/null <<'SRCS'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRCS
    fi
    say "apt-get update (for the source index)"
    $SUDO apt-get update -qq
  fi
  mkdir -p "$SRC"
  for pkg in "mbedtls=$MBEDTLS_SRC_VERSION" "zlib=$ZLIB_SRC_VERSION"; do
    name=${pkg%%=*}
    dir=$MBEDTLS_DIR; [ "$name" = zlib ] && dir=$ZLIB_DIR
    if need_source "$dir"; then
      say "apt-get source $pkg into .cache/src"
      # (apt warns that it downloads as root when _apt cannot write here; harmless)
      (cd "$SRC" && apt-get source -qq "$pkg" 2>&1 >/dev/null | grep -v 'unsandboxed as root' >&2 || true)
      [ -d "$SRC/$dir" ] || { say "apt-get source $pkg did not unpack $dir"; exit 1; }
    fi
  done
fi

# ---- verify what was unpacked is the pinned upstream version
mb_version=$(sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)"/\1/p' "$SRC/$MBEDTLS_DIR/include/mbedtls/version.h")
z_version=$(sed -n 's/^#define ZLIB_VERSION *"\(.*\)"/\1/p' "$SRC/$ZLIB_DIR/zlib.h")
[ "$mb_version" = "$MBEDTLS_UPSTREAM" ] || { say "unexpected mbedTLS version '$mb_version'"; exit 1; }
[ "$z_version" = "$ZLIB_UPSTREAM" ] || { say "unexpected zlib version '$z_version'"; exit 1; }
say "sources: mbedTLS $mb_version, zlib $z_version"

CFLAGS_WASM="-Oz -msimd128 -fno-exceptions"
mkdir -p "$OUT"

# ---- zlib: only the in-memory inflate/deflate (cmake/zlib-wasm/CMakeLists.txt)
if [ ! -f "$zlib_done" ]; then
  say "building zlib $ZLIB_UPSTREAM with emcmake into .cache/wasm-deps"
  rm -rf "$OUT/build-zlib"
  emcmake cmake -S cmake/zlib-wasm -B "$OUT/build-zlib" -DZLIB_SRC="$SRC/$ZLIB_DIR" -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DCMAKE_C_FLAGS_MINSIZEREL="$CFLAGS_WASM" -DCMAKE_INSTALL_PREFIX="$OUT" >"$OUT/zlib-configure.log" 2>&1 ||
    { cat "$OUT/zlib-configure.log"; exit 1; }
  cmake --build "$OUT/build-zlib" -j"$(nproc)" >"$OUT/zlib-build.log" 2>&1 || { cat "$OUT/zlib-build.log"; exit 1; }
  cmake --install "$OUT/build-zlib" >/dev/null
  rm -f "$OUT"/.zlib-*
  touch "$zlib_done"
fi

# ---- mbedTLS: the crypto library only, with our own configuration
if [ ! -f "$mbedtls_done" ]; then
  say "building mbedTLS $MBEDTLS_UPSTREAM (config cmake/mbedtls_config.h) with emcmake into .cache/wasm-deps"
  rm -rf "$OUT/build-mbedtls" "$OUT/include/mbedtls" "$OUT/include/psa" "$OUT"/lib/libmbed*.a
  mkdir -p "$OUT/lib" "$OUT/include"
  emcmake cmake -S "$SRC/$MBEDTLS_DIR" -B "$OUT/build-mbedtls" -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DCMAKE_C_FLAGS_MINSIZEREL="$CFLAGS_WASM" \
    -DCMAKE_C_FLAGS="-DMBEDTLS_CONFIG_FILE='\"$CONFIG\"'" \
    -DENABLE_PROGRAMS=OFF -DENABLE_TESTING=OFF -DUSE_SHARED_MBEDTLS_LIBRARY=OFF \
    -DUSE_STATIC_MBEDTLS_LIBRARY=ON -DMBEDTLS_FATAL_WARNINGS=OFF -DLINK_WITH_PTHREAD=OFF \
    -DCMAKE_INSTALL_PREFIX="$OUT" >"$OUT/mbedtls-configure.log" 2>&1 ||
    { cat "$OUT/mbedtls-configure.log"; exit 1; }
  cmake --build "$OUT/build-mbedtls" --target mbedcrypto mbedx509 -j"$(nproc)" >"$OUT/mbedtls-build.log" 2>&1 ||
    { cat "$OUT/mbedtls-build.log"; exit 1; }
  cp "$OUT/build-mbedtls/library/libmbedcrypto.a" "$OUT/build-mbedtls/library/libmbedx509.a" "$OUT/lib/"
  cp -r "$SRC/$MBEDTLS_DIR/include/mbedtls" "$SRC/$MBEDTLS_DIR/include/psa" "$OUT/include/"
  cp "$CONFIG" "$OUT/include/mbedtls/webrdp_config.h"
  rm -f "$OUT"/.mbedtls-*
  touch "$mbedtls_done"
fi
say "done: $(cd "$OUT" && ls lib/*.a | tr '\n' ' ')"

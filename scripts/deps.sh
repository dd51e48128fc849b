#!/usr/bin/env bash
# Installs what the build and the tests need, only when it is missing:
# Debian packages with apt-get (one `apt-get update` first, only if something
# is missing), then the npm devDependencies when node_modules is absent or
# older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'deps: %s\n' "$*"; }

# Packages the project needs; wabt and binaryen give the size tools and
# wasm-opt, and are skipped when this Debian has no such package.
required=(build-essential cmake pkg-config emscripten clang-14 libclang-rt-14-dev
          libmbedtls-dev zlib1g-dev chromium dpkg-dev nodejs npm)
optional=(wabt binaryen)

installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }

# nodejs/npm may come from another source than Debian (a node binary on PATH is enough).
missing=()
for p in "${required[@]}"; do
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  installed "$p" || missing+=("$p")
done
opt_missing=()
for p in "${optional[@]}"; do installed "$p" || opt_missing+=("$p"); done

if ((${#missing[@]} + ${#opt_missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  say "apt-get update (missing: ${missing[*]} ${opt_missing[*]})"
  $SUDO apt-get update -qq
  if ((${#missing[@]})); then
    say "apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  for p in "${opt_missing[@]}"; do
    if apt-cache show "$p" >/dev/null 2>&1; then
      say "apt-get install $p (optional)"
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$p" ||
        say "could not install optional $p; continuing"
    else
      say "optional package $p does not exist here; skipping"
    fi
  done
else
  say "Debian packages: all present"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
  touch node_modules
else
  say "node_modules: up to date"
fi

#!/bin/sh
# Installs the Debian 12 packages the project builds, tests and runs with.
# Does nothing when they are all present; uses sudo when not root.
set -eu

PACKAGES="
make gcc pkg-config
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
libsqlite3-dev libinih-dev libfontconfig-dev libjansson-dev
libmicrohttpd-dev libcurl4-openssl-dev libqrencode-dev libssl-dev
libcmocka-dev
fonts-noto-cjk fontconfig
"
# Benchmarks also count instructions with valgrind.
if [ "${WITH_BENCH:-0}" = 1 ]; then
    PACKAGES="$PACKAGES valgrind"
fi

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-deps: need root (or sudo) to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet.
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing

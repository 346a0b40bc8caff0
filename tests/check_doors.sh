#!/bin/sh
# Each third-party library is included by one module only (DESIGN.md §2):
# fails when a header shows up anywhere else under src/.
set -u
fail=0
check() { # pattern, allowed files (space separated)
    pattern=$1; shift
    for f in $(grep -rlE "#include <($pattern)" src); do
        ok=0
        for a in "$@"; do [ "$f" = "$a" ] && ok=1; done
        if [ $ok = 0 ]; then
            echo "check-doors: $f includes <$pattern>: only $* may" >&2
            fail=1
        fi
    done
}
# src/tools/demo_media.c draws the demo's pictures: a build tool, not firmware.
check 'SDL[^>]*\.h' src/kiosk/ui/render_sdl.h src/kiosk/ui/render.c src/kiosk/ui/text.c src/kiosk/ui/platform.c \
    src/tools/demo_media.c
check 'sqlite3\.h' src/core/cache.c src/core/cache_sync.c src/core/cache_holds.c \
    src/core/cache_private.h
check 'ini\.h' src/core/inifile.c
check 'fontconfig/' src/kiosk/ui/fontfind.c
check 'jansson\.h' src/core/proto.c
check 'qrencode\.h' src/core/handoff.c
check 'openssl/' src/core/media.c src/core/pin.c
check 'curl/' src/kiosk/sync.c
check 'microhttpd\.h' src/salesd/http.c
# core has no SDL, curl or HTTP server
if grep -rqE '#include "(render|text|platform|scene_[a-z]+)\.h"' src/core; then
    echo "check-doors: src/core includes a UI header" >&2
    fail=1
fi
[ $fail = 0 ] && echo "check-doors: ok"
exit $fail

#!/bin/sh
# Runs every test binary given, headless, and prints one closing line:
# "N passed, N failed" (counted per test case from cmocka's summaries).
set -u
BUILD=${BUILD:-build}
OUT="$BUILD/test-out"
mkdir -p "$OUT"
# Headless and deterministic: no display, the software renderer, a fixed
# time zone (the board shows local time), the repo's assets.
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
export TZ=Asia/Shanghai
export KIOSK="$BUILD/kiosk" SALESD="$BUILD/salesd" TEST_OUT="$OUT" ASSETS=assets
# Sanitizer builds: leaks inside system libraries are suppressed by name.
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
passed=0 failed=0 crashed=""
for t in "$@"; do
    name=$(basename "$t")
    log="$OUT/$name.log"
    "$t" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    passed=$((passed + p))
    failed=$((failed + f))
    if [ $rc -ne 0 ] || [ "$f" -gt 0 ]; then
        [ "$f" -eq 0 ] && failed=$((failed + 1)) # crashed before cmocka's summary
        crashed="$crashed $name"
        echo "FAIL $name (exit $rc)"
        cat "$log"
    else
        echo "ok   $name ($p)"
    fi
done
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

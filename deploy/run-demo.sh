#!/bin/sh
# make run: a local salesd with the demo project, its pictures and the sales
# simulator, and the kiosk synced to it: the customers' touchscreen by
# default (--mode board for the wall display), changing live.  Stopping the
# kiosk (Escape when windowed, or closing it) stops salesd too.
#
#   sh deploy/run-demo.sh [kiosk flags...]   e.g. --windowed --mode board
#
# Environment: BUILD (default build), DATA (default data), RATE (simulated
# events a minute, default 20).
set -eu
BUILD=${BUILD:-build}
DATA=${DATA:-data}
RATE=${RATE:-20}
mkdir -p "$DATA/kiosk"

# The server's database and this machine's tokens, made once.
if [ ! -f "$DATA/salesd.db" ]; then
    "$BUILD/salesd" init --db "$DATA/salesd.db" --demo
fi
# A demo consultant, so consultant mode can be tried: a long press in the
# touchscreen's bottom-left corner, 示範顧問 / Demo Consultant, PIN 2468.
# (A demo's PIN only: real consultants choose their own.)
if ! "$BUILD/salesd" consultant list --db "$DATA/salesd.db" 2>/dev/null |
        grep -q '^demo-consultant'; then
    "$BUILD/salesd" consultant add --db "$DATA/salesd.db" demo-consultant \
        --name-zh-hant 示範顧問 --name-zh-hans 示范顾问 \
        --name-en "Demo Consultant" --pin 2468 > /dev/null
fi
if [ ! -f "$DATA/tokens" ]; then
    token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    admin=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s demo-kiosk kiosk\n%s demo-admin admin\n' "$token" "$admin" \
        > "$DATA/tokens"
    chmod 600 "$DATA/tokens"
fi
token=$(awk '$3 == "kiosk" { print $1; exit }' "$DATA/tokens")
# The demo's QR codes need a URL to hand over; a real site sets its own
# (config/kiosk.ini, [handoff]).
if [ ! -f "$DATA/kiosk.ini" ]; then
    printf '%s\n' '; made by deploy/run-demo.sh for make run' '[handoff]' \
        'url_template = https://emerald-lake.example/p/{project}?units={units}&lang={lang}' \
        > "$DATA/kiosk.ini"
fi

rm -f "$DATA/salesd.port"
"$BUILD/salesd" serve --db "$DATA/salesd.db" --tokens "$DATA/tokens" \
    --listen 127.0.0.1:0 --port-file "$DATA/salesd.port" \
    --simulate "$RATE" > "$DATA/salesd.log" 2>&1 &
salesd=$!
kiosk=""
trap 'kill $salesd $kiosk 2>/dev/null; wait $salesd $kiosk 2>/dev/null' EXIT INT TERM

i=0
while [ ! -s "$DATA/salesd.port" ]; do
    i=$((i + 1))
    if [ $i -gt 200 ] || ! kill -0 $salesd 2>/dev/null; then
        echo "run-demo: salesd did not start; see $DATA/salesd.log" >&2
        exit 1
    fi
    sleep 0.05
done
port=$(cat "$DATA/salesd.port")
echo "run-demo: salesd on 127.0.0.1:$port (log: $DATA/salesd.log), $RATE sales events a minute"
echo "run-demo: consultant mode: long press the bottom-left corner, 示範顧問 / Demo Consultant, PIN 2468"

# In the background, so that stopping this script stops the kiosk too.
"$BUILD/kiosk" --config "$DATA/kiosk.ini" --data-dir "$DATA/kiosk" \
    --server "http://127.0.0.1:$port" --token "$token" "$@" &
kiosk=$!
wait $kiosk

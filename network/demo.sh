#!/usr/bin/env bash
# Runs every network example end to end on loopback: each server starts in
# the background on a free port (-addr 127.0.0.1:0, address read from its
# log), its client and independent peers (nc, curl, dig) talk to it, then
# the server gets SIGINT and must stop gracefully (exit 0, "stopped" logged).
set -euo pipefail
cd "$(dirname "$0")"
export GOWORK=off

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

have() { command -v "$1" >/dev/null || { echo "(skipping $1: apt-get install $2)"; return 1; }; }

for prog in ipaddr tcp/server tcp/client tcp/rawhttp tcp/throughput udp/server udp/client \
  http/server http/client tls/server tls/client dns/server dns/lookup; do
  go build -o "$work/bin/${prog//\//-}" "./$prog"
done
bin=$work/bin

# start NAME CMD...: run a server in the background, wait for its
# "addr=..." log line, and set $addr to the host:port it really bound.
start() {
  local name=$1; shift
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  server_pid=$!
  for _ in $(seq 100); do
    addr=$(grep -o 'addr=[^ ]*' "$work/$name.log" | head -1 | sed -E 's#addr=(https?://)?##') || true
    [[ -n $addr ]] && { echo "$name listening on $addr"; return; }
    sleep 0.05
  done
  cat "$work/$name.log"; echo "$name did not start" >&2; exit 1
}

# stop NAME: SIGINT (what Ctrl-C sends), then insist on a clean exit.
stop() {
  kill -INT "$server_pid"
  wait "$server_pid"
  grep -q 'msg=stopped' "$work/$1.log"
  echo "$1 stopped gracefully after SIGINT"
}

printf '\n=== %s ===\n' "network/ipaddr"
"$bin/ipaddr" -split 22 192.168.1.77/20
"$bin/ipaddr" 172.16.5.4 224.0.0.251 fe80::1%eth0 2001:db8::/32
"$bin/ipaddr" 300.1.1.1 || echo "(bad input rejected with exit $?)"

printf '\n=== %s ===\n' "network/tcp"
start tcp-server "$bin/tcp-server" -addr 127.0.0.1:0 -max-frame 32
"$bin/tcp-client" -addr "$addr" hello "framed world"
if have nc netcat-openbsd; then
  printf 'from nc\n' | nc -N "${addr%:*}" "${addr##*:}"
  printf '%s\n' "this line is longer than thirty-two bytes" | nc -N "${addr%:*}" "${addr##*:}"
fi
stop tcp-server

printf '\n=== %s ===\n' "network/udp"
start udp-server "$bin/udp-server" -addr 127.0.0.1:0
"$bin/udp-client" -addr "$addr" hello "datagram world"
if have nc netcat-openbsd; then
  printf 'from nc -u' | nc -u -w1 "${addr%:*}" "${addr##*:}"; echo
fi
stop udp-server

printf '\n=== %s ===\n' "network/http"
start http-server "$bin/http-server" -addr 127.0.0.1:0
"$bin/http-client" -addr "$addr" apples pears
if have curl curl; then
  curl -sS -i -H 'X-Request-ID: demo-1' -d '{"name":"from curl"}' "http://$addr/items"; echo
  curl -sS -o /dev/null -w 'PUT /items/1 -> %{http_code}\n' -X PUT "http://$addr/items/1"
fi
if have nc netcat-openbsd; then
  printf 'NOT HTTP AT ALL\r\n\r\n' | nc -N "${addr%:*}" "${addr##*:}" | head -1
fi

printf '\n=== %s ===\n' "network/tcp/rawhttp"
"$bin/tcp-rawhttp" -addr "$addr" -path /items/1
echo
stop http-server

printf '\n=== %s ===\n' "network/tls"
start tls-server "$bin/tls-server" -addr 127.0.0.1:0 -dir "$work/certs"
"$bin/tls-client" -addr "$addr" -dir "$work/certs"
"$bin/tls-client" -addr "$addr" -dir "$work/certs" -no-client-cert || echo "(refused, as it must be)"
if have curl curl; then
  curl -sS --cacert "$work/certs/ca.pem" --cert "$work/certs/client.pem" --key "$work/certs/client-key.pem" "https://$addr/"
  curl -sS "https://$addr/" 2>&1 | head -1 || true # system roots do not know our CA
fi
stop tls-server

printf '\n=== %s ===\n' "network/dns"
start dns-server "$bin/dns-server" -addr 127.0.0.1:0
"$bin/dns-lookup" -server "$addr"
if have dig dnsutils; then
  dig @"${addr%:*}" -p "${addr##*:}" +time=2 +tries=1 +short www.example.test A
  dig @"${addr%:*}" -p "${addr##*:}" +time=2 +tries=1 +short example.test MX
  dig @"${addr%:*}" -p "${addr##*:}" +time=2 +tries=1 nope.example.test | grep -E 'status:|flags:' | head -2
fi
stop dns-server

printf '\n=== %s ===\n' "network/tcp/throughput"
if command -v iperf3 >/dev/null; then
  "$bin/tcp-throughput" -duration 2s
else
  echo "(no iperf3: apt-get install iperf3 for the comparison)"
  "$bin/tcp-throughput" -duration 2s -iperf3 ''
fi

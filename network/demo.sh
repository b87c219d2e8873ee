# services: prometheus
# Runs the network examples end to end on loopback: `make demo TOPIC=network`.
# Servers start in the background on their default ports; clients and
# independent peers (nc, curl, dig, iperf3) talk to them.
background go run ./udp/echo/cmd/udpserver -addr 127.0.0.1:9001
background go run ./tcp/echo/cmd/echoserver -addr 127.0.0.1:9000
background go run ./http/api/cmd/apiserver -addr 127.0.0.1:8080
background go run ./tls/pki/cmd/mtlsserver -addr 127.0.0.1:8443
background go run ./dns/authdns/cmd/authdns -addr 127.0.0.1:8053
wait_log "msg=listening addr=127.0.0.1:9001"
wait_tcp 127.0.0.1:9000
wait_tcp 127.0.0.1:8080
wait_tcp 127.0.0.1:8443
wait_tcp 127.0.0.1:8053

heading network/ipaddr/cmd/ipinfo
go run ./ipaddr/cmd/ipinfo -split 22 192.168.1.77/20
go run ./ipaddr/cmd/ipinfo 172.16.5.4 224.0.0.251 fe80::1%eth0 2001:db8::/32

heading network/tcp/echo/cmd/echoclient
go run ./tcp/echo/cmd/echoclient -addr 127.0.0.1:9000 hello "framed world"
needs nc netcat-openbsd && printf 'from nc\n' | nc -N 127.0.0.1 9000
needs nc netcat-openbsd && printf 'a\nb' | nc -N 127.0.0.1 9000

heading network/http/api/cmd/apiclient
go run ./http/api/cmd/apiclient -addr 127.0.0.1:8080 apples pears
needs curl curl && curl -sS -d '{"name":"from curl"}' http://127.0.0.1:8080/items
needs curl curl && curl -sS -o /dev/null -w 'PATCH /items/1 -> %{http_code}\n' -X PATCH http://127.0.0.1:8080/items/1

heading network/metrics/cmd/promquery
background go run ./metrics/cmd/metricsserver -addr 127.0.0.1:8081 -metrics-addr 0.0.0.0:9464 -faults
wait_tcp 127.0.0.1:8081
go run ./http/api/cmd/apiclient -addr 127.0.0.1:8081 apples pears >/dev/null
needs curl curl && for _ in $(seq 15); do
  curl -sS -o /dev/null http://127.0.0.1:8081/items
  curl -sS -o /dev/null -H 'X-Inject-Status: 503' http://127.0.0.1:8081/items
  curl -sS -o /dev/null 'http://127.0.0.1:8081/slow?for=120ms'
  sleep 0.3   # spread over a few scrapes: rate() needs increases between samples
done
go run ./metrics/cmd/promquery -min-requests 49 -await-alert HighErrorRatio

heading network/tcp/rawhttp
go run ./tcp/rawhttp -addr 127.0.0.1:8080 -path /items/1

heading network/tls/pki/cmd/mtlsclient
go run ./tls/pki/cmd/mtlsclient -addr 127.0.0.1:8443
needs curl curl && curl -sS --cacert /tmp/cloudgo-tls/ca.pem --cert /tmp/cloudgo-tls/client.pem --key /tmp/cloudgo-tls/client-key.pem https://127.0.0.1:8443/

heading network/dns/authdns/cmd/dnslookup
go run ./dns/authdns/cmd/dnslookup -server 127.0.0.1:8053
needs dig dnsutils && dig @127.0.0.1 -p 8053 +time=2 +tries=1 +short _http._tcp.example.test SRV
needs dig dnsutils && dig @127.0.0.1 -p 8053 +time=2 +tries=1 _tcp.example.test SRV | grep -E '^;; (->>HEADER|flags)' | sed 's/, id: [0-9]*//'

heading network/udp/echo/cmd/udpclient
go run ./udp/echo/cmd/udpclient -addr 127.0.0.1:9001 hello "datagram world"
needs nc netcat-openbsd && printf 'from nc -u' | nc -u -w1 127.0.0.1 9001 && echo

heading network/tcp/throughput/cmd/throughput
if needs iperf3 iperf3; then go run ./tcp/throughput/cmd/throughput -duration 2s; else go run ./tcp/throughput/cmd/throughput -duration 2s -iperf3 ''; fi

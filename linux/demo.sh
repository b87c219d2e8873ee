# services:
# Runs the linux examples end to end: `make demo TOPIC=linux`. No services needed.
heading linux/coreutils
play=$(mktemp -d)
go build -o "$play/bin/" ./coreutils/cmd/...
mkdir "$play/p"
# t TOOL ARGS...: shows the command, runs our TOOL in $play/p, shows a failure's exit status.
t() { printf '$ %s\n' "$*"; env -C "$play/p" "$play/bin/$1" "${@:2}" 2>&1 || echo "(exit $?)"; }
t mkdir -p project/src project/logs
t touch project/README.md
printf 'alpha\nBeta\ngamma alpha\n' >"$play/p/project/src/a.txt"
printf 'ERROR disk full\ninfo ok\nerror again\n' >"$play/p/project/logs/app.log"
t ls project
t ls -a project/src
t chmod u+rwx,g=rx,o= project/README.md
t chmod a+x project/src/a.txt
t chmod 8 project/README.md
touch -d '2020-01-02 03:04' "$play/p/project/README.md" "$play/p/project/src/a.txt"   # fixed dates for ls -l
t ls -l project/README.md project/src/a.txt
t cat -n project/src/a.txt
t grep -in error project/logs/app.log
t grep -rc alpha project
t grep -i -e beta -e GAMMA project/src/a.txt
t wc project/src/a.txt project/logs/app.log
t head -n 1 project/logs/app.log
t tail -n 1 project/logs/app.log
t tail -n +-1 project/logs/app.log
printf '$ cat project/src/a.txt >> project/src/a.txt\n'
env -C "$play/p" "$play/bin/cat" project/src/a.txt 2>&1 >>"$play/p/project/src/a.txt" || echo "(exit $?)"
t mv project/src/a.txt project/logs/app.log
t cat project/logs/app.log
t rm project
t rm -r .
t rm -rf project
t ls project
rm -rf "$play"

heading linux/logstats
logs=$(mktemp -d)
go run ./logstats/cmd/genlog -n 20000 -span 5m -malformed-every 4000 >"$logs/access.log"
go run ./logstats/cmd/logstats -top 5 "$logs/access.log"
needs awk mawk && diff <(go run ./logstats/cmd/logstats -top 5 "$logs/access.log" | sed '/^request time/,$d') <(bash logstats/pipeline.sh "$logs/access.log" 5 | sed '/^exact request time/,$d') && echo "awk/sort/uniq: the same counts"
go run ./logstats/cmd/genlog -n 3000 -span 2m -format json | go run ./logstats/cmd/logstats -top 3 -
rm -rf "$logs"

heading linux/exec
go run ./exec

heading linux/pipe
go run ./pipe

heading linux/files
go run ./files

heading linux/jsonfile
go run ./jsonfile/cmd/jsonfile

heading linux/perms
go run ./perms

heading linux/procs
go run ./procs/cmd/procs

heading linux/containers
if [ "$(id -u)" = 0 ]; then
  ctr_tmp=$(mktemp -d)
  go build -o "$ctr_tmp/container" ./containers/cmd/container
  "$ctr_tmp/container" -hostname box 2>&1 || echo "(exit $?)"
  "$ctr_tmp/container" -memory-mib 32 box alloc -mib 256 2>&1 || echo "(exit $?)"
  "$ctr_tmp/container" -cpus 0.1 box burn -for 500ms 2>&1 || echo "(exit $?)"
  rm -rf "$ctr_tmp"
else
  echo "skipped: needs root (namespaces, pivot_root, cgroups)"
fi

heading linux/supervise
go run ./supervise

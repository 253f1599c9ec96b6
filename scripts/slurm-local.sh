#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for Basin's Slurm tests and benchmark.
#
#   scripts/slurm-local.sh start   installs slurmctld, slurmd, slurm-client and munge from Debian when
#                                  missing (as root), writes slurm.conf for this host (its real CPU
#                                  count and memory), starts munged, slurmctld and slurmd as daemons
#                                  with pid files under the state folder, and waits until the node is idle
#   scripts/slurm-local.sh stop    ends exactly the daemons whose pid files are in the state folder
#   scripts/slurm-local.sh status  says whether the cluster answers
#
# Both are idempotent. No systemd is needed. The state folder is $BASIN_SLURM_STATE
# (default /var/tmp/basin-slurm); /etc/slurm/slurm.conf points the client tools (sinfo, sbatch, ...)
# at it unless it is a configuration this script did not write.
set -euo pipefail

state="${BASIN_SLURM_STATE:-/var/tmp/basin-slurm}"
conf="$state/slurm.conf"
munge_socket="$state/munge/munge.socket.2"
marker="# written by basin scripts/slurm-local.sh"
# GPUs declared without hardware, so GPU jobs can be scheduled and tested on a machine that has none.
# Slurm 22.05 drops a GPU declared with Count but no File ("Removing file-less GPU ... from final GRES
# list") and wants a character device as File, so each one is a link to /dev/null named nvidia<i>;
# Slurm then hands jobs distinct indices in CUDA_VISIBLE_DEVICES as on real hardware.
gres_gpus="${BASIN_SLURM_GPUS:-2}"

say() { echo "slurm-local: $*"; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install_packages() {
  local missing=()
  for package in slurmctld slurmd slurm-client munge; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages ${missing[*]}; run this as root to install them" >&2
    exit 1
  fi
  say "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

write_config() {
  local host cpus mem_mb
  host="$(hostname -s)"
  cpus="$(nproc --all)"
  # RealMemory a little under MemTotal: slurmd refuses a node that reports less than configured.
  mem_mb="$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.95 }' /proc/meminfo)"
  mkdir -p "$state"/{ctld,spool,log,munge,run}
  chmod 0755 "$state"
  chmod 0700 "$state/munge"
  cat >"$conf" <<EOF
$marker
ClusterName=basin
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge_socket
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/run/slurmctld.pid
SlurmdPidFile=$state/run/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
# Without a default a job would be given the whole node's memory and nothing else could run beside it.
DefMemPerCPU=1024
GresTypes=gpu
ReturnToService=2
MinJobAge=60
KillWait=5
MessageTimeout=10
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb Gres=gpu:$gres_gpus State=UNKNOWN
# OverSubscribe: up to four jobs share a CPU, so the tests' runs need not queue behind each
# other on a two-core machine (GPUs are never shared).
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
EOF
  mkdir -p "$state/gpus"
  rm -f "$state"/gpus/nvidia*
  for index in $(seq 0 $((gres_gpus - 1))); do ln -s /dev/null "$state/gpus/nvidia$index"; done
  cat >"$state/gres.conf" <<EOF
$marker
NodeName=$host Name=gpu File=$state/gpus/nvidia[0-$((gres_gpus - 1))]
EOF
  # The client tools read /etc/slurm/slurm.conf; never overwrite one that someone else wrote.
  mkdir -p /etc/slurm
  if [ ! -e /etc/slurm/slurm.conf ] || grep -qF "$marker" /etc/slurm/slurm.conf; then
    cp "$conf" /etc/slurm/slurm.conf
    cp "$state/gres.conf" /etc/slurm/gres.conf
  else
    say "/etc/slurm/slurm.conf was not written by this script; use SLURM_CONF=$conf with the client tools"
  fi
}

start_munged() {
  alive "$state/run/munged.pid" && return 0
  munged --force --socket="$munge_socket" --pid-file="$state/run/munged.pid" \
    --log-file="$state/log/munged.log" --seed-file="$state/munge/munged.seed"
}

start_slurmctld() {
  alive "$state/run/slurmctld.pid" && return 0
  # -i: ignore state that no longer fits this configuration instead of refusing to start.
  SLURM_CONF="$conf" slurmctld -i -f "$conf"
}

start_slurmd() {
  alive "$state/run/slurmd.pid" && return 0
  SLURM_CONF="$conf" slurmd -f "$conf"
}

wait_idle() {
  local host state_now
  host="$(hostname -s)"
  for _ in $(seq 1 60); do
    state_now="$(SLURM_CONF="$conf" sinfo -h -n "$host" -o '%T' 2>/dev/null | head -n1 || true)"
    case "$state_now" in
      idle | mixed | allocated | completing)
        say "node $host is $state_now ($(SLURM_CONF="$conf" sinfo --version))"
        return 0
        ;;
      down* | drain*)
        SLURM_CONF="$conf" scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true
        ;;
    esac
    sleep 1
  done
  say "the node did not become idle within 60 s; see $state/log/" >&2
  exit 1
}

stop_daemon() {
  local name="$1" pid_file="$state/run/$1.pid"
  if alive "$pid_file"; then
    local pid
    pid="$(cat "$pid_file")"
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    say "stopped $name ($pid)"
  fi
  rm -f "$pid_file"
}

case "${1:-}" in
  start)
    install_packages
    write_config
    start_munged
    start_slurmctld
    start_slurmd
    wait_idle
    ;;
  stop)
    stop_daemon slurmd
    stop_daemon slurmctld
    stop_daemon munged
    ;;
  status)
    SLURM_CONF="$conf" sinfo
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac

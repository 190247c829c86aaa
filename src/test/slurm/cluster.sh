#!/usr/bin/env bash
# A one-node SLURM cluster on this machine, for the integration test (ShardSlurmTest):
#   cluster.sh start DIR   writes a munge key and slurm.conf under DIR, starts munged, slurmctld and
#                          slurmd (as root: seconds), and waits until the node takes jobs
#   cluster.sh stop DIR    stops them
# SLURM_CONF=DIR/slurm.conf is what sbatch and squeue then need. Needs slurm-wlm and munge (Debian).
set -euo pipefail
cmd=${1:?start or stop}; dir=$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)
export SLURM_CONF=$dir/slurm.conf
case $cmd in
start)
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
  chmod 700 "$dir/munge"
  [ -f "$dir/munge/munge.key" ] || { dd if=/dev/urandom bs=1 count=1024 of="$dir/munge/munge.key" 2>/dev/null; chmod 400 "$dir/munge/munge.key"; }
  host=$(hostname -s)
  cat > "$SLURM_CONF" <<CONF
ClusterName=anisoscope-ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
NodeName=$host CPUs=$(nproc) RealMemory=$(( $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) * 8 / 10 )) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
         --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed" --force
  # slurm finds munge's socket through the plugin's default unless told: point it there
  echo "AuthInfo=socket=$dir/munge/munge.socket" >> "$SLURM_CONF"
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"
  for i in $(seq 1 60); do
    if sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then echo "slurm: one node up ($host, $(nproc) CPUs)"; exit 0; fi
    sleep 1
  done
  echo "slurm did not come up; its logs:" >&2; tail -n 20 "$dir/log/"*.log >&2; exit 1
  ;;
stop)
  for p in "$dir/run/slurmd.pid" "$dir/run/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true
  done
  ;;
esac

#!/usr/bin/env bash
# Here, on a machine with the JDK and Maven: puts into .device/ what packaging/gpu/device-run.sh needs on a
# GPU machine that has no Java and no network. Whatever copies the working tree there (with .device/) may
# limit its size (64 MiB is checked below) and bring back only a few files; so:
#   .device/anisoscope.jar   the app (16 MB)
#   .device/rt.tar.xz        a Java runtime cut to the modules the CLI needs (75 MB unpacked, 17 MB as xz)
# Then, there, from the tree's root with .device/ beside it: `bash packaging/gpu/device-run.sh` (see that script).
#
# The modules: java.desktop because picocli instantiates every command at start-up and some hold
# java.awt types (a runtime of java.base alone fails every command with NoClassDefFoundError:
# java/awt/Color, found by `device-run.sh --dry-run`); java.sql for Jackson's date types;
# java.logging for JCuda; jdk.unsupported for JTransforms' and JCuda's Unsafe; jdk.incubator.vector
# for the CPU engine's and the transforms' SIMD path (device-run.sh starts Java with it).
set -euo pipefail
cd "$(dirname "$0")/../.."
modules=java.base,java.desktop,java.logging,java.sql,jdk.unsupported,jdk.incubator.vector
mkdir -p .device
if [ ! -f target/anisoscope.jar ] || [ -n "$(find pom.xml src kernels -newer target/anisoscope.jar -type f ! -name "*.sh" -print -quit)" ]; then
  echo "building target/anisoscope.jar"
  mvn -q -B -DskipTests package
fi
cp target/anisoscope.jar .device/anisoscope.jar.tmp && mv .device/anisoscope.jar.tmp .device/anisoscope.jar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# uncompressed modules: xz packs them to a quarter, jlink's own zip to two thirds
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$tmp/rt"
tar -C "$tmp" -cJf .device/rt.tar.xz.tmp rt && mv .device/rt.tar.xz.tmp .device/rt.tar.xz
git describe --always --dirty > .device/commit.txt 2>/dev/null || echo unknown > .device/commit.txt
# what travels: tracked and untracked-not-ignored files, ../shared is not sent, plus .device
tree=$(git ls-files -co --exclude-standard -z | xargs -0 stat -c %s 2>/dev/null | awk '{s += $1} END {print s + 0}')
carried=$(du -sb .device | cut -f1)
total=$(( tree + carried ))
printf 'working tree %.1f MiB + .device %.1f MiB = %.1f MiB (at most 64 MiB travel)\n' \
  "$(echo "$tree / 1048576" | bc -l)" "$(echo "$carried / 1048576" | bc -l)" "$(echo "$total / 1048576" | bc -l)"
[ "$total" -lt $(( 62 * 1048576 )) ] || { echo "error: more than the 62 MiB that travel to the GPU machine"; exit 1; }
echo "ready: with .device/ beside the tree, run there: bash packaging/gpu/device-run.sh"

#!/usr/bin/env bash
# Builds a self-contained Anisoscope for this platform with jpackage (JDK 17+): an app image
# (a folder with its own trimmed Java runtime, nothing to install), and a .deb where dpkg-deb and
# fakeroot exist. Usage: packaging/build.sh   (run from anywhere; output in target/package/)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\([0-9][^<]*\)</version>.*:\1:p' pom.xml | head -1)
[ -f target/anisoscope.jar ] || mvn -q -B -DskipTests package
rm -rf target/package target/package-input
mkdir -p target/package-input
cp target/anisoscope.jar target/package-input/
# the modules the jar needs (JavaFX and the libraries come in the jar itself)
# and jdk.incubator.vector, enabled in the launcher, for the CPU engine's and the transforms' SIMD path
modules=java.base,java.desktop,java.logging,java.xml,java.sql,java.naming,jdk.unsupported,jdk.xml.dom,jdk.incubator.vector
common=(--input target/package-input --main-jar anisoscope.jar --main-class org.anisoscope.Main
        --name Anisoscope --app-version "$version" --add-modules "$modules"
        --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=2"
        --java-options "--add-modules jdk.incubator.vector -XX:MaxRAMPercentage=60"
        --description "Cosmic-ray small-scale anisotropies: backtracking, sky maps, angular power"
        --vendor "Anisoscope")
jpackage --type app-image --dest target/package "${common[@]}"
echo "app image: target/package/Anisoscope (run target/package/Anisoscope/bin/Anisoscope)"
if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  jpackage --type deb --dest target/package --linux-shortcut --linux-menu-group Science "${common[@]}"
  echo "installer: $(ls target/package/*.deb)"
else
  echo "no .deb: dpkg-deb and fakeroot are needed for it (apt-get install fakeroot)"
fi

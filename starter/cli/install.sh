#!/usr/bin/env bash
# Installs the rollwright command line under PREFIX (default ~/.local): the jar in
# PREFIX/lib/rollwright, the `rollwright` launcher in PREFIX/bin. Build it first:
#   ./mvnw -q -B -pl starter/cli -am package -DskipTests
# A class-data sharing archive of the classes a command loads is made at install, so each command
# starts faster; it is made again whenever the jar changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:-$HOME/.local}
jar=$here/target/rollwright.jar
if [ ! -f "$jar" ]; then
  echo "install.sh: $jar is missing; build it first: ./mvnw -q -B -pl starter/cli -am package -DskipTests" >&2
  exit 1
fi
java=$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java") || { echo "install.sh: no java on the PATH (Java 17 or later)" >&2; exit 1; }
lib=$prefix/lib/rollwright
mkdir -p "$lib" "$prefix/bin"
cp "$jar" "$lib/rollwright.jar"
rm -f "$lib/rollwright.jsa"
cat > "$prefix/bin/rollwright" <<LAUNCHER
#!/bin/sh
cds=""
[ -f "$lib/rollwright.jsa" ] && cds="-XX:SharedArchiveFile=$lib/rollwright.jsa -Xshare:auto"
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k \$cds -jar "$lib/rollwright.jar" "\$@"
LAUNCHER
chmod +x "$prefix/bin/rollwright"
# Trains the archive on what commands load: every command's options, a status read and shown, and a
# call to Temporal (at an address that refuses it, so no server is needed). The archive is made here,
# not when the jar is built: it is only used with the very jar file and JVM it was made with.
"$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$lib/rollwright.jsa" -jar "$lib/rollwright.jar" \
  startup-training >/dev/null 2>&1 || true
echo "installed $prefix/bin/rollwright$(case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo " (add $prefix/bin to your PATH)";; esac)"

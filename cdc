#!/bin/sh
# The cdc command line (cdc-cli): connectors and topics of cdc-bridge without curl. ./cdc --help lists the commands.
jar="$(dirname "$0")/cdc-cli/target/cdc-cli-exec.jar"
if [ ! -f "$jar" ]; then
  echo "cdc: $jar is missing; build it with: ./mvnw -B -DskipTests package" >&2
  echo "     (or only the CLI: ./mvnw -B -DskipTests -pl cdc-cli -am package)" >&2
  exit 1
fi
exec java ${CDC_JAVA_OPTS:--XX:TieredStopAtLevel=1 -Xshare:auto} -jar "$jar" "$@"

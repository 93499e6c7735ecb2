#!/usr/bin/env bash
# Builds a native installer with the JDK's jpackage: an app image by default, a .deb with --deb
# (needs fakeroot: apt-get install -y fakeroot). Run from the repository root after `mvn -B -q package -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/.."
type="app-image"
[ "${1:-}" = "--deb" ] && type="deb"
[ -f target/wayfinder.jar ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
version=$(sed -n 's/^version=//p' target/classes/io/wayfinder/build.properties | sed 's/-SNAPSHOT//')
rm -rf target/installer target/jpackage-input
mkdir -p target/jpackage-input/lib
cp target/wayfinder.jar target/jpackage-input/
cp target/lib/*.jar target/jpackage-input/lib/
args=(--name wayfinder --app-version "$version" --input target/jpackage-input --main-jar wayfinder.jar
      --main-class io.wayfinder.cli.Main --dest target/installer --type "$type"
      --java-options "-Xmx4g" --description "Neural architecture search workbench")
if [ "$type" = deb ]; then
  args+=(--linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group Science)
fi
jpackage "${args[@]}"
ls -la target/installer

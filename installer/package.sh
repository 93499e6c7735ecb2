#!/usr/bin/env bash
# Builds Wayfinder's native packages with the JDK's jpackage, from target/wayfinder.jar and target/lib/ (built first
# with `mvn -B -q package -DskipTests` when missing):
#   target/installer/wayfinder/              app image: its own Java runtime (jlink) with the JavaFX modules linked
#                                            in, the jars, the CPU natives (linux-x86_64); launcher bin/wayfinder
#   target/installer/wayfinder_<v>_amd64.deb the same image installed under /opt/wayfinder, a `wayfinder` command
#                                            (/usr/bin/wayfinder) and a desktop entry with the icon
# Usage: installer/package.sh [--image-only]   (the .deb needs fakeroot: apt-get install -y fakeroot)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "package: $*"; }
image_only=false
[ "${1:-}" = "--image-only" ] && image_only=true

if [ ! -f target/wayfinder.jar ]; then
  say "building target/wayfinder.jar (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests
fi
version=$(sed -n 's/^version=//p' target/classes/io/wayfinder/build.properties | sed 's/-SNAPSHOT//')
rm -rf target/installer target/jpackage-input
mkdir -p target/jpackage-input/lib target/jpackage-javafx target/installer
cp target/wayfinder.jar target/jpackage-input/
for j in target/lib/*.jar; do
  case "$(basename "$j")" in
    javafx-*-linux.jar) cp "$j" target/jpackage-javafx/ ;;  # linked into the runtime as modules (a supported setup)
    javafx-*.jar) ;;                                                # the empty per-platform stubs
    *) cp "$j" target/jpackage-input/lib/ ;;
  esac
done

common=(--name wayfinder --app-version "$version" --vendor "Wayfinder" --input target/jpackage-input
        --main-jar wayfinder.jar --main-class io.wayfinder.cli.Main --icon installer/wayfinder.png
        --description "Neural architecture search workbench"
        --java-options '-Xmx4g'
        --jlink-options '--strip-debug --no-man-pages --no-header-files --compress=2')

# the runtime: Java SE, what the libraries reach beyond it (Unsafe, zip file systems, ...), and JavaFX
modules="java.se,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.crypto.ec,jdk.charsets,jdk.management"
modules="$modules,jdk.net,jdk.xml.dom,jdk.naming.dns,jdk.security.auth,jdk.accessibility,jdk.jsobject,jdk.jfr"
modules="$modules,javafx.base,javafx.graphics,javafx.controls,javafx.fxml"
say "app image (jpackage --type app-image: jlink runtime with JavaFX + jars + CPU natives)"
jpackage "${common[@]}" --type app-image --dest target/installer --module-path target/jpackage-javafx \
         --add-modules "$modules"
say "image: $(du -sh target/installer/wayfinder | cut -f1) in target/installer/wayfinder (launcher bin/wayfinder)"

if ! $image_only; then
  command -v fakeroot >/dev/null || { say "the .deb needs fakeroot: apt-get install -y fakeroot" >&2; exit 1; }
  say "Debian package (jpackage --type deb from the same image)"
  jpackage --type deb --app-image target/installer/wayfinder --name wayfinder --app-version "$version" \
           --vendor "Wayfinder" --description "Neural architecture search workbench" --icon installer/wayfinder.png \
           --linux-package-name wayfinder --linux-package-deps libgtk-3-0 --linux-shortcut \
           --linux-menu-group Science --linux-app-category science --dest target/installer \
           --resource-dir installer/deb
  say "Debian package: $(ls target/installer/*.deb) ($(du -h target/installer/*.deb | cut -f1))"
fi

# Sourced by the build and launch scripts: points JAVA_HOME at a JDK >= 21.
# The workbench's SWT/Eclipse UI bundles need Java 21 (osgi.ee JavaSE-21); the default java on
# many Linux machines is 17, so we look in the usual places instead of trusting PATH.
# Order: $CGFORMER_JAVA_HOME, $JAVA_HOME, java on PATH, /usr/lib/jvm/*, /opt/java/*, /opt/*jdk*, ~/.sdkman, ~/.jdks.

cgformer_java_major() {
  # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

cgformer_find_jdk() {
  local min=21 candidates=() looked=() c major
  [ -n "${CGFORMER_JAVA_HOME-}" ] && candidates+=("$CGFORMER_JAVA_HOME")
  [ -n "${JAVA_HOME-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/*jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      major=$(cgformer_java_major "$c/bin/java")
      looked+=("$c (Java ${major:-?})")
      if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
        export JAVA_HOME="$c" CGFORMER_JAVA_MAJOR="$major"
        return 0
      fi
    else
      looked+=("$c (no bin/java + bin/javac)")
    fi
  done
  {
    echo "cgformer: no JDK >= $min found. The Eclipse/SWT bundles of the workbench need Java $min or newer."
    echo "Looked at (CGFORMER_JAVA_HOME, JAVA_HOME, java on PATH, /usr/lib/jvm/*, /opt/java/*, /opt/*jdk*, ~/.sdkman, ~/.jdks):"
    if [ ${#looked[@]} -eq 0 ]; then echo "  (nothing found)"; else printf '  %s\n' "${looked[@]}"; fi
    echo "Install a JDK $min+ (e.g. Temurin) and set CGFORMER_JAVA_HOME or JAVA_HOME to it."
  } >&2
  return 1
}

# JVM options every launch script adds (CGFORMER_JAVA_OPTS comes after them and wins):
# - Felix 7 and some Eclipse bundles still use sun.misc.Unsafe, which Java 24+ warns about on every
#   start (the option exists from Java 23 on).
# - GCTimeRatio=4: G1 grows the heap until collection takes under 1/(1+ratio) of the time; its default
#   of 12 (8 %) made screening, which allocates fast but keeps ~20 MB live, commit 1.8 GB of heap and
#   peak at 2.2 GiB resident; at 20 % it stays near 1.2-1.4 GiB at the same throughput (bench screen,
#   docs/screening.md). The heap may still grow to the JVM's maximum when live data needs it.
cgformer_jvm_options() {
  if [ "${CGFORMER_JAVA_MAJOR:-0}" -ge 23 ]; then echo "--sun-misc-unsafe-memory-access=allow"; fi
  echo "--enable-native-access=ALL-UNNAMED"
  echo "-XX:GCTimeRatio=4"
}

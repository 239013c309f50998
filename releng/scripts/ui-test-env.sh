# Sourced by ./build: makes sure SWT can open windows for the UI tests.
# Installs xvfb, GTK 3 and ImageMagick with apt-get when missing (as root or with sudo -n),
# starts Xvfb on a free display when none is set, and stops it when the build exits.

cgformer_apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "build: cannot install $* (no apt-get); install them with your package manager." >&2; return 1
  fi
  echo "build: installing $* for the UI tests (apt-get)..." >&2
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"; } >&2 \
    || { echo "build: could not install $*; install them by hand (they are needed by the SWT UI tests)." >&2; return 1; }
}

cgformer_ui_test_env() {
  local missing=()
  command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
  ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || missing+=(libgtk-3-0)
  command -v xdpyinfo >/dev/null 2>&1 || missing+=(x11-utils)
  command -v import >/dev/null 2>&1 || missing+=(imagemagick)
  if [ ${#missing[@]} -gt 0 ]; then cgformer_apt_install "${missing[@]}" || return 1; fi
  export GDK_BACKEND=x11 NO_AT_BRIDGE=1 SWT_GTK3=1
  if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then return 0; fi
  local n=99
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  CGFORMER_XVFB_PID=$!
  trap 'kill $CGFORMER_XVFB_PID 2>/dev/null' EXIT
  export DISPLAY=":$n"
  for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "build: Xvfb did not start on $DISPLAY" >&2; return 1
}

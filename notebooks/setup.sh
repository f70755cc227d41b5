#!/usr/bin/env bash
# setup.sh STEP... installs what the notebooks and their tests need, one step
# at a time, and skips a step whose result is already there. The Makefile and
# .ci/run call it; every step says what it does.
#
# Steps:
#   jupyter   Jupyter Notebook and nbconvert (apt-get as root on Debian/Ubuntu, else pip --user)
#   tools     GoNB and goimports at the versions go.mod pins ("go install tool")
#   gopls     gopls v0.23.0 (GoNB's completion; installed on its own, see go.mod)
#   kernel    registers the GoNB kernel with Jupyter ("gonb --install")
#   echarts   the pinned echarts and RequireJS ("npm ci" in logreg/chart/js)
#   data      a9a and a9a.t ("go run ./cmd/sgdlab fetch": $SGDLAB_DATA, the cache, or a download)
#   chromium  Debian's Chromium, for the report browser tests
#   python    Debian's python3-numpy, python3-torch, python3-sklearn (reference programs)
set -euo pipefail

cd "$(dirname "$0")/.."
GOBIN=$(go env GOBIN)
GOBIN=${GOBIN:-$(go env GOPATH)/bin}
export PATH="$GOBIN:$HOME/.local/bin:$PATH"

say() { printf '==> %s\n' "$*"; }
done_() { printf '    already done: %s\n' "$*"; }

apt_ok() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_updated=
apt_install() {
	if [ -z "$apt_updated" ]; then
		say "apt-get update"
		apt-get update -qq
		apt_updated=1
	fi
	say "apt-get install $*"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# has_version BIN MODULE VERSION: BIN exists and was built from MODULE@VERSION.
has_version() {
	[ -x "$1" ] && go version -m "$1" 2>/dev/null | grep -qE "^[[:space:]]+mod[[:space:]]+$2[[:space:]]+$3([[:space:]]|$)"
}

step_jupyter() {
	say "jupyter: Jupyter Notebook and nbconvert, to run the notebooks"
	if jupyter nbconvert --version >/dev/null 2>&1 && jupyter notebook --version >/dev/null 2>&1; then
		done_ "jupyter $(jupyter notebook --version), nbconvert $(jupyter nbconvert --version)"
		return
	fi
	if apt_ok; then
		apt_install jupyter-notebook jupyter-nbconvert python3-ipykernel
	else
		say "python3 -m pip install --user notebook nbconvert"
		python3 -m pip install --user --quiet notebook nbconvert
	fi
}

step_tools() {
	say "tools: GoNB and goimports as go.mod pins them (go install tool)"
	local v
	v=$(go list -m -f '{{.Version}}' github.com/janpfeifer/gonb)
	if has_version "$GOBIN/gonb" github.com/janpfeifer/gonb "$v" && [ -x "$GOBIN/goimports" ]; then
		done_ "gonb $v and goimports in $GOBIN"
		return
	fi
	go install tool
}

step_gopls() {
	say "gopls: gopls v0.23.0, GoNB's completion and hover help"
	if has_version "$GOBIN/gopls" golang.org/x/tools/gopls v0.23.0; then
		done_ "gopls v0.23.0 in $GOBIN"
		return
	fi
	go install golang.org/x/tools/gopls@v0.23.0
}

step_kernel() {
	say "kernel: register the GoNB kernel with Jupyter (gonb --install)"
	local spec
	spec="$(jupyter --data-dir)/kernels/gonb/kernel.json"
	if [ -f "$spec" ] && grep -qF "\"$GOBIN/gonb\"" "$spec"; then
		done_ "$spec"
		return
	fi
	# gonb --install checks that go and goimports are on PATH and records its own absolute path.
	(cd /tmp && "$GOBIN/gonb" --install --logtostderr 2>&1 | grep -v '^I' || true)
	[ -f "$spec" ] || { echo "setup: gonb --install wrote no $spec" >&2; exit 1; }
}

step_echarts() {
	say "echarts: the pinned echarts and RequireJS (npm ci in logreg/chart/js)"
	local dir=logreg/chart/js
	if [ ! -f "$dir/package-lock.json" ]; then
		echo "setup: $dir/package-lock.json is missing" >&2
		exit 1
	fi
	if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
		done_ "$dir/node_modules"
		return
	fi
	if ! command -v npm >/dev/null; then
		apt_ok || { echo "setup: npm is missing; install Node.js and npm" >&2; exit 1; }
		apt_install nodejs npm
	fi
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
}

step_data() {
	say "data: a9a and a9a.t (\$SGDLAB_DATA, the user cache, or a download into it)"
	go run ./cmd/sgdlab fetch
}

step_chromium() {
	say "chromium: Debian's Chromium, to check that every report's charts draw"
	if command -v chromium >/dev/null; then
		done_ "$(command -v chromium)"
		return
	fi
	apt_ok || { echo "setup: chromium is missing; install Debian's chromium package" >&2; exit 1; }
	apt_install chromium
}

step_python() {
	say "python: numpy, torch and scikit-learn from Debian, for the reference programs"
	if /usr/bin/python3 -c 'import numpy, torch, sklearn' >/dev/null 2>&1; then
		done_ "/usr/bin/python3 imports numpy, torch and sklearn"
		return
	fi
	apt_ok || { echo "setup: /usr/bin/python3 lacks numpy, torch or sklearn" >&2; exit 1; }
	apt_install python3-numpy python3-torch python3-sklearn
}

[ $# -gt 0 ] || { sed -n '2,/^set /p' "$0" | sed '$d'; exit 2; }
for s in "$@"; do
	case $s in
	jupyter | tools | gopls | kernel | echarts | data | chromium | python) "step_$s" ;;
	*)
		echo "setup: unknown step $s" >&2
		exit 2
		;;
	esac
done

#!/usr/bin/env bash
# Set up the project: the Python 3.10 virtual environment in .venv with every dependency pinned
# by requirements.lock. Idempotent: returns at once when nothing changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=".venv/.installed-$(cat requirements.txt requirements.lock scripts/setup.sh | sha256sum | cut -c1-16)"
[ -f "$stamp" ] && exit 0

# System packages, installed with apt-get when running as root, else named for the admin.
need_system_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing system packages: ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
        echo "Please install these system packages (as root): apt-get install ${missing[*]}" >&2
        exit 1
    fi
}

# Rasa 3.6 needs Python < 3.11: python3.10 from PATH, else pyenv's, else the distribution's.
find_python() {
    local candidate
    for candidate in python3.10 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import venv' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

python=$(find_python) || {
    if apt-cache show python3.10-venv >/dev/null 2>&1; then
        need_system_packages python3.10 python3.10-venv
        python=$(find_python)
    else
        echo "Python 3.10 is needed (Rasa 3.6 runs on Python < 3.11) and was not found." >&2
        echo "Install it with pyenv ('pyenv install 3.10') or your distribution's python3.10." >&2
        exit 1
    fi
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 10)'; then
    rm -rf .venv
    "$python" -m venv .venv
fi
echo "Installing Python packages into .venv (a few minutes the first time)…"
.venv/bin/python -m pip install --quiet --disable-pip-version-check pip -c requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock
rm -f .venv/.installed-*
touch "$stamp"

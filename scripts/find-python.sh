#!/usr/bin/env sh
# Print the path of a Python >= 3.12 (Django 6 needs it), trying the usual places in turn.
# pyenv's shims fail unless a version is selected, so pyenv's versions are tried by full path.
# Exits 1 with advice when there is none.
set -u
check() { "$1" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
candidates=""
[ -n "${PYTHON:-}" ] && candidates="$PYTHON"
for name in python3.14 python3.13 python3.12 python3; do
  p=$(command -v "$name" 2>/dev/null) && candidates="$candidates $p"
done
root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
# Newest first: ls -r sorts 3.13.0 before 3.12.1.
for p in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9] \
    /opt/homebrew/bin/python3.1[2-9] 2>/dev/null | sort -r -V); do
  [ -x "$p" ] && candidates="$candidates $p"
done
for p in $candidates; do
  if check "$p"; then echo "$p"; exit 0; fi
done
echo "No Python 3.12 or newer found (Django 6 needs it). Install one, e.g.:" >&2
echo "  Debian/Ubuntu: sudo apt-get install python3.12 python3.12-venv   (or: pyenv install 3.13)" >&2
echo "  macOS: brew install python@3.13" >&2
echo "or point PYTHON=/path/to/python3.12 at one you have." >&2
exit 1

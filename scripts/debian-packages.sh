#!/usr/bin/env bash
# Installs the Debian packages the app (run) or the test suite (test) needs, only when missing.
set -euo pipefail
wanted=()
ldconfig -p | grep -q libpango-1.0 || wanted+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi dejavu || wanted+=(fonts-dejavu-core)
if [ "${1:-run}" = test ]; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || wanted+=(postgresql)
  [ -x /usr/bin/chromium ] || wanted+=(chromium)
  command -v pdftotext >/dev/null || wanted+=(poppler-utils)
  command -v npm >/dev/null || wanted+=(npm)                    # installs axe-core and vnu-jar
  command -v java >/dev/null || wanted+=(default-jre-headless)  # runs vnu.jar
  [ -x /usr/sbin/nginx ] || wanted+=(nginx)                    # the TLS proxy of tests/samenwerking/test_nginx.py
  command -v openssl >/dev/null || wanted+=(openssl)           # makes that proxy's test certificate
fi
[ ${#wanted[@]} -eq 0 ] && exit 0
echo "Debian-pakketten installeren: ${wanted[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${wanted[@]}"

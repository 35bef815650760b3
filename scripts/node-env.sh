# shellcheck shell=sh
# Source this file to put a Node.js >= 22.12 first on PATH.
#
# charta's stack (ai 7, vitest 5, kysely 0.29) needs Node >= 22.12; some machines ship Node 20. When the
# node on PATH is older, this installs the official Node 24 binary from the npm registry package
# node-<os>-<arch>@24 into a cache folder (once) and prepends its bin/ to PATH. Nothing is downloaded from
# anywhere but the npm registry.
#
#   . scripts/node-env.sh            # in a shell
#   CHARTA_NODE_CACHE=/path ...      # where the cached Node lives (default ~/.cache/charta/node)

charta_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! charta_node_ok; then
  charta_cache="${CHARTA_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/charta/node}"
  case "$(uname -s)" in Linux) charta_os=linux ;; Darwin) charta_os=darwin ;; *) charta_os=unsupported ;; esac
  case "$(uname -m)" in x86_64 | amd64) charta_arch=x64 ;; aarch64 | arm64) charta_arch=arm64 ;; *) charta_arch=unsupported ;; esac
  charta_pkg="node-${charta_os}-${charta_arch}"
  charta_bin="$charta_cache/node_modules/$charta_pkg/bin"
  if [ ! -x "$charta_bin/node" ]; then
    echo "charta: node $(node --version 2>/dev/null || echo missing) is older than 22.12; installing $charta_pkg@24 from the npm registry into $charta_cache" >&2
    mkdir -p "$charta_cache"
    npm install --prefix "$charta_cache" --no-save --no-audit --no-fund --loglevel=error "$charta_pkg@24" >&2 \
      || { echo "charta: could not install $charta_pkg@24; install Node >= 22.12 yourself" >&2; return 1 2>/dev/null || exit 1; }
  fi
  PATH="$charta_bin:$PATH"
  export PATH
  unset charta_cache charta_os charta_arch charta_pkg charta_bin
fi
unset -f charta_node_ok

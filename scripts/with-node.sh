#!/bin/sh
# Runs a command with Node >= 22.12 first on PATH (see node-env.sh). npm scripts go through this, so
# `npm start` and `npm test` work on a machine whose own node is older.
set -e
. "$(dirname "$0")/node-env.sh"
exec "$@"

#!/bin/sh
# Builds the server and everything it serves, then writes the deployable artefact to $1: the bundled
# server (dist/: main.js, migrate.js, migrations/, public/) and its production node_modules, nothing
# else. The Dockerfile runs exactly this; apps/server/src/production-artifact.test.ts runs it too.
set -eu
out="${1:?usage: assemble-server.sh OUTPUT_DIR}"
pnpm exec turbo run build --filter=@bookable/server... --output-logs=errors-only
rm -rf "$out"
pnpm --filter @bookable/server deploy --prod "$out"

# syntax=docker/dockerfile:1
# Bookable server image: build in a full Node image, ship only the bundled server, its production
# dependencies and the built web app, run as a non-root user.
# The build stage runs scripts/assemble-server.sh, the same script the production-artifact test runs.

FROM node:24-slim AS build
WORKDIR /src
RUN npm install --global pnpm@12.4.2
# Manifests first, so the dependency layer is cached until a manifest or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/validators/package.json packages/validators/
COPY packages/db/package.json packages/db/
COPY packages/core/package.json packages/core/
COPY packages/api/package.json packages/api/
COPY packages/auth/package.json packages/auth/
COPY packages/integrations/package.json packages/integrations/
COPY packages/testing/package.json packages/testing/
COPY packages/client/package.json packages/client/
RUN pnpm install --frozen-lockfile
COPY . .
RUN sh scripts/assemble-server.sh /out

FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /out /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations also run as a one-off: docker run IMAGE node dist/migrate.js
# A queue worker is the same image with the command: node dist/worker.js
# SIGTERM drains (readiness fails, requests in flight finish) within SHUTDOWN_GRACE_SECONDS.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]

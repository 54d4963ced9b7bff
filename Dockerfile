# Firebreak: two stages. The first installs production dependencies; the second runs as an
# unprivileged user with only what the app needs: src/, db/, templates/. The Slack emulator
# (packages/slack-emulator, a dev-only workspace), the demo, tests and benchmarks stay out of the image.
# Migrations are applied at start-up.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
# npm needs every workspace's package.json to read the lockfile; --workspaces=false installs none of them.
COPY package.json package-lock.json ./
COPY packages/slack-emulator/package.json ./packages/slack-emulator/
# postinstall patches postgres.js (scripts/patch-postgres.mjs says why).
COPY scripts ./scripts
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 FIREBREAK_DATA_DIR=/data
# The digest's chart is drawn without a browser; its text needs a font on the system.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json manifest.yml ./
COPY src ./src
COPY db ./db
COPY templates ./templates
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]

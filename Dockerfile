# The pipeline's own services (exchange simulators, feed handlers, offload worker) for
# docker-compose.v2.yml: one image, `k2-chaos <command>` chosen by the compose service.
FROM node:20.19-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

# Dependencies first, so that a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY src ./src
COPY services ./services
COPY scripts ./scripts
COPY stack ./stack
COPY manifests ./manifests
COPY tsconfig.json ./

# Named volumes mounted at /data (feed handler spill buffers) take this owner on first use.
RUN mkdir -p /data && chown node:node /data
USER node
ENTRYPOINT ["node", "bin/k2-chaos.mjs"]
CMD ["--help"]

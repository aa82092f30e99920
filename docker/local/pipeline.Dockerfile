# The pipeline's own services (and, in docker-compose.local.yml, the broker and object store) on
# Node 20 from Debian trixie, for machines whose builds cannot reach the npm registry: the
# context is the checkout with the node_modules that `npm ci` installed on the host.
ARG BASE=k2-chaos-base:trixie-node
FROM ${BASE}
RUN useradd --create-home --uid 1000 node \
    && mkdir -p /data /var/lib/redpanda/data \
    && chown node:node /data /var/lib/redpanda/data
WORKDIR /app
COPY . .
USER node
ENTRYPOINT ["node", "bin/k2-chaos.mjs"]
CMD ["--help"]

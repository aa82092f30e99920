# ClickHouse 18.16 from Debian bookworm, for machines that cannot pull clickhouse/clickhouse-server.
# FROM a base made offline by mmdebstrap (k2-chaos images build), never a pulled image.
ARG BASE=k2-chaos-base:bookworm
FROM ${BASE}
ENV DEBIAN_FRONTEND=noninteractive
# wget answers the compose file's healthcheck, as in the real image.
RUN apt-get update && apt-get install -y --no-install-recommends clickhouse-server clickhouse-client wget \
    && rm -rf /var/lib/apt/lists/*
COPY clickhouse-listen.xml /etc/clickhouse-server/config.d/k2-listen.xml
COPY clickhouse-entrypoint.sh /usr/local/bin/k2-clickhouse-entrypoint
EXPOSE 8123 9000
ENTRYPOINT ["/usr/local/bin/k2-clickhouse-entrypoint"]

# PostgreSQL 15 from Debian bookworm, for machines that cannot pull postgres:15-alpine.
ARG BASE=k2-chaos-base:bookworm
FROM ${BASE}
ENV DEBIAN_FRONTEND=noninteractive
# No packaged cluster: the entrypoint makes one in the volume, as the official image does.
RUN mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \
    && apt-get update && apt-get install -y --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/*
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/k2-postgres-entrypoint
EXPOSE 5432
# postgres stops fast on SIGINT; SIGTERM waits for every client to leave.
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/k2-postgres-entrypoint"]

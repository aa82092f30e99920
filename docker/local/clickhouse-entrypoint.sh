#!/bin/sh
# Takes CLICKHOUSE_USER and CLICKHOUSE_PASSWORD as the official image does, then runs the
# server as the clickhouse user in the foreground, logging to stdout (docker logs).
set -eu
user="${CLICKHOUSE_USER:-default}"
password="${CLICKHOUSE_PASSWORD:-}"
case "$user$password" in *'<'*|*'>'*|*'&'*) echo "CLICKHOUSE_USER and CLICKHOUSE_PASSWORD must not contain < > &" >&2; exit 1 ;; esac
if [ "$user" = default ]; then
  entry="<default><password>$password</password></default>"
else
  entry="<$user><password>$password</password><networks><ip>::/0</ip></networks><profile>default</profile><quota>default</quota></$user>"
fi
printf '<?xml version="1.0"?>\n<yandex><users>%s</users></yandex>\n' "$entry" > /etc/clickhouse-server/users.d/k2-credentials.xml
mkdir -p /var/lib/clickhouse/tmp
chown -R clickhouse:clickhouse /var/lib/clickhouse
exec setpriv --reuid=clickhouse --regid=clickhouse --init-groups \
  /usr/sbin/clickhouse-server --config-file=/etc/clickhouse-server/config.xml -- \
  --path=/var/lib/clickhouse/ --tmp_path=/var/lib/clickhouse/tmp/ \
  --logger.console=1 --logger.log= --logger.errorlog= --logger.level=information

/** Labels Docker Compose puts on what it creates; the compose target finds a project by them. */
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
/** On networks: the network's key in the compose file (`k2-net`), whatever Docker named it. */
export const COMPOSE_NETWORK_LABEL = 'com.docker.compose.network';

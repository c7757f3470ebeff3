# Sourced by the image scripts: podman and buildah read this project's containers.conf (runc, no default
# ulimits) and use podman's default store without a daemon.
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/scripts/containers.conf}"

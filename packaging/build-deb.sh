#!/bin/sh
# Make dist/nianbao_<version>_<arch>.deb from the frozen bundle dist/nianbao/ (make dist) with
# dpkg-deb alone. The bundle goes to /opt/nianbao; the command, desktop entry, icons and the
# MIME type of drafts go where the desktop looks for them. Depends: is what dpkg-shlibdeps finds
# the bundle's programs and libraries need from the system, less what the bundle carries.
#
#     sh packaging/build-deb.sh [bundle folder] [output folder]
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUNDLE=${1:-$ROOT/dist/nianbao}
OUT=${2:-$ROOT/dist}
WORK=$ROOT/build/deb
ICONS=$ROOT/resources/icons

[ -x "$BUNDLE/nianbao" ] || { echo "没有找到程序包目录 $BUNDLE/nianbao，请先运行 make dist。" >&2; exit 1; }
VERSION=$(cat "$BUNDLE/_internal/VERSION")
ARCH=$(dpkg --print-architecture)
TRIPLET=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -dumpmachine 2>/dev/null || echo x86_64-linux-gnu)
DEB=$OUT/nianbao_${VERSION}_${ARCH}.deb

rm -rf "$WORK"
PKG=$WORK/root
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
         "$PKG/usr/share/mime/packages" "$PKG/usr/share/doc/nianbao" "$OUT"

# The bundle, owned by root, no stray write bits (lintian and IT departments both check).
cp -a "$BUNDLE" "$PKG/opt/nianbao"
find "$PKG/opt/nianbao" -type d -exec chmod 0755 {} +
find "$PKG/opt/nianbao" -type f -exec chmod go-w {} +
find "$PKG/opt/nianbao/_internal" -type f -name '*.so*' -exec chmod 0644 {} +  # libraries are not programs
# Debug symbols are of no use on an office PC (never the program itself: its archive is appended).
find "$PKG/opt/nianbao/_internal" -type f -name '*.so*' -exec strip --strip-unneeded {} + 2>/dev/null || true
ln -s /opt/nianbao/nianbao "$PKG/usr/bin/nianbao"  # absolute: it crosses top-level folders

# Desktop entry, MIME type, icons.
install -m 0644 "$HERE/linux/nianbao.desktop" "$PKG/usr/share/applications/nianbao.desktop"
install -m 0644 "$HERE/linux/nianbao-mime.xml" "$PKG/usr/share/mime/packages/nianbao.xml"
for png in "$ICONS"/png/nianbao-[0-9]*.png; do
  size=${png##*-}; size=${size%.png}
  install -D -m 0644 "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/nianbao.png"
  install -D -m 0644 "$ICONS/png/nianbao-draft-$size.png" \
    "$PKG/usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-nianbao.png"
done
install -D -m 0644 "$ICONS/nianbao.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/nianbao.svg"
install -D -m 0644 "$ICONS/nianbao-draft.svg" \
  "$PKG/usr/share/icons/hicolor/scalable/mimetypes/application-x-nianbao.svg"

# Documentation Debian asks every package for.
install -m 0644 "$HERE/linux/copyright" "$PKG/usr/share/doc/nianbao/copyright"
printf 'nianbao (%s) stable; urgency=medium\n\n  * 版本 %s。\n\n -- nianbao <nianbao@example.org>  %s\n' \
  "$VERSION" "$VERSION" "$(date -R -u -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")" \
  | gzip -9n > "$PKG/usr/share/doc/nianbao/changelog.gz"
chmod 0644 "$PKG/usr/share/doc/nianbao/changelog.gz"

# Depends: what the bundle's ELF files need from the system ...
ELVES=$WORK/elves
find "$PKG/opt/nianbao" -type f \( -name '*.so*' -o -perm -u+x \) | while read -r f; do
  [ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = "177ELF" ] && echo "$f"
done > "$ELVES"
LIBDIRS=$(sed 's|/[^/]*$||' "$ELVES" | sort -u | sed 's/^/-l/' | tr '\n' ' ')
mkdir -p "$WORK/shlibs/debian"
printf 'Source: nianbao\n\nPackage: nianbao\nArchitecture: any\n' > "$WORK/shlibs/debian/control"
# shellcheck disable=SC2046,SC2086
DEPENDS=$(cd "$WORK/shlibs" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 $LIBDIRS \
          $(cat "$ELVES") 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
# ... less the packages whose libraries the bundle carries itself (Python's own needs).
CARRIED=$(for lib in "$PKG"/opt/nianbao/_internal/*.so*; do
  name=$(basename "$lib")
  for dir in /usr/lib/$TRIPLET /lib/$TRIPLET; do
    [ -e "$dir/$name" ] && dpkg -S "*/$(basename "$(readlink -f "$dir/$name")")" 2>/dev/null | cut -d: -f1 && break
  done
done | sort -u | grep -v '^libc6$' || true)
DEPENDS=$(echo "$DEPENDS" | tr ',' '\n' | sed 's/^ *//' | while read -r dep; do
  pkg=${dep%% *}
  echo "$CARRIED" | grep -qx "$pkg" || echo "$dep"
done | paste -sd, - | sed 's/,/, /g')
[ -n "$DEPENDS" ] || { echo "dpkg-shlibdeps 没有给出依赖。" >&2; exit 1; }

SIZE=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<EOF
Package: nianbao
Version: $VERSION
Architecture: $ARCH
Maintainer: nianbao <nianbao@example.org>
Installed-Size: $SIZE
Depends: $DEPENDS
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei
Section: misc
Priority: optional
Description: annual report on government information disclosure (政府信息公开工作年度报告)
 政务公开年报填报（nianbao）用于填写、检查、打印和交换政府信息公开工作年度报告。
 表格与官方格式一致，填写时即时核对勾稽关系；草稿是一个文件，可以发给同事打开；
 导出的 PDF 嵌入字体，可直接发布和打印。程序完全离线运行，不连接网络。
EOF
for script in postinst postrm; do
  install -m 0755 "$HERE/linux/$script" "$PKG/DEBIAN/$script"
done
(cd "$PKG" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort \
  | xargs -d '\n' md5sum > DEBIAN/md5sums)
chmod 0644 "$PKG/DEBIAN/md5sums" "$PKG/DEBIAN/control"

rm -f "$DEB"
# gzip by default: every dpkg reads it, and it takes seconds where xz takes minutes on two
# cores. For a release, DEB_COMPRESS="-Zxz -z6" makes the file about a fifth smaller.
# shellcheck disable=SC2086
dpkg-deb --root-owner-group ${DEB_COMPRESS:--Zgzip -z6} --build "$PKG" "$DEB" >/dev/null
echo "$DEB"

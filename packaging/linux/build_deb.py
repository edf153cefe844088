"""Build dist/goaldesk_<version>_<arch>.deb from the one-folder bundle (``make deb``).

Layout: the bundle in /opt/goaldesk/ (it is self-contained and keeps its own Qt, so it stays out of
/usr/lib), a /usr/bin/goaldesk link to it, the menu entry, AppStream metadata, icons, man page and
docs in /usr/share. No maintainer scripts: the icon cache and desktop database are refreshed by the
dpkg triggers of hicolor-icon-theme and desktop-file-utils, and the app writes nothing under /opt.

``Depends:`` is generated, not guessed: every shared library that a bundled ELF file links directly
and that the bundle does not ship is resolved with ``ldd`` (with the bundle's own folders on the
library path, as at run time) and mapped to its package with ``dpkg -S``. Libraries of the host's
libraries are those packages' business. libc6 gets the newest GLIBC symbol version the bundle uses.

    .venv/bin/python packaging/linux/build_deb.py [--bundle dist/GoalDesk] [--out dist]
"""

from __future__ import annotations

import argparse
import ast
import email.utils
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
from build_bundle import _files, _is_elf, bundle_size  # noqa: E402

PACKAGE = "goaldesk"
PREFIX = Path("opt") / PACKAGE
MAINTAINER = "The GoalDesk team <goaldesk@users.noreply.github.com>"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Libraries whose absence only switches a feature off: Recommends, not Depends. libcups is taken from
# the host on purpose (HOST_LIBS in the spec); without it Qt's CUPS plugin is skipped and printing to
# PDF still works.
OPTIONAL_LIBS = {"libcups.so.2"}
# Run-time needs that are files, not libraries, so ldd cannot see them: the bundled libfontconfig
# reads /etc/fonts/fonts.conf (fontconfig-config, which also pulls in a font).
DATA_DEPENDS = ("fontconfig-config",)


class DebError(Exception):
    """The package cannot be built; the message says what to do."""


@dataclass
class Dependencies:
    depends: dict[str, str] = field(default_factory=dict)  # package -> version constraint ("" = any)
    recommends: set[str] = field(default_factory=set)
    sonames: dict[str, tuple[str, str]] = field(default_factory=dict)  # external soname -> (path, package)
    notes: list[str] = field(default_factory=list)


def read_identity(init: Path = ROOT / "goaldesk" / "__init__.py") -> dict[str, str]:
    """APP_ID, APP_NAME, SUMMARY, __version__ from goaldesk/__init__.py (the only place they live)."""
    found = {}
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def dpkg_architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def elf_info(path: Path) -> tuple[list[str], set[str]]:
    """(DT_NEEDED sonames, GLIBC_x.y versions required) of one ELF file, from ``objdump -p``."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=False).stdout
    needed = [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]
    return needed, set(re.findall(r"\bGLIBC_(\d+\.\d+(?:\.\d+)?)\b", out))


def ldd(path: Path, library_path: str) -> dict[str, str | None]:
    """soname -> resolved path (None: not found) as the dynamic linker sees it for ``path``."""
    env = {**os.environ, "LD_LIBRARY_PATH": library_path}
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False).stdout
    found: dict[str, str | None] = {}
    for line in out.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        if not arrow:  # the dynamic linker itself: "/lib64/ld-linux-x86-64.so.2 (0x...)"
            if name.startswith("/"):
                target = name.split(" (")[0]
                found[Path(target).name] = target
            continue
        target = rest.split(" (")[0].strip()
        found[name] = None if target == "not found" else target
    return found


def owner_package(path: str) -> str | None:
    """The installed package owning ``path`` (``dpkg -S``), trying the /usr-merged spellings too."""
    real = os.path.realpath(path)
    candidates = [path, real]
    for item in (path, real):
        if item.startswith("/usr/"):
            candidates.append(item[4:])
        elif item.startswith("/lib"):
            candidates.append("/usr" + item)
    for candidate in dict.fromkeys(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        for line in result.stdout.splitlines():
            if line.startswith(("diversion ", "local diversion")):
                continue
            package, sep, _where = line.partition(": ")
            if sep:
                return package.split(":")[0].split(",")[0].strip()
    return None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def find_dependencies(bundle: Path) -> Dependencies:
    """What the bundle needs from the system: see the module docstring."""
    elfs = [p for p in _files(bundle) if _is_elf(p)]
    shipped = {p.name for p in bundle.rglob("*")}
    library_path = ":".join(sorted({str(p.parent) for p in elfs if ".so" in p.name}))
    deps = Dependencies()
    glibc: set[str] = set()
    external: dict[str, Path] = {}  # soname -> one bundled file that links it
    for elf in elfs:
        needed, versions = elf_info(elf)
        glibc |= versions
        for soname in needed:
            if soname not in shipped:
                external.setdefault(soname, elf)
    resolved: dict[str, str | None] = {}
    for consumer in dict.fromkeys(external.values()):
        resolved.update(ldd(consumer, library_path))
    missing = []
    for soname in sorted(external):
        path = resolved.get(soname)
        if path is None:
            if soname in OPTIONAL_LIBS:
                deps.notes.append(f"{soname} not installed here: no Recommends for it")
                continue
            missing.append(f"{soname} (needed by {external[soname].relative_to(bundle)})")
            continue
        package = owner_package(path)
        if package is None:
            raise DebError(f"{path} ({soname}) belongs to no installed package: cannot name a dependency for it")
        deps.sonames[soname] = (path, package)
        if soname in OPTIONAL_LIBS:
            deps.recommends.add(package)
        else:
            deps.depends.setdefault(package, "")
    if missing:
        raise DebError("libraries the bundle links are not installed on this machine: " + ", ".join(missing))
    if "libc6" in deps.depends and glibc:
        deps.depends["libc6"] = f">= {max(glibc, key=_version_key)}"
    for package in DATA_DEPENDS:
        deps.depends.setdefault(package, "")
    deps.recommends -= set(deps.depends)
    return deps


def depends_field(depends: dict[str, str]) -> str:
    return ", ".join(f"{name} ({version})" if version else name for name, version in sorted(depends.items()))


def metainfo_description(metainfo: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    """(paragraphs/bullets of the long description, [(version, date, notes)]) from the metainfo."""
    root = ET.parse(metainfo).getroot()
    lines: list[str] = []
    description = root.find("description")
    for element in description if description is not None else []:
        if element.tag == "p":
            lines.append(" ".join("".join(element.itertext()).split()))
        elif element.tag in ("ul", "ol"):
            lines.extend("* " + " ".join("".join(item.itertext()).split()) for item in element)
    releases = []
    for release in root.findall("releases/release"):
        notes_element = release.find("description")
        notes = " ".join("".join(notes_element.itertext()).split()) if notes_element is not None else "New release."
        releases.append((release.get("version", ""), release.get("date", ""), notes))
    return lines, releases


def _wrap(text: str, indent: str = " ", rest: str | None = None, width: int = 78) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=rest or indent) or [indent + "."]


def control_file(identity: dict[str, str], arch: str, deps: Dependencies, installed_kb: int,
                 long_description: list[str]) -> str:
    body: list[str] = []
    for number, line in enumerate(long_description):
        if number and not line.startswith("* "):
            body.append(" .")
        if line.startswith("* "):
            body.extend(_wrap(line[2:], indent="  * ", rest="    "))
        else:
            body.extend(_wrap(line))
    fields = [
        ("Package", PACKAGE),
        ("Version", identity["__version__"]),
        ("Architecture", arch),
        ("Maintainer", MAINTAINER),
        ("Installed-Size", str(installed_kb)),
        ("Depends", depends_field(deps.depends)),
        ("Recommends", ", ".join(sorted(deps.recommends))),
        ("Section", "utils"),
        ("Priority", "optional"),
        ("Homepage", f"https://{identity['ORG_DOMAIN']}"),
        ("Description", identity["SUMMARY"][0].lower() + identity["SUMMARY"][1:]),
    ]
    text = "".join(f"{key}: {value}\n" for key, value in fields if value)
    return text + "\n".join(body) + "\n"


def debian_changelog(releases: list[tuple[str, str, str]]) -> str:
    """A native package's changelog, one entry per AppStream <release> (newest first)."""
    entries = []
    for version, date, notes in releases:
        when = datetime.fromisoformat(date).replace(tzinfo=UTC) if date else datetime.now(UTC)
        lines = _wrap(notes, indent="  * ", rest="    ")
        entries.append(f"{PACKAGE} ({version}) unstable; urgency=medium\n\n" + "\n".join(lines)
                       + f"\n\n -- {MAINTAINER}  {email.utils.format_datetime(when)}\n")
    return "\n".join(entries)


def _gzip(text: str, target: Path) -> None:
    """gzip -9n: no name or timestamp inside, so the package is reproducible (lintian checks)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def _install(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def stage(bundle: Path, staging: Path, identity: dict[str, str]) -> list[tuple[str, str, str]]:
    """Fill ``staging`` with the package's files; returns the AppStream releases for the changelog."""
    app_id = identity["APP_ID"]
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / PREFIX, symlinks=True)
    (staging / "usr" / "bin").mkdir(parents=True)
    (staging / "usr" / "bin" / PACKAGE).symlink_to(f"/{PREFIX}/goaldesk")
    share = staging / "usr" / "share"
    _install(HERE / f"{app_id}.desktop", share / "applications" / f"{app_id}.desktop")
    _install(HERE / f"{app_id}.metainfo.xml", share / "metainfo" / f"{app_id}.metainfo.xml")
    icons, hicolor = ROOT / "resources" / "icons" / "app", share / "icons" / "hicolor"
    for size in ICON_SIZES:
        _install(icons / f"goaldesk-{size}.png", hicolor / f"{size}x{size}" / "apps" / f"{app_id}.png")
    _install(icons / "goaldesk.svg", hicolor / "scalable" / "apps" / f"{app_id}.svg")
    doc = share / "doc" / PACKAGE
    _install(HERE / "copyright", doc / "copyright")
    _, releases = metainfo_description(HERE / f"{app_id}.metainfo.xml")
    _gzip(debian_changelog(releases), doc / "changelog.gz")
    page = (HERE / "goaldesk.1").read_text(encoding="utf-8").replace("@VERSION@", identity["__version__"])
    _gzip(page, share / "man" / "man1" / "goaldesk.1.gz")
    _install(HERE / "goaldesk.lintian-overrides", share / "lintian" / "overrides" / PACKAGE)
    _normalise_modes(staging)
    return releases


def _normalise_modes(staging: Path) -> None:
    """0755 folders and executables, 0644 everything else (wheels ship odd modes; lintian checks)."""
    for dirpath, dirs, names in os.walk(staging):
        os.chmod(dirpath, 0o755)
        for name in names:
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            executable = path.stat().st_mode & 0o111 and (path.name == "goaldesk" or ".so" not in path.name)
            path.chmod(0o755 if executable else 0o644)
        for name in dirs:
            os.chmod(Path(dirpath) / name, 0o755)


def installed_size_kb(staging: Path) -> int:
    """dpkg's Installed-Size: 1 kB per file rounded up, 1 per symlink and folder."""
    total = 0
    for dirpath, dirs, names in os.walk(staging):
        if Path(dirpath).name == "DEBIAN":
            continue
        total += len(dirs)
        for name in names:
            path = Path(dirpath) / name
            total += 1 if path.is_symlink() else (path.stat().st_size + 1023) // 1024
    return total


def write_md5sums(staging: Path) -> None:
    lines = []
    for path in sorted(p for p in _files(staging) if "DEBIAN" not in p.relative_to(staging).parts[:1]):
        digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
        lines.append(f"{digest}  {path.relative_to(staging).as_posix()}\n")
    (staging / "DEBIAN" / "md5sums").write_text("".join(lines), encoding="utf-8")


def build_deb(bundle: Path, out_dir: Path, work: Path) -> tuple[Path, Dependencies]:
    for tool in ("dpkg-deb", "dpkg", "objdump", "ldd"):
        if shutil.which(tool) is None:
            raise DebError(f"`{tool}` not found: apt-get install dpkg-dev binutils")
    if not (bundle / "goaldesk").is_file():
        raise DebError(f"no bundle at {bundle}: run `make bundle` first")
    identity = read_identity()
    arch = dpkg_architecture()
    deps = find_dependencies(bundle)
    staging = work / "deb" / f"{PACKAGE}_{identity['__version__']}_{arch}"
    stage(bundle, staging, identity)
    description, _ = metainfo_description(HERE / f"{identity['APP_ID']}.metainfo.xml")
    (staging / "DEBIAN").mkdir()
    (staging / "DEBIAN" / "control").write_text(
        control_file(identity, arch, deps, installed_size_kb(staging), description), encoding="utf-8")
    write_md5sums(staging)
    _normalise_modes(staging / "DEBIAN")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{identity['__version__']}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(target)],
                   check=True, stdout=subprocess.DEVNULL)
    return target, deps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/goaldesk_<version>_<arch>.deb from dist/GoalDesk.")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "GoalDesk")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args(argv)
    try:
        target, deps = build_deb(args.bundle.resolve(), args.out.resolve(), args.work.resolve())
    except (DebError, subprocess.CalledProcessError) as exc:
        print(f"make deb: {exc}", file=sys.stderr)
        return 1
    for note in deps.notes:
        print(f"note: {note}")
    print("Libraries the bundle links from the system (ldd, dpkg -S):")
    for soname, (path, package) in sorted(deps.sonames.items()):
        print(f"  {soname:22} {path:42} {package}")
    print(f"Depends: {depends_field(deps.depends)}")
    if deps.recommends:
        print(f"Recommends: {', '.join(sorted(deps.recommends))}")
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    print(f"Bundle size: {bundle_size(args.bundle.resolve()) / 1e6:.0f} MB")
    print(f"Package: {shown} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the one-folder GoalDesk bundle (dist/GoalDesk/) with PyInstaller and report its size.

``make bundle`` runs this. The spec (packaging/goaldesk.spec) decides what goes in and strips the
shared libraries; this script runs PyInstaller from the repository root so ``build/`` and ``dist/``
land in the usual places, then prints ``Bundle size: N MB`` (and the biggest parts with ``--top``).

    .venv/bin/python packaging/build_bundle.py [--clean] [--top 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "goaldesk.spec"
WORK = ROOT / "build"
DIST = ROOT / "dist"
BUNDLE = DIST / "GoalDesk"
ELF_MAGIC = b"\x7fELF"


def _files(root: Path) -> Iterator[Path]:
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = Path(dirpath) / name
            if not path.is_symlink():
                yield path


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ELF_MAGIC
    except OSError:
        return False


def strip_shared_libraries(root: Path) -> int:
    """``strip --strip-unneeded`` every ELF shared library under ``root`` outside ``*.libs/`` folders.

    Libraries vendored by auditwheel (``numpy.libs``, ``pillow.libs``...) are left alone: stripping
    OpenBLAS breaks numpy, which is why the spec does not use PyInstaller's ``strip=True``. The
    executable itself is skipped too (the bootloader carries the archive after its ELF image).
    Returns the bytes saved; a missing ``strip`` tool only prints a note.
    """
    strip = shutil.which("strip")
    if strip is None:
        print("note: `strip` not found (binutils); bundle left unstripped", file=sys.stderr)
        return 0
    before = bundle_size(root)
    targets = [
        p
        for p in _files(root)
        if not any(part.endswith(".libs") for part in p.relative_to(root).parts[:-1])
        and (".so" in p.name or p.suffix == ".pyd")
        and _is_elf(p)
    ]
    for chunk in range(0, len(targets), 200):
        subprocess.run([strip, "--strip-unneeded", *map(str, targets[chunk : chunk + 200])], check=False)
    return before - bundle_size(root)


def remove_dangling_symlinks(root: Path) -> list[Path]:
    """Delete symlinks whose target the spec pruned (PyInstaller links top-level names to Qt libs)."""
    removed = []
    for dirpath, dirs, names in os.walk(root):
        for name in names + dirs:
            path = Path(dirpath) / name
            if path.is_symlink() and not path.exists():
                path.unlink()
                removed.append(path)
    return removed


def trim_bundled_icu(root: Path) -> int:
    """Swap Qt's ICU data library for one with only the data Qt uses (packaging/trim_icu.py).

    Returns the bytes saved. Anything unexpected (no binutils, a library layout the script does not
    know) keeps the original library and prints why: the bundle is then bigger, never broken.
    ``GOALDESK_FULL_ICU=1`` skips the step.
    """
    if os.environ.get("GOALDESK_FULL_ICU") == "1":
        print("note: GOALDESK_FULL_ICU=1, ICU data left untrimmed")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from trim_icu import TrimError, trim

    saved = 0
    for lib in sorted(p for p in _files(root) if p.name.startswith("libicudata.so.")):
        try:
            before, after, _dropped = trim(lib)
        except TrimError as exc:
            print(f"note: ICU data left untrimmed ({lib.name}: {exc}); the bundle is ~26 MB bigger", file=sys.stderr)
            continue
        print(f"Trimmed ICU data ({lib.name}): {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
        saved += before - after
    return saved


def ensure_binutils() -> None:
    """strip/objdump/as/ld (binutils) shrink the Linux bundle. Missing ones are installed with apt-get
    when running as root (CI on a fresh Debian); otherwise the build goes on with a note."""
    if not sys.platform.startswith("linux"):
        return
    missing = [tool for tool in ("strip", "objdump", "as", "ld") if shutil.which(tool) is None]
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing binutils (missing: {', '.join(missing)})")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "binutils"], check=False, env=env)
        missing = [tool for tool in missing if shutil.which(tool) is None]
    if missing:
        tools = ", ".join(missing)
        print(f"note: {tools} not found (binutils): the bundle will not be stripped/trimmed", file=sys.stderr)


def bundle_size(root: Path = BUNDLE) -> int:
    """Bytes of real files under ``root`` (symlinks not counted twice)."""
    return sum(p.stat().st_size for p in _files(root))


def biggest(root: Path = BUNDLE, count: int = 15) -> list[tuple[int, str]]:
    """The ``count`` largest entries two levels below the bundle's ``_internal`` folder."""
    base = root / "_internal" if (root / "_internal").is_dir() else root
    sizes: dict[str, int] = {}
    for path in _files(base):
        parts = path.relative_to(base).parts
        key = "/".join(parts[:2]) if len(parts) > 2 else "/".join(parts)
        if parts[:3] == ("PySide6", "Qt", "lib") or parts[:3] == ("PySide6", "Qt", "plugins"):
            key = "/".join(parts[:4])
        sizes[key] = sizes.get(key, 0) + path.stat().st_size
    return sorted(((size, key) for key, size in sizes.items()), reverse=True)[:count]


def build(clean: bool = False) -> Path:
    """Run PyInstaller on the spec; return the bundle folder (raises CalledProcessError on failure)."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--workpath",
        str(WORK),
        "--distpath",
        str(DIST),
        str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    subprocess.run(command, check=True, cwd=ROOT)
    return BUNDLE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/GoalDesk with PyInstaller and print its size.")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache and build/ first")
    parser.add_argument("--top", type=int, default=0, metavar="N", help="also list the N biggest parts")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("PyInstaller is not installed: run `make bundle` (installs the [bundle] extra)", file=sys.stderr)
        return 2
    ensure_binutils()
    try:
        bundle = build(clean=args.clean)
    except subprocess.CalledProcessError as exc:
        print(f"PyInstaller failed (exit {exc.returncode}); see the messages above", file=sys.stderr)
        return 1
    if not bundle.is_dir():  # macOS: only the .app is interesting, but COLLECT's folder is there too
        print(f"no bundle at {bundle}", file=sys.stderr)
        return 1
    for size, key in biggest(bundle, args.top) if args.top else []:
        print(f"{size / 1e6:8.1f} MB  {key}")
    print(f"Bundle: {bundle.relative_to(ROOT)}/{'goaldesk.exe' if os.name == 'nt' else 'goaldesk'}")
    print(f"Bundle size: {bundle_size(bundle) / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

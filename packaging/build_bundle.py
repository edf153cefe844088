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


DT_NULL, DT_STRTAB, DT_RPATH, DT_RUNPATH = 0, 5, 15, 29


def _drop_foreign_runpath(path: Path) -> str | None:
    """Remove DT_RPATH/DT_RUNPATH from one 64-bit little-endian ELF file when none of its folders is
    relative to ``$ORIGIN`` (the way ``chrpath -d`` does: later entries move up, DT_NULL fills the
    end). Returns the removed search path, or None when there was nothing to remove."""
    data = bytearray(path.read_bytes())
    if data[:4] != ELF_MAGIC or data[4] != 2 or data[5] != 1:
        return None
    phoff = int.from_bytes(data[0x20:0x28], "little")
    phentsize = int.from_bytes(data[0x36:0x38], "little")
    phnum = int.from_bytes(data[0x38:0x3A], "little")
    loads, dynamic = [], None
    for index in range(phnum):
        header = data[phoff + index * phentsize : phoff + (index + 1) * phentsize]
        kind = int.from_bytes(header[0:4], "little")
        offset, vaddr = int.from_bytes(header[8:16], "little"), int.from_bytes(header[16:24], "little")
        filesz = int.from_bytes(header[32:40], "little")
        if kind == 1:
            loads.append((vaddr, offset, filesz))
        elif kind == 2:
            dynamic = (offset, filesz)
    if dynamic is None:
        return None
    entries = []
    for at in range(dynamic[0], dynamic[0] + dynamic[1] - 15, 16):
        tag = int.from_bytes(data[at : at + 8], "little", signed=True)
        entries.append((tag, int.from_bytes(data[at + 8 : at + 16], "little")))
        if tag == DT_NULL:
            break
    strtab = next((value for tag, value in entries if tag == DT_STRTAB), None)
    found = [value for tag, value in entries if tag in (DT_RPATH, DT_RUNPATH)]
    if strtab is None or not found:
        return None
    table = next((offset + strtab - vaddr for vaddr, offset, size in loads if vaddr <= strtab < vaddr + size), None)
    if table is None:
        return None
    paths = [data[table + value : data.index(0, table + value)].decode(errors="replace") for value in found]
    if any(part.startswith("$ORIGIN") for search in paths for part in search.split(":")):
        return None
    kept = [entry for entry in entries if entry[0] not in (DT_RPATH, DT_RUNPATH)]
    kept += [(DT_NULL, 0)] * (len(entries) - len(kept))
    for number, (tag, value) in enumerate(kept):
        at = dynamic[0] + number * 16
        data[at : at + 16] = tag.to_bytes(8, "little", signed=True) + value.to_bytes(8, "little")
    path.write_bytes(bytes(data))
    return ":".join(paths)


def drop_foreign_runpaths(root: Path) -> list[Path]:
    """Remove library search paths that point outside the bundle, such as pyenv's
    ``RUNPATH /home/<builder>/.pyenv/.../lib`` on libpython and lib-dynload: on the user's machine that
    folder is someone else's (or missing), and lintian rightly calls it an error. The bundle finds its
    libraries without it (libpython is already loaded when extension modules are)."""
    changed = []
    for path in _files(root):
        if ".so" in path.name and _is_elf(path) and _drop_foreign_runpath(path) is not None:
            changed.append(path)
    return changed


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


def _dynamic_symbols(path: Path) -> tuple[set[str], set[str]]:
    """(defined, undefined) dynamic symbol names of an ELF file, versions stripped (``objdump -T``)."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 4 or len(fields[0]) not in (8, 16) or not fields[0].isalnum():
            continue  # headers, blank lines
        name = fields[-1]
        (undefined if "*UND*" in line else defined).add(name)
    return defined, undefined


def _needed(path: Path) -> list[str]:
    """Direct DT_NEEDED entries of an ELF file."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=False).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def _host_library(soname: str) -> Path | None:
    """Where the host's dynamic linker finds ``soname`` (``ldconfig -p``), or None."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return None
    machine = "x86-64" if os.uname().machine == "x86_64" else os.uname().machine
    for line in out.splitlines():
        name, _sep, rest = line.strip().partition(" ")
        if name == soname and "=>" in rest and (machine in rest or "64" in rest):
            return Path(rest.split("=>")[1].strip())
    return None


# Libraries vendored by auditwheel under a hashed name that the bundle already carries (or the host
# has, smaller): hashed-name prefix -> (library to use instead, prefix of the symbols it must define).
# Pillow's libzstd/liblzma (for libtiff) duplicate the ones Qt and Python bring; its libXau is 2.1 MB
# because patchelf aligned it to 2 MiB pages (the host's is 16 kB, same API since 1990s).
SHARED_VENDORED = {
    "libzstd-": ("libzstd.so.1", "ZSTD_"),
    "liblzma-": ("liblzma.so.5", "lzma_"),
    "libXau-": ("libXau.so.6", "Xau"),
}


def share_vendored_libraries(root: Path) -> int:
    """Replace the duplicates in ``SHARED_VENDORED``: a symlink to the bundled copy, else a copy of the
    host's library; only when it defines every symbol with that prefix the bundle's libraries import.
    Returns the bytes saved."""
    if shutil.which("objdump") is None:
        return 0
    internal = root / "_internal" if (root / "_internal").is_dir() else root
    elf_files = [p for p in _files(internal) if ".so" in p.name and _is_elf(p)]
    saved = 0
    for lib in sorted(p for p in elf_files if p.parent.name.endswith(".libs")):
        match = next((v for k, v in SHARED_VENDORED.items() if lib.name.startswith(k)), None)
        if match is None:
            continue
        soname, prefix = match
        bundled = internal / soname
        replacement = bundled if bundled.is_file() else _host_library(soname)
        if replacement is None or not replacement.is_file():
            continue
        wanted = set()
        for other in elf_files:
            if lib.name in _needed(other):
                wanted |= {n for n in _dynamic_symbols(other)[1] if n.startswith(prefix)}
        if not wanted <= _dynamic_symbols(replacement)[0]:
            print(f"note: {lib.name} kept: {replacement} lacks {sorted(wanted - _dynamic_symbols(replacement)[0])}")
            continue
        before = lib.stat().st_size
        lib.unlink()
        if replacement == bundled:
            lib.symlink_to(os.path.relpath(bundled, lib.parent))
            after = 0
        else:
            shutil.copyfile(replacement, lib)
            lib.chmod(0o755)
            after = lib.stat().st_size
        saved += before - after
        print(f"{lib.relative_to(internal)}: {'linked to' if after == 0 else 'replaced by'} {replacement.name} "
              f"({(before - after) / 1e6:.1f} MB saved)")
    return saved


# GSSAPI entry points QtNetwork imports (HTTP Negotiate authentication) and what the stub returns.
GSS_FAILURE = 0xD0000  # GSS_S_FAILURE: QAuthenticator reports the failure; nothing else uses GSSAPI
GSS_FUNCTIONS = {
    "gss_import_name": GSS_FAILURE, "gss_acquire_cred": GSS_FAILURE, "gss_init_sec_context": GSS_FAILURE,
    "gss_display_status": GSS_FAILURE, "gss_release_name": 0, "gss_release_cred": 0,
    "gss_release_buffer": 0, "gss_delete_sec_context": 0,
}
GSS_DATA = "GSS_C_NT_HOSTBASED_SERVICE"
GSS_VERSION = "gssapi_krb5_2_MIT"
# Each function: if (minor_status) *minor_status = 0; return value;
STUB_BODY = {
    "x86_64": "\ttest %rdi, %rdi\n\tjz 1f\n\tmovl $0, (%rdi)\n1:\tmov ${value}, %eax\n\tret\n",
    "aarch64": "\tcbz x0, 1f\n\tstr wzr, [x0]\n1:\tmov w0, #{value}\n\tret\n",
}


def gssapi_stub(out: Path, consumers: list[str]) -> bool:
    """Write a stand-in ``libgssapi_krb5.so.2`` to ``out``: every call fails cleanly. Only if the
    ``consumers`` (libraries linking it) import nothing else, and binutils can build it here."""
    body = STUB_BODY.get(os.uname().machine)
    assembler, linker = shutil.which("as"), shutil.which("ld")
    if body is None or assembler is None or linker is None or shutil.which("objdump") is None:
        return False
    wanted = set()
    for consumer in consumers:
        out_t = subprocess.run(["objdump", "-T", consumer], capture_output=True, text=True, check=False).stdout
        wanted |= {line.split()[-1] for line in out_t.splitlines() if f"({GSS_VERSION})" in line and "*UND*" in line}
    if not wanted <= {*GSS_FUNCTIONS, GSS_DATA}:
        print(f"note: GSSAPI kept: the stub lacks {sorted(wanted - {*GSS_FUNCTIONS, GSS_DATA})}")
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t.text"]
    for name, value in GSS_FUNCTIONS.items():
        lines += [f"\t.globl {name}", f'\t.type {name}, "function"', "\t.balign 16", f"{name}:",
                  body.format(value=value)]
    # GSS_C_NT_HOSTBASED_SERVICE: pointer to the OID 1.2.840.113554.1.2.1.4 (RFC 2744)
    lines += ["\t.section .data.rel.ro", "\t.balign 8", ".Loid:", "\t.quad 10", "\t.quad .Lbytes",
              f"\t.globl {GSS_DATA}", f'\t.type {GSS_DATA}, "object"', f"\t.size {GSS_DATA}, 8",
              f"{GSS_DATA}:", "\t.quad .Loid", "\t.section .rodata",
              ".Lbytes:", "\t.byte 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x01, 0x04",
              '\t.section .note.GNU-stack,"",%progbits']
    exports = "; ".join([*GSS_FUNCTIONS, GSS_DATA])
    source, obj, script = out.with_suffix(".s"), out.with_suffix(".o"), out.with_suffix(".map")
    source.write_text("\n".join(lines) + "\n", encoding="ascii")
    script.write_text(f"{GSS_VERSION} {{ global: {exports}; local: *; }};\n", encoding="ascii")
    try:
        subprocess.run([assembler, "-o", str(obj), str(source)], check=True)
        subprocess.run([linker, "-shared", "-soname", out.name, f"--version-script={script}", "-z", "noexecstack",
                        "-s", "-o", str(out), str(obj)], check=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"note: GSSAPI stub not built ({exc}); Kerberos stays in the bundle")
        return False
    print(f"{out.name}: stub ({out.stat().st_size} bytes) instead of MIT Kerberos")
    return True


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

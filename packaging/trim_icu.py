"""Replace Qt's ICU data library (``libicudata.so.NN``, 32 MB) with one holding only what Qt uses.

The PySide6 wheels link QtCore against ICU, whose data (every locale, converter, break dictionary...)
is compiled into ``libicudata.so.73`` as one symbol, ``icudt73_dat``, an ICU *common data* package.
QtCore calls only three ICU services (``objdump -T libQt6Core.so.6 | grep _73``):

- collation (``ucol_*``): QCollator, ``localeAwareCompare``, sorting in file dialogs. Kept whole:
  ``coll/`` (3.3 MB, every locale's tailoring) and the Unicode collation table ``ucadata.icu``.
- calendars and time zones (``ucal_*``): ``QTimeZone`` display names. Kept: the zone database, the
  supplemental data, and the locale/zone names of ``root`` and English; other languages fall back
  to root (``GMT+01:00`` style names). GoalDesk shows no time zone names.
- converters (``ucnv_*``): ``QStringConverter`` for encodings Qt does not implement itself (UTF-8/16/32
  and Latin-1 are Qt's own, and algorithmic in ICU). Kept: the alias table and the single-byte legacy
  encodings of the WHATWG encoding standard (windows-125x, ISO-8859-x, KOI8, IBM866, Mac); the CJK
  tables and the ~150 IBM/EBCDIC code pages go (see ``KEEP_CONVERTERS``).

Nothing imports break iterators (``ubrk_*``: Qt's text layout and line breaking use Qt's own Unicode
tables), number/currency/unit/region/language names, transliterators, StringPrep, character names or
the locale matcher, so ``brkitr/``, ``curr/``, ``lang/``, ``region/``, ``unit/``, ``rbnf/``,
``translit/``, ``*.spp``, the spoof data, ``unames.icu`` and ``langInfo.res`` go.

How: read the package out of the ELF file (the ``icudtNN_dat`` symbol in ``.dynsym``), rewrite the
package (same header, table of contents filtered, items unchanged, 16-byte aligned, names sorted as
ICU's binary search wants), wrap it with ``.incbin`` and link it with binutils' ``as``/``ld`` into a
shared library with the same SONAME and symbol. Pure Python + binutils (already needed by
PyInstaller on Linux); no ICU tools. ``icupkg -l`` (icu-devtools) lists the result, if wanted.

    .venv/bin/python packaging/trim_icu.py LIB [--out OUT] [--list]
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

SYMBOL_RE = re.compile(rb"^icudt(\d+)_dat$")
# A locale's resource bundle: "de.res", "en_GB.res", "sr_Latn_BA.res" (not "res_index", "root"...)
LOCALE_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]+)*\.res$")
KEEP_LOCALES = re.compile(r"^en(?:_[A-Za-z0-9]+)*\.res$")
ALWAYS = {"res_index.res", "root.res", "pool.res"}
DROP_TREES = {"brkitr", "curr", "lang", "region", "unit", "rbnf", "translit"}
DROP_SUFFIXES = (".spp", ".cfu")  # StringPrep profiles (IDNA2003, LDAP...), spoof checker
# Character names (u_charName) and the locale matcher's distance table: no Qt code calls them.
DROP_FILES = {"unames.icu", "langInfo.res"}
# Table-based converters kept, by ICU's file name (`uconv -l` maps the usual names to these).
KEEP_CONVERTERS = {
    "ibm-5346_P100-1998", "ibm-5347_P100-1998", "ibm-5348_P100-1997", "ibm-5349_P100-1998",
    "ibm-5350_P100-1998", "ibm-9447_P100-2002", "ibm-9448_X100-2005", "ibm-9449_P100-2002",
    "ibm-5354_P100-1998", "windows-874-2000",  # windows-1250 … 1258, 874
    "ibm-912_P100-1995", "ibm-913_P100-2000", "ibm-914_P100-1995", "ibm-915_P100-1995",
    "ibm-1089_P100-1995", "ibm-9005_X110-2007", "ibm-5012_P100-1999", "iso-8859_10-1998",
    "ibm-921_P100-1995", "iso-8859_14-1998", "ibm-923_P100-1998", "iso-8859_16-2001",  # ISO-8859-x
    "ibm-878_P100-1996", "ibm-1168_P100-2002", "ibm-866_P100-1995",  # KOI8-R, KOI8-U, IBM866
    "macos-0_2-10.2", "macos-7_3-10.2",  # macintosh, x-mac-cyrillic
}
# The CJK multi-byte tables (Shift_JIS, EUC-JP, GBK, GB18030, Big5, EUC-KR: 0.75 MB) go too: PySide6
# does not bind QStringEncoder/QStringDecoder's conversion calls, so only Qt itself could use them
# (an HTML document in such a charset handed to QTextDocument as bytes), and GoalDesk never does.


class TrimError(Exception):
    """The library is not what this script understands; the caller keeps the original."""


def keep_item(name: str) -> bool:
    """``name`` is a package item without its ``icudt73l/`` prefix, e.g. ``coll/de.res``."""
    parts = name.split("/")
    base = parts[-1]
    if len(parts) > 1:
        tree = parts[0]
        if tree in DROP_TREES:
            return False
        if tree == "zone":
            return base in ALWAYS or not LOCALE_RE.match(base) or bool(KEEP_LOCALES.match(base))
        return True  # coll/ and anything new: keep
    if base.endswith(".cnv"):
        return base[: -len(".cnv")] in KEEP_CONVERTERS
    if base.endswith(DROP_SUFFIXES) or base in DROP_FILES:
        return False
    if base in ALWAYS or not LOCALE_RE.match(base):
        return True  # supplementalData, zoneinfo64, metaZones, likelySubtags, nrm/icu files...
    return bool(KEEP_LOCALES.match(base))


# --- ELF: where is icudtNN_dat? ------------------------------------------------------------------


def find_data_symbol(image: bytes) -> tuple[str, int, int]:
    """(symbol name, file offset, size) of ``icudtNN_dat`` in a little-endian ELF64 shared library."""
    if image[:4] != b"\x7fELF" or image[4] != 2 or image[5] != 1:
        raise TrimError("not a little-endian 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", image, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", image, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", image, shoff + i * shentsize) for i in range(shnum)]
    for _name, sh_type, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, entsize or 24):
            st_name, _st_info, _other, shndx, value, st_size = struct.unpack_from("<IBBHQQ", image, pos)
            end = image.index(b"\0", strtab + st_name)
            symbol = image[strtab + st_name : end]
            if SYMBOL_RE.match(symbol) and 0 < shndx < shnum:
                target = sections[shndx]
                return symbol.decode(), target[4] + value - target[3], st_size
    raise TrimError("no icudtNN_dat symbol in .dynsym")


# --- ICU common data package ("CmnD") -----------------------------------------------------------


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split a package into its header and (name, item bytes) in table-of-contents order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise TrimError("not a little-endian ICU common data package")
    count, = struct.unpack_from("<I", blob, header_size)
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    starts = [header_size + data for _name, data in entries] + [len(blob)]
    if starts != sorted(starts):
        raise TrimError("package items are not in table-of-contents order")
    items = []
    for i, (name_offset, _data) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        items.append((name, blob[starts[i] : starts[i + 1]]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """What ``icupkg`` writes, byte for byte: header, count, (name, data) offsets, names, items
    aligned to 16 bytes, padding 0xAA."""
    items = sorted(items, key=lambda item: item[0].encode("ascii"))  # ICU binary-searches the names
    base = len(header)
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in items)
    toc_size = 4 + 8 * len(items)
    data_start = base + toc_size + len(names)
    data_start += -data_start % 16
    entries, chunks, name_pos, data_pos = [], [], toc_size, data_start
    for name, data in items:
        data = data + b"\xaa" * (-len(data) % 16)
        entries.append(struct.pack("<II", name_pos, data_pos - base))
        chunks.append(data)
        name_pos += len(name) + 1
        data_pos += len(data)
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc + b"\xaa" * (data_start - base - len(toc)) + b"".join(chunks)


def trimmed_package(blob: bytes) -> tuple[bytes, list[str]]:
    """The package with only the kept items; also returns the names of the dropped ones."""
    header, items = read_package(blob)
    kept, dropped = [], []
    for name, data in items:
        rest = name.partition("/")[2]
        (kept if keep_item(rest) else dropped).append((name, data))
    if not any(name.endswith("/coll/ucadata.icu") for name, _ in kept):
        raise TrimError("package layout not recognised (no coll/ucadata.icu)")
    return write_package(header, kept), [name for name, _ in dropped]


# --- the replacement shared library --------------------------------------------------------------


def link_library(package: bytes, symbol: str, soname: str, out: Path) -> None:
    """``as`` + ``ld -shared``: a data-only library exporting ``symbol`` with the package in it."""
    assembler, linker = shutil.which("as"), shutil.which("ld")
    if assembler is None or linker is None:
        raise TrimError("binutils' `as` and `ld` are needed")
    with tempfile.TemporaryDirectory(prefix="goaldesk-icu-") as tmp:
        work = Path(tmp)
        (work / "icudt.dat").write_bytes(package)
        (work / "icudt.s").write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f'\t.type {symbol}, "object"\n'
            "\t.balign 16\n"
            f"{symbol}:\n"
            f'\t.incbin "{work / "icudt.dat"}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",%progbits\n',
            encoding="ascii",
        )
        subprocess.run([assembler, "-o", str(work / "icudt.o"), str(work / "icudt.s")], check=True)
        subprocess.run(
            [linker, "-shared", "-soname", soname, "-z", "noexecstack", "-s", "-o", str(work / soname),
             str(work / "icudt.o")],
            check=True,
        )
        shutil.copyfile(work / soname, out)
        out.chmod(0o755)


def trim(lib: Path, out: Path | None = None) -> tuple[int, int, list[str]]:
    """Write the trimmed library to ``out`` (default: replace ``lib``). Returns (old, new, dropped)."""
    image = lib.read_bytes()
    symbol, offset, size = find_data_symbol(image)
    package, dropped = trimmed_package(image[offset : offset + size])
    target = out or lib
    try:
        link_library(package, symbol, lib.name, target.with_name(target.name + ".trimmed"))
    except (subprocess.CalledProcessError, OSError) as exc:
        raise TrimError(f"linking failed: {exc}") from exc
    target.with_name(target.name + ".trimmed").replace(target)
    return len(image), target.stat().st_size, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Trim Qt's libicudata.so.NN to the data Qt uses.")
    parser.add_argument("lib", type=Path, help="libicudata.so.NN (replaced unless --out is given)")
    parser.add_argument("--out", type=Path, help="write the trimmed library here instead")
    parser.add_argument("--list", action="store_true", help="print the names of the dropped items")
    args = parser.parse_args(argv)
    try:
        before, after, dropped = trim(args.lib, args.out)
    except TrimError as exc:
        print(f"ICU data not trimmed: {exc}", file=sys.stderr)
        return 1
    if args.list:
        print("\n".join(dropped))
    print(f"ICU data: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB ({len(dropped)} items dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

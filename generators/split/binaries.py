"""What the bytes of a library say: ELF SONAME, Mach-O install name, import vs static `.lib`.

Only the head of each file is read (the dynamic section and string table of a shared object
sit near its start); anything that cannot be parsed gives `None`, never an exception.
"""

from __future__ import annotations

import struct

PT_LOAD, PT_DYNAMIC = 1, 2
DT_NULL, DT_STRTAB, DT_SONAME = 0, 5, 14
LC_ID_DYLIB = 0xD


def elf_soname(data: bytes | None) -> str | None:
    """DT_SONAME of an ELF shared object, or None."""
    if not data or len(data) < 64 or data[:4] != b"\x7fELF":
        return None
    is64 = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    try:
        if is64:
            (phoff,) = struct.unpack_from(end + "Q", data, 0x20)
            phentsize, phnum = struct.unpack_from(end + "HH", data, 0x36)
        else:
            (phoff,) = struct.unpack_from(end + "I", data, 0x1C)
            phentsize, phnum = struct.unpack_from(end + "HH", data, 0x2A)
        loads, dynamic = [], None
        for i in range(phnum):
            base = phoff + i * phentsize
            if is64:
                p_type, _flags, off, vaddr, _paddr, filesz = struct.unpack_from(end + "IIQQQQ", data, base)
            else:
                p_type, off, vaddr, _paddr, filesz = struct.unpack_from(end + "IIIII", data, base)
            if p_type == PT_LOAD:
                loads.append((vaddr, off, filesz))
            elif p_type == PT_DYNAMIC:
                dynamic = (off, filesz)
        if dynamic is None:
            return None
        entry = struct.Struct(end + ("qQ" if is64 else "iI"))
        strtab = soname = None
        for pos in range(dynamic[0], dynamic[0] + dynamic[1], entry.size):
            tag, value = entry.unpack_from(data, pos)
            if tag == DT_NULL:
                break
            if tag == DT_STRTAB:
                strtab = value
            elif tag == DT_SONAME:
                soname = value
        if strtab is None or soname is None:
            return None
        offset = next((strtab - v + o for v, o, size in loads if v <= strtab < v + max(size, 1)), strtab)
        start = offset + soname
        stop = data.index(b"\x00", start)
        return data[start:stop].decode("utf-8") or None
    except (struct.error, ValueError, UnicodeDecodeError):
        return None


def macho_install_name(data: bytes | None) -> str | None:
    """LC_ID_DYLIB name of a Mach-O dylib (thin or the first slice of a fat one), or None."""
    if not data or len(data) < 32:
        return None
    try:
        if data[:4] in (b"\xca\xfe\xba\xbe", b"\xca\xfe\xba\xbf"):
            (nfat,) = struct.unpack_from(">I", data, 4)
            if nfat == 0 or nfat > 32:
                return None
            (offset,) = struct.unpack_from(">I", data, 8 + 8)
            return macho_install_name(data[offset:])
        magic = data[:4]
        if magic in (b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe"):
            end = "<"
        elif magic in (b"\xfe\xed\xfa\xcf", b"\xfe\xed\xfa\xce"):
            end = ">"
        else:
            return None
        header = 32 if magic in (b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf") else 28
        (ncmds,) = struct.unpack_from(end + "I", data, 16)
        pos = header
        for _ in range(ncmds):
            cmd, size = struct.unpack_from(end + "II", data, pos)
            if cmd == LC_ID_DYLIB:
                (name_offset,) = struct.unpack_from(end + "I", data, pos + 8)
                raw = data[pos + name_offset : pos + size]
                return raw.split(b"\x00", 1)[0].decode("utf-8") or None
            if size <= 0:
                return None
            pos += size
    except (struct.error, UnicodeDecodeError):
        return None
    return None


def archive_kind(data: bytes | None) -> str | None:
    """'import' or 'static' for an `ar` archive (.lib / .a), None when the bytes do not say.

    MSVC import libraries define `__IMPORT_DESCRIPTOR_<dll>`; GNU (MinGW) ones `_head_<dll>`
    and `__imp_` symbols. An archive with neither holds object code: a static library.
    """
    if not data or not data.startswith(b"!<arch>\n"):
        return None
    if b"__IMPORT_DESCRIPTOR_" in data or (b"_head_" in data and b"__imp_" in data):
        return "import"
    return "static"

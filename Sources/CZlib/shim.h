#ifndef ABLATE_CZLIB_SHIM_H
#define ABLATE_CZLIB_SHIM_H

// zlib from Debian's zlib1g-dev (gzip and zlib streams).
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros (they pass ZLIB_VERSION and the
// z_stream size), which Swift cannot call; these wrappers expose them.
static inline int ablate_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}

static inline int ablate_deflateInit2(z_streamp strm, int level, int windowBits) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}

#endif

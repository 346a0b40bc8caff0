/* media.h - content-addressed media files (floor plans, photos).
 *
 * Every picture the kiosk shows is stored on disk under the lowercase hex
 * SHA-256 of its bytes, so a name says exactly which bytes it holds: the
 * same file is never fetched twice, and a damaged or substituted file is
 * caught when it is read.  A file appears under its name whole or not at
 * all, even across a power cut.  This module stores, finds, hashes and
 * reads those files; fetching them (sync) and decoding them (the UI) are
 * other modules' jobs.  One of the two doors to OpenSSL's libcrypto (with
 * pin.c, which hashes consultants' PINs).
 */
#ifndef MEDIA_H
#define MEDIA_H

#include <stddef.h>

#include "diag.h"

#define MEDIA_NAME_LEN 64 /* hex digits in a name; a buffer needs one more */

/* 1 when s is a media name: exactly 64 lowercase hex digits, nothing else
 * (so a name is always a plain file name: no '/', no "..").  s may be
 * NULL (0). */
int media_name_valid(const char *s);

/* The SHA-256 of data[0..n) as a media name in out.  If libcrypto fails
 * (out of memory), out is "", which is no valid name and matches none. */
void media_sha256_hex(const void *data, size_t n, char out[65]);

/* The path of media sha in dir ("dir/sha") into out (size bytes).
 * Returns 0, or -1 when sha is not a valid name, dir is empty, or the path
 * does not fit. */
int media_path(const char *dir, const char *sha, char *out, size_t size);

/* Stores data[0..n) as media sha in dir, creating dir (and its parents)
 * if needed.  Refuses bytes whose SHA-256 is not sha.  The bytes go to a
 * temporary file in dir, are flushed to disk and then renamed over the
 * name, and dir itself is flushed: after a crash the name holds either
 * nothing (or the file it held before) or all the bytes.  Storing what is
 * already there is fine: the file is written again, which also repairs a
 * damaged copy.  Returns 0, or -1 with d set; no temporary file is left
 * behind, and the name never holds a partial file. */
int media_store(const char *dir, const char *sha, const void *data, size_t n,
                diag_t *d);

/* 1 when media sha is present in dir as a regular file, else 0 (also for
 * an invalid name).  Cheap: it does not read or hash the file, so a
 * damaged file still counts; media_load finds that out. */
int media_have(const char *dir, const char *sha);

/* Reads media sha from dir into *data (*n bytes; caller frees *data,
 * which is non-NULL and has a NUL after the bytes even when n is 0) and
 * checks that its bytes hash to sha.  Refuses files over max_bytes.
 * Returns 0, or -1 with *data NULL and d naming the file: missing,
 * unreadable, too big or damaged (the hash it has instead). */
int media_load(const char *dir, const char *sha, size_t max_bytes,
               void **data, size_t *n, diag_t *d);

/* The SHA-256 of the file at path as a media name in out, reading it in
 * pieces (for tools that import a directory of pictures).  Refuses files
 * over max_bytes.  Returns 0, or -1 with out "" and d naming the file. */
int media_hash_file(const char *path, size_t max_bytes, char out[65],
                    diag_t *d);

#endif

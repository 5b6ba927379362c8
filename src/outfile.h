/* outfile.h - a new file, written safely: created beside its target,
 * renamed over it once complete.
 *
 * Every file zhibu writes goes through here: export and report -o, the
 * screens' export and print, backups and the copy made before a
 * migration.  The target is never opened, so never followed: a symbolic
 * link, a directory, a device, a FIFO or a socket in its place is refused,
 * and a file there is replaced whole, not written into.  The new file is
 * 0600 whatever the old one was (it holds personal data).  A failure (a
 * full disk) or a kill leaves the previous file as it was, and nothing
 * under the target's name half written.
 *
 * No curses, no SQLite, no gettext: errors are errno values, and
 * outfile_strerror gives them in words (message ids for the caller's _()).
 */
#ifndef ZHIBU_OUTFILE_H
#define ZHIBU_OUTFILE_H

#include <stdio.h>

struct outfile;

/* The temporary has a name from the start, for a writer that opens it by
 * path (SQLite's backup; outfile_temp_path).  Without it, the temporary
 * has no name at all until it is complete where the system allows
 * (Linux's O_TMPFILE), so a kill leaves nothing behind. */
#define OUTFILE_NAMED 1u

/* Why PATH may not be written: EISDIR for a directory (or a name that ends
 * in '/'), ELOOP for a symbolic link, ENODEV for a device, a FIFO or a
 * socket; 0 for a regular file or nothing.  For asking before the file is
 * written: outfile_open checks again. */
int outfile_check(const char *path);

/* Begin a new file to take PATH's place: a temporary 0600 file in PATH's
 * directory, into *OUT.  Temporaries that an interrupted zhibu left in that
 * directory are removed first (outfile.c says which).  Returns 0, or an
 * errno value: those of outfile_check, or the system's. */
int outfile_open(const char *path, unsigned flags, struct outfile **out);

/* The stream to write; NULL for OUTFILE_NAMED. */
FILE *outfile_stream(struct outfile *o);

/* OUTFILE_NAMED: the temporary's path, for the writer to open. */
const char *outfile_temp_path(const struct outfile *o);

/* The errno value of the first write to the stream that failed, or 0:
 * why a writer that saw its stream fail could not write. */
int outfile_error(const struct outfile *o);

/* A stream that writes to FD (standard output) as outfile's does: the
 * errno value of its first failed write is kept in *ERR (set to 0 here),
 * where stdio forgets it.  fclose leaves FD open.  NULL if out of memory. */
FILE *outfile_fdopen(int fd, int *err);

/* Make the file durable and put it in PATH's place (the previous file, or
 * a link put there meanwhile, is replaced, not written through).  Frees O;
 * on failure the temporary is removed and PATH is as it was.  Returns 0, or
 * an errno value. */
int outfile_commit(struct outfile *o);

/* Give up: the temporary is removed and PATH is as it was.  Frees O (NULL
 * is allowed). */
void outfile_abort(struct outfile *o);

/* The error E of this module in words: a message id of its own for a
 * refused target and a full disk, the system's text otherwise. */
const char *outfile_strerror(int e);

#endif

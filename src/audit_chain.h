/* audit_chain.h - the hash chain of the change log (audit_log).
 *
 * Every row of audit_log carries seq, its place in the chain (1, 2, 3 ...
 * without a gap), and hash: the SHA-256 of the hash of the row before it
 * (seq - 1) and of the row's own columns.  Changing, removing or slipping
 * in a row breaks the chain there; only someone who also computes every
 * later hash again can hide it, and a head recorded before (a backup, a
 * printed report) then no longer matches.  There is no secret key: every
 * zhibu user must be able to write the log.
 *
 * What is hashed, so that anyone can verify a file with a few lines of a
 * script (man zhibu, AUDIT): the text "zhibu audit chain 1\n", then for
 * the previous hash (64 lowercase hex digits; 64 zeros before the first
 * row), seq, id, at, os_user, tbl, row_id, action, old and new in that
 * order, each as its UTF-8 text (integers in decimal) in the form
 * "LENGTH:TEXT\n", LENGTH its bytes in decimal; an SQL NULL as "-\n".
 */
#ifndef ZHIBU_AUDIT_CHAIN_H
#define ZHIBU_AUDIT_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

/* Hex digits of a hash, and the hash before the first row. */
#define AUDIT_CHAIN_HEX 64
extern const char audit_chain_genesis[AUDIT_CHAIN_HEX + 1];

/* The row's own columns that the hash covers, in order: seq, id, at,
 * os_user, tbl, row_id, action, old, new. */
#define AUDIT_CHAIN_FIELDS 9

/* One column's value as text; P NULL for an SQL NULL. */
struct audit_chain_field {
	const unsigned char *p;
	size_t n;
};

/* The hash of a row whose predecessor's hash is PREV (NULL: the
 * genesis) and whose columns are F[AUDIT_CHAIN_FIELDS], as lowercase
 * hex into OUT. */
void audit_chain_hash(const char *prev, const struct audit_chain_field *f,
                      char out[AUDIT_CHAIN_HEX + 1]);

/* Whether S is a hash as the chain writes it: 64 lowercase hex digits. */
bool audit_chain_hex_valid(const char *s);

#endif

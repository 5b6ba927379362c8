/* audit_chain.c - the change log's hash: SHA-256 (nettle) over a
 * serialization that leaves no doubt where one column ends. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "audit_chain.h"

const char audit_chain_genesis[AUDIT_CHAIN_HEX + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* "LENGTH:TEXT\n", or "-\n" for NULL: a length before each value, so
 * that no two different rows serialize the same. */
static void hash_field(struct sha256_ctx *c, const unsigned char *p, size_t n)
{
	char len[32];

	if (!p) {
		sha256_update(c, 2, (const uint8_t *)"-\n");
		return;
	}
	snprintf(len, sizeof len, "%zu:", n);
	sha256_update(c, strlen(len), (const uint8_t *)len);
	sha256_update(c, n, p);
	sha256_update(c, 1, (const uint8_t *)"\n");
}

void audit_chain_hash(const char *prev, const struct audit_chain_field *f,
                      char out[AUDIT_CHAIN_HEX + 1])
{
	static const char version[] = "zhibu audit chain 1\n";
	static const char hex[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];
	struct sha256_ctx c;

	if (!prev)
		prev = audit_chain_genesis;
	sha256_init(&c);
	sha256_update(&c, sizeof version - 1, (const uint8_t *)version);
	hash_field(&c, (const unsigned char *)prev, strlen(prev));
	for (int i = 0; i < AUDIT_CHAIN_FIELDS; i++)
		hash_field(&c, f[i].p, f[i].n);
	sha256_digest(&c, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[AUDIT_CHAIN_HEX] = '\0';
}

bool audit_chain_hex_valid(const char *s)
{
	return s && strlen(s) == AUDIT_CHAIN_HEX &&
	       strspn(s, "0123456789abcdef") == AUDIT_CHAIN_HEX;
}

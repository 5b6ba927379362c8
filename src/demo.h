/* demo.h - fictitious but valid branch data, for --demo, tests and the
 * benchmarks.  Deterministic for a given seed; no real person's data. */
#ifndef ZHIBU_DEMO_H
#define ZHIBU_DEMO_H

#include <stdint.h>

#include "db.h"
#include "member.h"

/* A small deterministic random generator (xorshift/splitmix family). */
struct demo_rng {
	uint64_t s;
};

void demo_seed(struct demo_rng *r, uint64_t seed);
uint64_t demo_next(struct demo_rng *r);

/* Fill M with a fictitious member that passes member_check(M, TODAY):
 * name (common and compound surnames, some minority names with "·", about
 * one in fifty with a rare character from CJK Extension A or B), gender and
 * birth date agreeing with a valid ID number, education, category, dates,
 * phone, address, party group (one of GROUPS, NGROUPS entries). */
void demo_member(struct demo_rng *r, const char *today,
                 const char *const *groups, int ngroups, struct member *m);

/* Write a demo branch into an open, empty database: the branch name,
 * party groups, and N members (some 预备党员, some with 入党 anniversaries
 * this month, a few 流出), all in one transaction.  Returns DB_OK. */
int demo_populate(struct db *db, uint64_t seed, int n, const char *today);

#endif

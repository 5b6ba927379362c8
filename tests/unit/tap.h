/* tap.h - a tiny Test Anything Protocol producer for the unit tests.
 *
 * Each check prints "ok N - what" or "not ok N - what" with the values
 * that differed; tap_done() prints the plan and returns the exit status.
 * automake's tap-driver.sh reads the output.
 */
#ifndef ZHIBU_TAP_H
#define ZHIBU_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static inline int tap_ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

static inline void tap_diag(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* String equality; NULL equals only NULL. */
#define is_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int eq_ = (g_ == NULL || w_ == NULL) ? g_ == w_ : strcmp(g_, w_) == 0; \
	if (!tap_ok(eq_, __VA_ARGS__)) \
		tap_diag("  got: %s%s%s\n#  want: %s%s%s", g_ ? "'" : "", \
		         g_ ? g_ : "NULL", g_ ? "'" : "", w_ ? "'" : "", \
		         w_ ? w_ : "NULL", w_ ? "'" : ""); \
} while (0)

#define is_int(got, want, ...) do { \
	intmax_t g_ = (intmax_t)(got), w_ = (intmax_t)(want); \
	if (!tap_ok(g_ == w_, __VA_ARGS__)) \
		tap_diag("  got: %jd, want: %jd", g_, w_); \
} while (0)

#define ok(cond, ...) tap_ok(!!(cond), __VA_ARGS__)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif

/* query.c - times the roster's queries on a large database, as the list
 * screen runs them: the first window, each key of a search as it is
 * typed (window + count), and the start screen's dashboard.
 *
 * Usage: query DB   Prints one line per figure: name, milliseconds.
 * A window is what a key shows at once; the count follows when typing
 * pauses (list.c), so the two are timed apart.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "member_query.h"
#include "registers.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void on_due(void *ctx, const struct member_due *d)
{
	(*(int *)ctx)++;
}

/* One screen's work for query Q: a window of 21 rows (its time is the
 * result), then the count the list shows once typing pauses (*COUNT_MS). */
static double screen(struct db *db, const struct query *q, int *rows,
                     int64_t *total, double *count_ms)
{
	static struct member_row buf[21];
	double t0 = now_ms(), t1;

	*rows = member_query_page(db, q, NULL, 0, 1, 21, buf);
	t1 = now_ms();
	*total = query_count(db, &member_queries, q);
	*count_ms = now_ms() - t1;
	return t1 - t0;
}

int main(int argc, char **argv)
{
	static const char *const typed[] = {
		"z", "zs", "zsf", "王", "王秀", "1", "12", "123", "1234", "12345X",
		"l", "li", "lim", "limi", "liming",
	};
	struct query q;
	struct db *db;
	char err[256];
	double t, c, worst = 0, sum = 0, cworst = 0;
	int rows, n = 0;
	int64_t total;
	size_t i;

	registers_init();
	if (argc != 2 || db_open(argv[1], 0, &db, err, sizeof err) != DB_OK) {
		fprintf(stderr, "usage: query DB\n");
		return 2;
	}
	memset(&q, 0, sizeof q);
	t = screen(db, &q, &rows, &total, &c);
	printf("first_window_ms %.2f count_ms %.2f rows=%d total=%lld\n", t, c, rows,
	       (long long)total);
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		snprintf(q.search, sizeof q.search, "%s", typed[i]);
		t = screen(db, &q, &rows, &total, &c);
		printf("search_key_ms %-8s %.2f count_ms %.2f rows=%d total=%lld\n",
		       typed[i], t, c, rows, (long long)total);
		sum += t;
		worst = t > worst ? t : worst;
		cworst = c > cworst ? c : cworst;
	}
	printf("search_key_mean_ms %.2f worst %.2f count_worst_ms %.2f\n",
	       sum / (double)(sizeof typed / sizeof typed[0]), worst, cworst);
	t = now_ms();
	member_query_full_due(db, "2026-06-15", 30, 24, NULL, on_due, &n);
	member_query_anniversaries(db, "2026-06-15", 24, NULL, on_due, &n);
	printf("dashboard_ms %.2f items=%d\n", now_ms() - t, n);
	db_close(db);
	return 0;
}

/* query.h - any register's records a window at a time (keyset paging),
 * filtered, searched and counted, for its list screen, its exports and
 * the command line's filter options.
 *
 * A register describes its orders, its filters and its search (struct
 * query_def); query.c builds one statement per order, direction and way
 * to the rows from them, once, with every filter a bound parameter (NULL
 * or '' when unused), so no SQL is ever built from values.  (sort key,
 * id) is the key of a row: an index on (sort column, id) makes a window
 * deep in a large table a seek, not a scan.
 */
#ifndef ZHIBU_QUERY_H
#define ZHIBU_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

struct store_def;

#define QUERY_FILTERS_MAX 8
#define QUERY_SORTS_MAX 4
#define QUERY_VALUE 64          /* bytes of a filter's value */
#define QUERY_SEARCH 128        /* bytes of the search as typed */
#define QUERY_KEY 800           /* bytes of a row's sort key (>= COLLATE_KEY_SIZE) */
#define QUERY_STATE 1024        /* bytes of a search's state (query_search) */

/* An order of the list: by COLUMN of the table, then by key. */
struct query_sort {
	const char *column;     /* "name_strokes" */
	const char *label;      /* N_() its name in the sort menu */
};

enum query_filter_kind {
	QF_CHOICE,      /* the field is one of its choices */
	QF_GROUP,       /* the record is in a party group (value: its key) */
	QF_NAMED,       /* one of the filter's named conditions (value: its
	                 * name): the reminders of a register */
};

/* A condition a QF_NAMED filter may choose: its NAME (what is typed and
 * shown, never translated: 联系超期) and SQL, a condition on t. */
struct query_named {
	const char *name;
	const char *sql;
};

/* A filter: which records of the register a list shows. */
struct query_filter {
	const char *option;     /* its name on the command line, --OPTION */
	const char *field;      /* the field it selects on */
	enum query_filter_kind kind;
	const char *arg;        /* N_() what --OPTION takes: "STATUS" */
	const char *help;       /* N_() one line of --help */
	/* SQL over t for the records shown when no value is given (the
	 * roster's current members), or NULL: then all are; with UNSET, the
	 * value "*" shows every record, and the menu offers UNSET_LABEL and
	 * says ALL_LABEL (N_()) for it */
	const char *unset;
	const char *unset_label, *all_label;
	const char *all_help;   /* N_() --help's line for --all, with UNSET */
	/* QF_NAMED: its conditions (ended by a NULL name), and its name in
	 * the filter menu (N_(); other kinds say their field's label) */
	const struct query_named *named;
	const char *label;
};

/* The condition of QF called NAME, or NULL. */
const struct query_named *query_named_find(const struct query_filter *qf,
                                           const char *name);

/* The register's own search: what was typed, matched by a condition on
 * t.  PLAN reads the typed text (never empty) into STATE (QUERY_STATE
 * bytes, zeroed) and says whether an index gives the candidates: for a
 * window (*PAGE) and for a count (*COUNT); BIND binds the named
 * parameters of SQL (and of INDEX_SQL) from STATE. */
struct query_search {
	const char *help;       /* N_() what --search matches, for --help */
	const char *sql;        /* a condition on t with named parameters */
	const char *index_from; /* the FROM through the index (t and the
	                         * store's joins), or NULL: no index */
	const char *index_sql;  /* the condition the index adds */
	void (*plan)(struct db *db, const char *typed, void *state, bool *page,
	             bool *count);
	void (*bind)(sqlite3_stmt *st, const void *state);
};

/* What was typed into a search as the registers read it: the text
 * (half-width, trimmed), whether it is all letters (pinyin or initials:
 * LOWER in lower case) or all digits (the end of an ID number or phone,
 * a last x as X: LOWER). */
struct query_typed {
	char text[QUERY_SEARCH];
	char lower[QUERY_SEARCH];
	bool letters, digits;
};
void query_typed_read(const char *typed, struct query_typed *t);

/* Bind :text, and :letters or :digits as T is, to those of ST's named
 * parameters that it has; nothing for an empty text. */
void query_typed_bind(sqlite3_stmt *st, const struct query_typed *t);

struct query_sql;

struct query_def {
	const struct store_def *store;
	const struct query_sort *sorts;         /* ended by a NULL column */
	const struct query_filter *filters;     /* ended by a NULL option */
	const struct query_search *search;      /* NULL: none */
	/* query_each's order of records whose sort keys are equal
	 * (namesakes): keys alone would leave them in the order of their
	 * random row keys, which differ between two databases; NULL: that
	 * order */
	int (*tie)(const void *a, const void *b);
	/* master–detail: the reference field (F_REF) to the record the rows
	 * belong to; a query with a parent selects only its rows.  NULL: the
	 * register stands alone */
	const char *parent;
	struct query_sql *sql;                  /* built on first use: each
	                                         * register gives one of its own */
};

/* Room for the statements of a register's queries: QUERY_SQL(name). */
#define QUERY_SQL(name) static struct query_sql name
struct query_sql {
	char *page[2][QUERY_SORTS_MAX][5];      /* [walk, index][sort][which] */
	char *count[2];
	char *key[QUERY_SORTS_MAX];
	bool failed;
};

/* Which records a list shows: the order (an index into the register's
 * sorts), the search as typed and a value for each filter ("" unset);
 * zeroed, every record (or, with the register's unset filters, what
 * they show) in the first order. */
struct query {
	int sort;
	int64_t parent;         /* with DEF's parent: the rows of record PARENT
	                         * only; 0: every row */
	char search[QUERY_SEARCH];
	char value[QUERY_FILTERS_MAX][QUERY_VALUE];
};

/* Where the window's rows go: row I's sort key (QUERY_KEY bytes) at
 * BASE + I * STRIDE + KEY, its record at BASE + I * STRIDE + REC. */
struct query_rows {
	void *base;
	size_t stride, key, rec;
};

/* Read up to N records after (DIR > 0), before (DIR < 0) or from (DIR
 * 0) the row (KEY, ID) in Q's order; KEY NULL starts at the first row
 * (DIR >= 0) or ends at the last (DIR < 0).  Rows come back in display
 * order.  Returns how many, or a negative enum db_status. */
int query_page(struct db *db, const struct query_def *def, const struct query *q,
               const char *key, int64_t id, int dir, int n,
               const struct query_rows *rows);

/* The sort key of record ID in Q's order, into KEY (size KEYSZ). */
int query_key(struct db *db, const struct query_def *def, const struct query *q,
              int64_t id, char *key, size_t keysz);

/* How many records Q selects, or a negative enum db_status. */
int64_t query_count(struct db *db, const struct query_def *def, const struct query *q);

/* Q selects every record of DEF: "*" for each filter that shows only
 * some when unset, in the first order. */
void query_all(const struct query_def *def, struct query *q);

/* The filter of DEF called OPTION, or NULL; its index into Q's values. */
const struct query_filter *query_filter_find(const struct query_def *def,
                                             const char *option, int *index);

/* Call FN for every record Q selects, in its order, a window at a time;
 * stops at FN's first non-zero return, which it returns; a negative enum
 * db_status if reading failed. */
int query_each(struct db *db, const struct query_def *def, const struct query *q,
               int (*fn)(void *ctx, const void *rec), void *ctx);

#endif

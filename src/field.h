/* field.h - a record type described as data.
 *
 * One table per record type drives the form, the list columns, the CSV
 * header mapping and the report layout, so a new field is one line.
 */
#ifndef ZHIBU_FIELD_H
#define ZHIBU_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "validate.h"

enum field_type {
	F_TEXT,         /* one line of text */
	F_NAME,         /* a person's name */
	F_DATE,         /* YYYY-MM-DD, any accepted form typed */
	F_ID_NUMBER,    /* 身份证号, masked outside the form */
	F_PHONE,
	F_CHOICE,       /* one of field.choices */
	F_GROUP,        /* one of the branch's party groups (editable list) */
	F_NOTE,         /* several lines */
	F_REF,          /* a record of another register (field.ref): stored
	                 * as its key in the column KEY_id, picked by name */
	F_BOOL,         /* yes or no: stored 1 or 0, shown 是 or 否 */
	F_INT,          /* a whole number within field.min..field.max */
	F_TIME,         /* a time of day, HH:MM */
	F_WEEKDAYS,     /* a set of weekdays: stored as their digits 1-7
	                 * (Monday first), shown 一、三、五 */
};

enum field_flags {
	FIELD_REQUIRED = 1,
	FIELD_NO_FORM = 2,      /* not edited in the add/edit form */
	FIELD_DIGITS = 4,       /* '?' cannot be part of it: it opens help */
	FIELD_NO_FILE = 8,      /* not in files: neither exported nor read
	                         * (a key of this database, found again on
	                         * import from other columns) */
};

struct field {
	const char *key;        /* English key: CSV header, audit column */
	const char *header;     /* Chinese CSV header (never translated) */
	const char *label;      /* N_() label of forms and lists */
	enum field_type type;
	int maxchars;           /* characters the value may have */
	const struct choice *choices;
	size_t offset;          /* where the value lives in the record */
	size_t size;            /* its buffer's size in bytes */
	unsigned flags;
	const char *hint;       /* N_() one line shown while editing, or NULL */
	/* Other CSV headers that name the field: the ones real rosters use
	 * (组织部 templates, 全国党员管理信息系统 exports, street offices'
	 * sheets), written as field_header_normalize() leaves them; NULL-ended,
	 * or NULL. */
	const char *const *aliases;
	const char *ref;        /* F_REF: the table of the register it names */
	int min, max;           /* F_INT: the range of its values */
};

/* One problem of a record: which field (its key) and why (a message
 * id).  The form, the importer and the check all speak in these. */
struct field_problem {
	const char *field;
	const char *reason;
};

#define FIELD_VALUE(rec, f) ((char *)(rec) + (f)->offset)

/* Bytes for N characters of UTF-8 plus the NUL. */
#define UTF8_BUF(n) ((n) * 4 + 1)

/* Room for a typed date, code or number before it is normalized. */
#define INPUT_BUF 64

/* The buffer of a field of TYPE and MAX characters: text sized for its
 * longest value; short coded values with room for the longer spellings
 * people type (2024年3月5日, full-width digits, 女性), so that a check sees
 * them whole. */
#define FIELD_BUF(type, max) \
	((type) == F_TEXT || (type) == F_NAME || (type) == F_NOTE || \
	 (type) == F_GROUP ? UTF8_BUF(max) : INPUT_BUF)

/* A NULL-ended list of other headers, for .aliases. */
#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* A register's record and its field table written once, as a list
 * LIST(X) that names each field X(key, type, maxchars, flags, the
 * field's other members as designated initializers).  In the record's
 * struct, LIST(FIELD_MEMBER) declares every field's buffer; in the table,
 * LIST(ROW) with ROW(...) FIELD_ROW(the struct's tag, __VA_ARGS__) gives
 * every field's line.  A new field is one X line. */
#define FIELD_MEMBER(key, type, max, flags, ...) char key[FIELD_BUF(type, max)];
#define FIELD_ROW(tag, key_, type_, max_, flags_, ...) \
	{ .key = #key_, .type = type_, .maxchars = max_, .flags = flags_, \
	  .offset = offsetof(struct tag, key_), \
	  .size = sizeof(((struct tag *)0)->key_), __VA_ARGS__ },

/* The field of TABLE whose key or Chinese header is NAME, or NULL. */
const struct field *field_find(const struct field *table, const char *name);

/* Check one value IN of field F as typed (a form's field as the cursor
 * leaves it) by the field's type: its normal form goes to OUT (OUTSZ
 * bytes) and NULL is returned, or the reason it is refused (a message
 * id).  Empty is refused only for a required field (that is not a choice:
 * a choice's empty value has its record's meaning).  F_GROUP and F_REF
 * are checked as text here: which groups and records exist is the
 * screen's to know. */
const char *field_check_value(const struct field *f, const char *in, char *out,
                              size_t outsz);

/* VALUE of field F as a screen shows it (UTF-8 into OUT): ID numbers
 * masked (110105********123X), yes/no as 是/否, weekdays as 一、三、五;
 * everything else as it is. */
void field_format(const struct field *f, const char *value, char *out, size_t outsz);

/* How a header cell is compared: full-width forms made half-width, every
 * space and line break removed, a required-mark '*' and a trailing colon
 * or remark in brackets ("联系电话（手机）：") dropped, ASCII letters in
 * lower case.  OUT (SIZE bytes) is empty when IN does not fit. */
void field_header_normalize(const char *in, char *out, size_t size);

/* The field of TABLE that the header cell CELL names, by its Chinese
 * header, its English key or one of its aliases (all normalized); NULL
 * if none.  *EXACT (may be NULL) tells a header or key from an alias. */
const struct field *field_by_header(const struct field *table, const char *cell,
                                    bool *exact);

#endif

/* member_fields.c - the roster's fields (SPEC 1.1) as a table, made from
 * MEMBER_FIELDS (member.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "gettext.h"
#include "member.h"
#include "text.h"

#define ROW(...) FIELD_ROW(member, __VA_ARGS__)

const struct field member_fields[] = {
	MEMBER_FIELDS(ROW)
	{ .key = NULL },
};

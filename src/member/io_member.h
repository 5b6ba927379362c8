/* io_member.h - the roster (党员花名册) as an io_table: member_check,
 * the member store, the roster read in its order.  Its filter is a
 * struct member_query. */
#ifndef ZHIBU_IO_MEMBER_H
#define ZHIBU_IO_MEMBER_H

#include "io.h"

extern const struct io_table io_member_table;

#endif

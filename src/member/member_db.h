/* member_db.h - the roster's parts of the database layer (db.h): the
 * SQL functions and TEMP triggers of its search index, the end of its
 * bulk writes, and its rules and checks for "zhibu check".
 */
#ifndef ZHIBU_MEMBER_DB_H
#define ZHIBU_MEMBER_DB_H

#include "db.h"

/* What the roster hands to the database layer: reg_member.db, which
 * registers_init gives db_extras_add. */
extern const struct db_extras member_db_extras;

#endif

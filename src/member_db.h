/* member_db.h - the roster's parts of the database layer (db.h): the
 * SQL functions and TEMP triggers of its search index, the end of its
 * bulk writes, and its rules and checks for "zhibu check".
 */
#ifndef ZHIBU_MEMBER_DB_H
#define ZHIBU_MEMBER_DB_H

#include "db.h"

/* What the roster hands to the database layer (db_extras_add). */
extern const struct db_extras member_db_extras;

/* db_extras_add(&member_db_extras): before the first db_open. */
void member_db_register(void);

#endif

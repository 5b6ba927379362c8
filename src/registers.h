/* registers.h - the registers (台帐) made known to the layers below
 * them, which name none.
 */
#ifndef ZHIBU_REGISTERS_H
#define ZHIBU_REGISTERS_H

/* Hand each register's parts to the layers that serve it (the database
 * layer: db_extras_add).  Once at start-up, before the first db_open:
 * main() and every test program that opens a database call it; calling
 * it again changes nothing. */
void registers_init(void);

#endif

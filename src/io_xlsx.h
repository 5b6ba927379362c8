/* io_xlsx.h - a register exported as an Excel workbook (.xlsx), laid out
 * for printing as Chinese offices print from Excel or WPS.
 *
 * One sheet: the export's header row and columns (io_write_record's),
 * every value a text cell as the register holds it (ID numbers and phones
 * in cells of the text format "@", so no digit is lost), each column as
 * wide as its widest value, the header row frozen; A4 landscape, the
 * header row repeated on every printed page, 第 &P 页 共 &N 页 in the
 * footer, fit to one page wide.
 */
#ifndef ZHIBU_IO_XLSX_H
#define ZHIBU_IO_XLSX_H

#include <stdio.h>

#include "io.h"

/* Export the records O->filter selects of T to OUT as a workbook whose
 * sheet and printed header are TITLE.  The workbook is made in a private
 * temporary directory and copied to OUT.  0, or -1 with RES->error. */
int io_export_xlsx(struct db *db, const struct io_table *t, const char *title,
                   FILE *out, const struct io_export_options *o,
                   struct io_export_result *res);

#endif

/* term.h - what the terminal itself does, found out before curses starts. */
#ifndef ZHIBU_TERM_H
#define ZHIBU_TERM_H

/* Ask the terminal on IN/OUT how many columns it draws an East Asian
 * Ambiguous character in: write "\r", U+201C in CODESET, then a cursor
 * position request, and read the answer within TIMEOUT_MS.  Returns 1 or
 * 2, or 0 when the terminal does not answer (or is not a terminal).  The
 * probe is erased again; the terminal modes are restored. */
int term_probe_ambiguous(int in, int out, const char *codeset, int timeout_ms);

/* The ambiguous width a codeset suggests when the terminal does not say:
 * 2 for GB18030/GBK/GB2312 (DBCS clients), else 1. */
int term_default_ambiguous(const char *codeset);

#endif

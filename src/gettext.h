/* gettext.h - the translation macros.  Modules below the screens and the
 * command line mark strings with N_() only; _() is for cli.c and ui. */
#ifndef ZHIBU_GETTEXT_H
#define ZHIBU_GETTEXT_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif

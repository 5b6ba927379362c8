/* wcwidth.c - one answer to "how wide is this character", for curses too.
 *
 * ncursesw asks the C library's wcwidth() how many columns a character
 * takes.  Defined here, in the program itself, this one is found first, so
 * curses lays out the screen with the same widths as zhibu's own text
 * functions — including the width of ambiguous characters that the
 * terminal reported at start-up, which no locale knows.
 */
#include "config.h"

#include <wchar.h>

#include "text.h"

int wcwidth(wchar_t wc)
{
	if (wc == 0)
		return 0;
	if (wc < 0 || (unsigned long)wc > 0x10FFFF)
		return -1;
	return text_cp_width((uint32_t)wc);
}

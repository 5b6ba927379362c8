/* edit.c - editing one field's text, a character at a time. */
#include "config.h"

#include <string.h>

#include "draw.h"
#include "edit.h"
#include "text.h"

void edit_init(struct edit *e, char *buf, size_t size, int maxchars)
{
	e->buf = buf;
	e->size = size;
	e->cur = strlen(buf);
	e->maxchars = maxchars;
	e->multiline = false;
}

/* Byte length of the character starting at P (1 for a bad byte). */
static size_t char_len(const char *p)
{
	uint32_t cp;
	int n = text_utf8_decode(p, strlen(p), &cp);

	return n > 0 ? (size_t)n : 1;
}

/* Offset of the character before OFF. */
static size_t char_before(const char *buf, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)buf[off] & 0xC0) == 0x80)
		off--;
	return off;
}

static void remove_bytes(struct edit *e, size_t at, size_t n)
{
	memmove(e->buf + at, e->buf + at + n, strlen(e->buf + at + n) + 1);
}

bool edit_insert(struct edit *e, uint32_t cp)
{
	char enc[4];
	int n = text_utf8_encode(cp, enc);
	size_t len = strlen(e->buf);

	if (n == 0 || (cp < 0x20 && !(cp == '\n' && e->multiline)) || cp == 0x7F)
		return false;
	if (len + (size_t)n + 1 > e->size)
		return false;
	if (e->maxchars > 0 && text_utf8_length(e->buf) >= (size_t)e->maxchars)
		return false;
	memmove(e->buf + e->cur + n, e->buf + e->cur, len - e->cur + 1);
	memcpy(e->buf + e->cur, enc, (size_t)n);
	e->cur += (size_t)n;
	return true;
}

bool edit_action(struct edit *e, enum action act)
{
	switch (act) {
	case ACT_LEFT:
		e->cur = char_before(e->buf, e->cur);
		return true;
	case ACT_RIGHT:
		if (e->buf[e->cur])
			e->cur += char_len(e->buf + e->cur);
		return true;
	case ACT_LINE_START:
		e->cur = 0;
		return true;
	case ACT_LINE_END:
		e->cur = strlen(e->buf);
		return true;
	case ACT_BACKSPACE:
		if (e->cur > 0) {
			size_t prev = char_before(e->buf, e->cur);

			remove_bytes(e, prev, e->cur - prev);
			e->cur = prev;
		}
		return true;
	case ACT_DELETE:
		if (e->buf[e->cur])
			remove_bytes(e, e->cur, char_len(e->buf + e->cur));
		return true;
	case ACT_KILL_LINE:
		e->buf[0] = 0;
		e->cur = 0;
		return true;
	case ACT_NEWLINE:
		if (e->multiline)
			edit_insert(e, '\n');
		return e->multiline;
	default:
		return false;
	}
}

int edit_draw(const struct edit *e, WINDOW *w, int y, int x, int cols)
{
	char head[1024];
	size_t start = 0;
	int before;

	/* Scroll: drop characters from the left until the text before the
	 * cursor leaves one column for the cursor itself. */
	for (;;) {
		size_t n = e->cur - start;

		if (n >= sizeof head)
			n = sizeof head - 1;
		memcpy(head, e->buf + start, n);
		head[n] = 0;
		before = text_width(head);
		if (before < cols || start >= e->cur)
			break;
		start += char_len(e->buf + start);
	}
	draw_text(w, y, x, e->buf + start, cols, true);
	return x + (before < cols ? before : cols - 1);
}

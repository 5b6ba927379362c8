/* prefs.h - the user's settings: $XDG_CONFIG_HOME/zhibu/config.
 *
 * A plain file of "key = value" lines; '#' starts a comment.  A problem in
 * the file is reported and skipped, never fatal; a file that is not a
 * plain text file of at most 64 KiB is reported and not read.  The environment
 * overrides the file.
 *
 *   ambiguous_width = auto | 1 | 2   how wide the terminal draws “ · … ①
 *   language = zh_CN | en | auto     the language of the screens
 *   color = auto | never
 *   lines = auto | ascii             ascii: boxes and rules with - | +
 */
#ifndef ZHIBU_PREFS_H
#define ZHIBU_PREFS_H

#include <stdbool.h>
#include <stddef.h>

struct prefs {
	int ambiguous_width;    /* 0 = find out at start-up, else 1 or 2 */
	char language[32];      /* "" = follow the locale */
	bool no_color;
	bool ascii_lines;
};

/* Called for each problem: the file, its line, a message id, the text.
 * LINE 0 is the whole file, refused (a pipe, a device, too large, control
 * characters) and its settings not used; TEXT is then NULL or the
 * system's words. */
typedef void (*prefs_warn_fn)(void *ctx, const char *path, int line,
                              const char *msgid, const char *text);

/* Defaults, then the file at PATH (NULL: the default path; a missing file
 * is fine), then the environment: ZHIBU_AMBIGUOUS_WIDTH (auto, 1, 2),
 * ZHIBU_LANGUAGE, NO_COLOR, ZHIBU_LINES. */
void prefs_load(struct prefs *p, const char *path, prefs_warn_fn warn,
                void *ctx);

/* The default path of the file into OUT; -1 if there is no home. */
int prefs_default_path(char *out, size_t outsz);

#endif

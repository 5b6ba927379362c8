/* main.c - locale and translations, then the command line or the screens. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "gettext.h"
#include "registers.h"

/* Descriptors 0, 1 and 2 open, whatever the parent left closed: a file
 * opened later must never become standard output, or a message would be
 * written into it.  A closed one gets /dev/null the wrong way round
 * (standard input for writing, the others for reading), so that using it
 * still fails as it would have. */
static void guard_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* the lowest free descriptor: FD itself */
		if (open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY) < 0)
			_exit(EXIT_FAIL);
	}
}

int main(int argc, char **argv)
{
	const char *dir = getenv("ZHIBU_LOCALEDIR");

	guard_std_fds();
	/* first registered, last run: after the screens give the terminal back */
	atexit(cli_close_stdout);
	setlocale(LC_ALL, "");
	/* Tests point at a build-tree catalog; installed copies use LOCALEDIR. */
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	/* Keep translations in UTF-8 like all other text inside the program;
	 * output is converted to the terminal's codeset where it leaves. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	/* strerror() and the other texts of the C library too: in a GB18030
	 * locale they would come in GB18030 and be converted a second time */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(PACKAGE);
	registers_init();
	return cli_main(argc, argv);
}

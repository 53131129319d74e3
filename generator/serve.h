/*
 * serve.h -- `mamoru serve`: live preview (see serve.c).
 */
#ifndef MAMORU_SERVE_H
#define MAMORU_SERVE_H

/* Build the site in `site_dir`, serve it on 127.0.0.1:port (0: any free
 * port, printed), rebuild on changes until SIGINT/SIGTERM.  Returns an exit
 * status. */
int	serve_run(const char *site_dir, unsigned port);

#endif

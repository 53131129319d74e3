/*
 * serve.c -- `mamoru serve`: a live preview on http://127.0.0.1:PORT/.
 *
 * The site is built into a private folder and served from there by
 * libmicrohttpd (one thread per connection).  inotify watches content/,
 * templates/ and assets/; a change triggers a rebuild (the build's own
 * atomic swap means a reader never sees half a site).  Every HTML page is
 * served with a small script injected before </body> that listens on
 * /__mamoru/events (server-sent events): "reload" after a good build,
 * "problems" with the diagnostics after a failed one, shown as an overlay
 * over the last good page.  Nothing of this reaches `mamoru build`.
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "core/buf.h"
#include "core/fs.h"
#include "serve.h"

/*
 * libmicrohttpd is opened when `serve` starts, not linked: it brings
 * GnuTLS and a dozen libraries more, whose loading would add about two
 * milliseconds to every other command (half of an incremental build's
 * start-up).  The calls below go through these pointers.
 */
#define MHD_FUNCS(X) \
	X(MHD_add_response_header) X(MHD_create_response_from_buffer) \
	X(MHD_create_response_from_callback) X(MHD_destroy_response) \
	X(MHD_get_daemon_info) X(MHD_queue_response) X(MHD_start_daemon) \
	X(MHD_stop_daemon)
#define MHD_POINTER(f)	__typeof__(f) *f;
static struct {
	MHD_FUNCS(MHD_POINTER)
} mhd;
#undef MHD_POINTER

static int
mhd_open(void)
{
	static const char *const names[] = { "libmicrohttpd.so.12",
	    "libmicrohttpd.so" };
	void	*h = NULL;
	size_t	 i;

	for (i = 0; h == NULL && i < sizeof(names) / sizeof(names[0]); i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		fprintf(stderr, "mamoru: libmicrohttpd を開けません（%s）。Debian "
		    "の libmicrohttpd12 を入れてください（make が入れます）\n",
		    dlerror());
		return -1;
	}
#define MHD_RESOLVE(f) \
	if ((*(void **)&mhd.f = dlsym(h, #f)) == NULL) { \
		fprintf(stderr, "mamoru: libmicrohttpd に " #f " が" \
		    "ありません\n"); \
		return -1; \
	}
	MHD_FUNCS(MHD_RESOLVE)
#undef MHD_RESOLVE
	return 0;	/* kept open until the program ends */
}

#define MHD_add_response_header		mhd.MHD_add_response_header
#define MHD_create_response_from_buffer	mhd.MHD_create_response_from_buffer
#define MHD_create_response_from_callback mhd.MHD_create_response_from_callback
#define MHD_destroy_response		mhd.MHD_destroy_response
#define MHD_get_daemon_info		mhd.MHD_get_daemon_info
#define MHD_queue_response		mhd.MHD_queue_response
#define MHD_start_daemon		mhd.MHD_start_daemon
#define MHD_stop_daemon			mhd.MHD_stop_daemon

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 changed = PTHREAD_COND_INITIALIZER;
static unsigned long	 generation;	/* bumped after every build */
static int		 last_ok;
static char		*last_problems;	/* diagnostics of the last build */
static char		 root[PATH_MAX];	/* the built site/ folder */
static volatile sig_atomic_t stop;

static const char reload_js[] =
"/* mamoru serve: reload on rebuild, show problems (preview only) */\n"
"(function () {\n"
"  'use strict';\n"
"  var box = null;\n"
"  function show(text) {\n"
"    if (!box) {\n"
"      box = document.createElement('div');\n"
"      box.setAttribute('role', 'alert');\n"
"      box.id = 'mamoru-problems';\n"
"      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;"
"overflow:auto;z-index:99999;background:#fff3f3;color:#5c0000;border-top:4px "
"solid #b00020;padding:1rem 1.25rem;font:15px/1.6 monospace;white-space:"
"pre-wrap;box-shadow:0 -4px 16px rgba(0,0,0,.2)';\n"
"      document.body.appendChild(box);\n"
"    }\n"
"    box.textContent = 'mamoru: 直すまで、前回のページを表示しています\\n\\n' + text;\n"
"  }\n"
"  var es = new EventSource('/__mamoru/events');\n"
"  es.addEventListener('reload', function () { window.location.reload(); });\n"
"  es.addEventListener('problems', function (e) { show(e.data); });\n"
"}());\n";

/* ----- building ------------------------------------------------------ */

static void
rebuild(const char *site_dir, const char *out_dir)
{
	struct build_opts	 o;
	char			*text = NULL;
	size_t			 len = 0;
	FILE			*log = open_memstream(&text, &len);
	int			 rc;

	memset(&o, 0, sizeof(o));
	o.site_dir = site_dir;
	o.out_dir = out_dir;
	o.quiet = 1;
	o.format = DIAG_TEXT;
	o.log = log;
	diag_reset();
	rc = build_run(&o);
	if (log != NULL)
		fclose(log);
	if (text != NULL && len > 0)
		fputs(text, stderr);
	pthread_mutex_lock(&lock);
	free(last_problems);
	last_problems = rc == 0 ? NULL : text;
	if (rc == 0)
		free(text);
	last_ok = rc == 0;
	generation++;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	fprintf(stderr, rc == 0 ? "mamoru serve: 作り直しました\n" :
	    "mamoru serve: エラーがあります（前回のページを表示しています）\n");
}

/* ----- watching ------------------------------------------------------ */

static void
watch_tree(int fd, const char *dir)
{
	char	**names;
	size_t	  n, i;
	buf	  sub = BUF_INIT;

	if (!fs_is_dir(dir))
		return;
	(void)inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_CREATE |
	    IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF);
	if (fs_list(dir, &names, &n) == -1)
		return;
	for (i = 0; i < n; i++) {
		if (names[i][0] == '.')
			continue;
		buf_truncate(&sub, 0);
		buf_printf(&sub, "%s/%s", dir, names[i]);
		if (fs_is_dir(sub.data))
			watch_tree(fd, sub.data);
	}
	fs_names_free(names, n);
	buf_free(&sub);
}

static int
open_watches(const char *site_dir)
{
	static const char *const dirs[] = { "content", "templates", "assets" };
	int	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	size_t	i;
	buf	d = BUF_INIT;

	if (fd == -1)
		return -1;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		buf_truncate(&d, 0);
		buf_printf(&d, "%s/%s", site_dir, dirs[i]);
		watch_tree(fd, d.data);
	}
	buf_free(&d);
	return fd;
}

/* ----- HTTP ---------------------------------------------------------- */

struct sse {
	unsigned long	seen;
	int		greeted;
};

static void
event_of_last_build(buf *b)
{
	const char *p;

	if (last_ok) {
		buf_puts(b, "event: reload\ndata: ok\n\n");
		return;
	}
	buf_puts(b, "event: problems\n");
	for (p = last_problems ? last_problems : ""; *p != '\0';) {
		const char	*nl = strchr(p, '\n');
		size_t		 l = nl ? (size_t)(nl - p) : strlen(p);

		buf_puts(b, "data: ");
		buf_append(b, p, l);
		buf_putc(b, '\n');
		p += l + (nl ? 1 : 0);
	}
	buf_puts(b, "\n");
}

/* One server-sent event per build: "reload" or "problems"; a page that
 * connects while the content is broken hears the problems at once. */
static ssize_t
sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct sse	*c = cls;
	struct timespec	 until;
	buf		 b = BUF_INIT;
	ssize_t		 n;

	(void)pos;
	pthread_mutex_lock(&lock);
	if (!c->greeted) {
		c->greeted = 1;
		if (!last_ok)
			event_of_last_build(&b);
		else
			buf_puts(&b, ": connected\n\n");
	} else {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 15;
		while (generation == c->seen && !stop &&
		    pthread_cond_timedwait(&changed, &lock, &until) == 0)
			;
		if (stop) {
			pthread_mutex_unlock(&lock);
			return MHD_CONTENT_READER_END_OF_STREAM;
		}
		if (generation != c->seen) {
			c->seen = generation;
			event_of_last_build(&b);
		} else
			buf_puts(&b, ": keep-alive\n\n");
	}
	pthread_mutex_unlock(&lock);
	n = (ssize_t)(b.len < max ? b.len : max);
	memcpy(out, b.data, (size_t)n);
	buf_free(&b);
	return n;
}

static const char *
mime(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" },
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".webp", "image/webp" }, { ".pdf", "application/pdf" },
		{ ".xml", "application/xml; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".ttf", "font/ttf" }, { ".woff2", "font/woff2" },
		{ ".wasm", "application/wasm" },
	};
	const char	*dot = strrchr(path, '.');
	size_t		 i;

	for (i = 0; dot != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* Preview pages: the reload script, and a CSP that lets it connect back. */
static void
inject(buf *html)
{
	static const char *const forms[] = { "connect-src 'none'",
	    "connect-src &#39;none&#39;" };
	buf	 out = BUF_INIT;
	char	*csp = NULL, *body, *from = html->data;
	size_t	 k, cl = 0;

	for (k = 0; k < 2 && csp == NULL; k++)
		if ((csp = strstr(html->data, forms[k])) != NULL)
			cl = strlen(forms[k]);
	if (csp != NULL) {
		buf_append(&out, html->data, (size_t)(csp - html->data));
		buf_puts(&out, "connect-src 'self'");
		from = csp + cl;
	}
	body = strstr(from, "</body>");
	if (body != NULL) {
		buf_append(&out, from, (size_t)(body - from));
		buf_puts(&out, "<script src=\"/__mamoru/reload.js\"></script>\n");
		buf_puts(&out, body);
	} else
		buf_puts(&out, from);
	buf_truncate(html, 0);
	buf_append(html, out.data, out.len);
	buf_free(&out);
}

static enum MHD_Result
reply(struct MHD_Connection *conn, unsigned status, const char *type,
    const void *data, size_t len)
{
	struct MHD_Response	*r;
	enum MHD_Result		 rc;

	r = MHD_create_response_from_buffer(len, (void *)data,
	    MHD_RESPMEM_MUST_COPY);
	(void)MHD_add_response_header(r, "Content-Type", type);
	(void)MHD_add_response_header(r, "Cache-Control", "no-store");
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_len, void **state)
{
	buf		 path = BUF_INIT, data = BUF_INIT;
	enum MHD_Result	 rc;

	(void)cls;
	(void)version;
	(void)upload;
	(void)upload_len;
	if (*state == NULL) {	/* the headers; the body comes next call */
		*state = (void *)1;
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return reply(conn, 405, "text/plain", "", 0);
	if (strcmp(url, "/__mamoru/reload.js") == 0)
		return reply(conn, 200, "text/javascript; charset=utf-8",
		    reload_js, sizeof(reload_js) - 1);
	if (strcmp(url, "/__mamoru/events") == 0) {
		struct sse		*c = calloc(1, sizeof(*c));
		struct MHD_Response	*r;

		pthread_mutex_lock(&lock);
		c->seen = generation;
		pthread_mutex_unlock(&lock);
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096,
		    sse_read, c, free);
		(void)MHD_add_response_header(r, "Content-Type",
		    "text/event-stream");
		(void)MHD_add_response_header(r, "Cache-Control", "no-store");
		rc = MHD_queue_response(conn, 200, r);
		MHD_destroy_response(r);
		return rc;
	}
	/* A file of the site; folders get their index.html.  No "..". */
	if (strstr(url, "..") != NULL || url[0] != '/')
		return reply(conn, 400, "text/plain", "", 0);
	buf_printf(&path, "%s%s", root, url);
	if (path.data[path.len - 1] == '/' || fs_is_dir(path.data))
		buf_puts(&path, path.data[path.len - 1] == '/' ? "index.html" :
		    "/index.html");
	if (fs_read(path.data, &data) == -1) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/404.html", root);
		if (fs_read(path.data, &data) == 0) {
			inject(&data);
			rc = reply(conn, 404, "text/html; charset=utf-8",
			    data.data, data.len);
		} else
			rc = reply(conn, 404, "text/plain", "not found", 9);
	} else {
		if (strcmp(mime(path.data), "text/html; charset=utf-8") == 0)
			inject(&data);
		rc = reply(conn, 200, mime(path.data), data.data, data.len);
	}
	buf_free(&path);
	buf_free(&data);
	return rc;
}

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int
serve_run(const char *site_dir, unsigned port)
{
	struct MHD_Daemon	*d;
	const union MHD_DaemonInfo *info;
	struct sockaddr_in	 addr;
	char			 tmpl[] = "/tmp/mamoru-serve-XXXXXX";
	buf			 out = BUF_INIT;
	int			 fd;

	if (mhd_open() == -1)
		return EXIT_USAGE;
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "mamoru: 作業用フォルダを作れません: %s\n",
		    strerror(errno));
		return EXIT_USAGE;
	}
	buf_printf(&out, "%s/out", tmpl);
	snprintf(root, sizeof(root), "%s/site", out.data);
	rebuild(site_dir, out.data);

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);	/* 127.0.0.1 only */
	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    handle, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)0, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "mamoru: ポート %u で待ち受けられません（使用中"
		    "かもしれません。--port で別の番号を指定してください）\n",
		    port);
		(void)fs_rm_rf(tmpl);
		buf_free(&out);
		return EXIT_USAGE;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("mamoru serve: http://127.0.0.1:%u/ で表示しています"
	    "（止めるには Ctrl+C）\n", info ? info->port : port);
	fflush(stdout);

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	fd = open_watches(site_dir);
	while (!stop) {
		struct pollfd	p = { fd, POLLIN, 0 };
		char		ev[8192];
		int		changes = 0;

		if (fd == -1 || poll(&p, 1, 500) <= 0)
			continue;
		/* Drain the burst an editor's save makes, then build once. */
		do {
			while (read(fd, ev, sizeof(ev)) > 0)
				changes++;
			p.revents = 0;
		} while (poll(&p, 1, 80) > 0);
		if (changes > 0) {
			close(fd);	/* new folders get watches too */
			rebuild(site_dir, out.data);
			fd = open_watches(site_dir);
		}
	}
	pthread_mutex_lock(&lock);
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	MHD_stop_daemon(d);
	if (fd != -1)
		close(fd);
	(void)fs_rm_rf(tmpl);
	buf_free(&out);
	free(last_problems);
	fprintf(stderr, "mamoru serve: 終了しました\n");
	return 0;
}

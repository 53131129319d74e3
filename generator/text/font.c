/*
 * font.c -- the fonts' files (text.h): asked of fontconfig through the
 * heavy module (font_fc.c), or taken from the previous build's answers.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/hash.h"
#include "../heavy.h"
#include "text.h"

/* ----- the memo of font files ---------------------------------------------
 *
 * Loading fontconfig (its XML configuration, then its caches) takes about
 * 4 ms, a tenth of a rebuild after a one-page edit, and such a build only
 * needs the fonts' file names (the kiosk copies them, the PDF keys name
 * them).  So the answers are kept in OUT/.cache with what they depend on:
 *
 *   - fontconfig's configuration files, the folders holding them, and
 *     the places it would read a user's configuration from, present or
 *     not;
 *   - its font folders (every one it scanned, subfolders included: a
 *     font added, removed or replaced changes its folder's time);
 *   - the environment it reads (FONTCONFIG_*, HOME, XDG_*, the locale).
 *
 * Each is stat()ed -- what fontconfig itself does to trust its caches --
 * and the answers are used only if all are as they were.  `build --clean`
 * never uses them.
 *
 * The memo's lines (in OUT/.cache/manifest):
 *
 *   fontdep PATH                 one per dependency, in order
 *   fontsig HASH                 of the environment and of every stat()
 *   font FAMILY<TAB>B<TAB>INDEX<TAB>FILE
 */

struct answer {
	char	*family, *file;
	int	 bold, index;
	size_t	 used;		/* order of first use in this run, 0: not */
};

static struct {
	struct answer	*a;
	size_t		 n, cap;
	char		**deps;		/* from the previous run, if valid */
	size_t		 ndeps, nused;
	uint64_t	 sig;
	int		 valid;
} memo;

static const char *const fc_env[] = {
	"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "FC_LANG",
	"LC_ALL", "LC_CTYPE", "LANG", "HOME", "XDG_CONFIG_HOME",
	"XDG_DATA_HOME", "XDG_CACHE_HOME",
};

static struct answer *
answer_add(const char *family, int bold, const char *file, int index)
{
	struct answer *a;

	if (memo.n == memo.cap) {
		memo.cap = memo.cap ? 2 * memo.cap : 8;
		memo.a = xrealloc(memo.a, memo.cap * sizeof(*memo.a));
	}
	a = &memo.a[memo.n++];
	a->family = xstrdup(family);
	a->file = xstrdup(file);
	a->bold = bold;
	a->index = index;
	a->used = 0;
	return a;
}

static void
deps_free(void)
{
	size_t i;

	for (i = 0; i < memo.ndeps; i++)
		free(memo.deps[i]);
	free(memo.deps);
	memo.deps = NULL;
	memo.ndeps = 0;
}

static void
memo_reset(void)
{
	size_t i;

	for (i = 0; i < memo.n; i++) {
		free(memo.a[i].family);
		free(memo.a[i].file);
	}
	free(memo.a);
	deps_free();
	memset(&memo, 0, sizeof(memo));
}

/* The hash of the environment and of the dependencies' stat(). */
static uint64_t
deps_sig(char *const *deps, size_t n)
{
	buf		 b = BUF_INIT;
	struct stat	 st;
	const char	*v;
	size_t		 i;
	uint64_t	 h;

	for (i = 0; i < sizeof(fc_env) / sizeof(fc_env[0]); i++) {
		v = getenv(fc_env[i]);
		buf_printf(&b, "%s%c%s%c", fc_env[i], v != NULL ? '=' : '!',
		    v != NULL ? v : "", '\0');
	}
	for (i = 0; i < n; i++) {
		if (stat(deps[i], &st) == 0)
			buf_printf(&b, "%s:%llu:%llu:%llu:%lld.%09ld:%o\n",
			    deps[i], (unsigned long long)st.st_dev,
			    (unsigned long long)st.st_ino,
			    (unsigned long long)st.st_size,
			    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
			    (unsigned)st.st_mode);
		else
			buf_printf(&b, "%s:-\n", deps[i]);
	}
	h = hash64(b.data, b.len);
	buf_free(&b);
	return h;
}

static void
dep_add(char ***deps, size_t *n, size_t *cap, const char *path)
{
	size_t i;

	if (path == NULL || *path == '\0')
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*deps)[i], path) == 0)
			return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 32;
		*deps = xrealloc(*deps, *cap * sizeof(**deps));
	}
	(*deps)[(*n)++] = xstrdup(path);
}

struct dep_list {
	char	**deps;
	size_t	  n, cap;
};

static void
dep_cb(void *ctx, const char *path)
{
	struct dep_list *l = ctx;

	dep_add(&l->deps, &l->n, &l->cap, path);
}

/* What the loaded configuration depends on (see above); -1 if fontconfig
 * was not loaded in this run. */
static int
deps_collect(char ***deps, size_t *n)
{
	struct dep_list	 l = { NULL, 0, 0 };
	size_t		 cap;
	const char	*home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	buf		 p = BUF_INIT;

	if (!heavy_loaded() || heavy_get()->font_deps(dep_cb, &l) == -1)
		return -1;
	*deps = l.deps;
	*n = l.n;
	cap = l.cap;
	/* A user's configuration, which fontconfig reads if it appears. */
	if (xdg != NULL && *xdg != '\0')
		buf_printf(&p, "%s/fontconfig", xdg);
	else if (home != NULL)
		buf_printf(&p, "%s/.config/fontconfig", home);
	if (p.len > 0) {
		dep_add(deps, n, &cap, p.data);
		buf_puts(&p, "/fonts.conf");
		dep_add(deps, n, &cap, p.data);
		buf_truncate(&p, p.len - strlen("/fonts.conf"));
		buf_puts(&p, "/conf.d");
		dep_add(deps, n, &cap, p.data);
	}
	if (home != NULL) {
		buf_truncate(&p, 0);
		buf_printf(&p, "%s/.fonts.conf", home);
		dep_add(deps, n, &cap, p.data);
		buf_puts(&p, ".d");
		dep_add(deps, n, &cap, p.data);
	}
	buf_free(&p);
	return 0;
}

void
text_font_memo_use(const char *text, size_t len)
{
	const char	*p = text, *end = text + len, *nl, *f[4];
	size_t		 cap = 0, k;
	char		*line, *t, *family;
	uint64_t	 sig = 0;
	int		 have_sig = 0;

	memo_reset();
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		line = xmalloc((size_t)(nl - p) + 1);
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		if (strncmp(line, "fontdep ", 8) == 0)
			dep_add(&memo.deps, &memo.ndeps, &cap, line + 8);
		else if (strncmp(line, "fontsig ", 8) == 0) {
			sig = strtoull(line + 8, NULL, 16);
			have_sig = 1;
		} else if (strncmp(line, "font ", 5) == 0) {
			/* FAMILY \t BOLD \t INDEX \t FILE */
			f[0] = line + 5;
			for (k = 1, t = line + 5; k < 4 &&
			    (t = strchr(t, '\t')) != NULL; k++) {
				*t++ = '\0';
				f[k] = t;
			}
			if (k == 4) {
				family = (char *)f[0];
				answer_add(family, atoi(f[1]), f[3], atoi(f[2]));
			}
		}
		free(line);
		p = nl + 1;
	}
	memo.valid = have_sig && memo.ndeps > 0 && memo.n > 0 &&
	    deps_sig(memo.deps, memo.ndeps) == sig;
	memo.sig = sig;
	if (!memo.valid)
		memo_reset();
}

int
text_font_file(const char *family, int bold, char **file, int *index)
{
	const struct mamoru_heavy *h;
	struct text_face f;
	size_t		 i;

	for (i = 0; i < memo.n; i++)
		if (strcmp(memo.a[i].family, family) == 0 &&
		    memo.a[i].bold == bold) {
			*file = xstrdup(memo.a[i].file);
			*index = memo.a[i].index;
			if (memo.a[i].used == 0)
				memo.a[i].used = ++memo.nused;
			return 0;
		}
	if ((h = heavy_get()) == NULL)
		return -2;	/* reported */
	if (h->font_find(family, bold, &f) == -1) {
		h->face_free(&f);
		return -1;
	}
	answer_add(family, bold, f.file, f.index)->used = ++memo.nused;
	*file = f.file;
	*index = f.index;
	f.file = NULL;
	h->face_free(&f);
	return 0;
}

void
text_font_memo_write(buf *out)
{
	char	**deps = memo.deps;
	size_t	  n = memo.ndeps, i, k;
	uint64_t  sig = memo.sig;
	char	  hex[17];

	/* Only the answers this run used, in the order it used them: the
	 * same lines as a clean build's. */
	if (memo.nused == 0)
		return;
	if (deps_collect(&deps, &n) == 0)	/* this run's configuration */
		sig = deps_sig(deps, n);
	else {
		deps = memo.deps;
		n = memo.ndeps;
	}
	for (i = 0; i < n; i++)
		if (strchr(deps[i], '\n') == NULL)
			buf_printf(out, "fontdep %s\n", deps[i]);
	hash_hex(sig, 16, hex);
	buf_printf(out, "fontsig %s\n", hex);
	for (k = 1; k <= memo.nused; k++)
		for (i = 0; i < memo.n; i++)
			if (memo.a[i].used == k &&
			    strpbrk(memo.a[i].family, "\t\n") == NULL &&
			    strpbrk(memo.a[i].file, "\t\n") == NULL)
				buf_printf(out, "font %s\t%d\t%d\t%s\n",
				    memo.a[i].family, memo.a[i].bold,
				    memo.a[i].index, memo.a[i].file);
	if (deps != memo.deps) {
		for (i = 0; i < n; i++)
			free(deps[i]);
		free(deps);
	}
}

int
text_font_covers(uint32_t cp)
{
	const struct mamoru_heavy *h = heavy_get();

	return h != NULL ? h->font_covers(cp) : -1;
}

void
text_font_done(void)
{
	memo_reset();
}

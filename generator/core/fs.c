/*
 * fs.c -- file-system helpers (POSIX + Linux renameat2).
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs.h"

int
fs_read(const char *path, buf *b)
{
	struct stat	st;
	int		fd;
	ssize_t		n;
	size_t		want;

	buf_truncate(b, 0);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	/* Room for the whole file (and the end-of-file read) at once: most
	 * files are a few kilobytes, and a build reads thousands. */
	want = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 ?
	    (size_t)st.st_size + 1 : 65536;
	for (;;) {
		buf_reserve(b, b->len < want ? want - b->len : 65536);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	b->data[b->len] = '\0';
	close(fd);
	return 0;
}

int
fs_mkdir_p(const char *path)
{
	char	*p = xstrdup(path), *s;
	int	 rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/* Make path's parent folder: one mkdir() when its own parent exists (as
 * for almost every file of a build), the whole chain otherwise. */
static int
mkdir_parent(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		 dir[PATH_MAX];
	size_t		 n;

	if (slash == NULL || slash == path)
		return 0;
	n = (size_t)(slash - path);
	if (n >= sizeof(dir))
		return fs_mkdir_p(path);
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (mkdir(dir, 0755) == 0 || errno == EEXIST)
		return 0;
	return errno == ENOENT ? fs_mkdir_p(dir) : -1;
}

/*
 * Reuse of the previous output (incremental builds, fs_reuse_begin): files
 * written below `reuse_stage` whose bytes equal the same file below
 * `reuse_prev` become hard links to it instead of new copies.  Files of
 * the stage are never written in place, so the previous output stays
 * intact until the swap even where the two share inodes.
 */
static char	*reuse_stage, *reuse_prev;
static size_t	 reuse_stage_len, n_reused, n_written;

void
fs_reuse_begin(const char *stage, const char *prev)
{
	fs_reuse_end(NULL, NULL);
	reuse_stage = xstrdup(stage);
	reuse_stage_len = strlen(stage);
	reuse_prev = prev != NULL ? xstrdup(prev) : NULL;
}

void
fs_reuse_end(size_t *reused, size_t *written)
{
	if (reused != NULL)
		*reused = n_reused;
	if (written != NULL)
		*written = n_written;
	free(reuse_stage);
	free(reuse_prev);
	reuse_stage = reuse_prev = NULL;
	reuse_stage_len = n_reused = n_written = 0;
}

/* The part of path below the stage ("site/index.html"), or NULL. */
static const char *
stage_rel(const char *path)
{
	if (reuse_stage == NULL || strncmp(path, reuse_stage,
	    reuse_stage_len) != 0 || path[reuse_stage_len] != '/')
		return NULL;
	return path + reuse_stage_len + 1;
}

/* Does the file at fd hold exactly data[0..len)? */
static int
same_bytes(int fd, const char *data, size_t len)
{
	char	chunk[65536];
	size_t	off = 0;
	ssize_t	n;

	while (off < len) {
		size_t want = len - off < sizeof(chunk) ? len - off :
		    sizeof(chunk);

		n = read(fd, chunk, want);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0 || memcmp(chunk, data + off, (size_t)n) != 0)
			return 0;
		off += (size_t)n;
	}
	return read(fd, chunk, 1) == 0;
}

/* link(), replacing a file of the stage that is already there. */
static int
link_over(const char *from, const char *to)
{
	if (link(from, to) == 0)
		return 0;
	return errno == EEXIST && unlink(to) == 0 ? link(from, to) : -1;
}

int
fs_link_prev(const char *path)
{
	const char	*rel = stage_rel(path);
	buf		 prev = BUF_INIT;
	int		 rc = -1;

	if (rel == NULL || reuse_prev == NULL)
		return -1;
	fs_join(&prev, reuse_prev, rel);
	if (fs_is_file(prev.data) && mkdir_parent(path) == 0 &&
	    link_over(prev.data, path) == 0) {
		n_reused++;
		rc = 0;
	}
	buf_free(&prev);
	return rc;
}

/* Link path to the previous output's copy if that holds these bytes. */
static int
reuse(const char *path, const char *rel, const void *data, size_t len)
{
	buf		 prev = BUF_INIT;
	struct stat	 st;
	int		 fd, rc = -1;

	fs_join(&prev, reuse_prev, rel);
	if ((fd = open(prev.data, O_RDONLY | O_CLOEXEC)) != -1) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (size_t)st.st_size == len && same_bytes(fd, data, len) &&
		    mkdir_parent(path) == 0 && link_over(prev.data, path) == 0)
			rc = 0;
		close(fd);
	}
	buf_free(&prev);
	return rc;
}

int
fs_write(const char *path, const void *data, size_t len)
{
	const char	*p = data, *rel = stage_rel(path);
	int		 fd;
	ssize_t		 n;

	if (rel != NULL) {
		if (reuse_prev != NULL && reuse(path, rel, data, len) == 0) {
			n_reused++;
			return 0;
		}
		n_written++;
	}
	if (mkdir_parent(path) == -1)
		return -1;
	if (rel != NULL) {
		/* Never through an existing name: it may be a link into
		 * the previous output. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd == -1 && errno == EEXIST && unlink(path) == 0)
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL |
			    O_CLOEXEC, 0644);
	} else
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0644);
	if (fd == -1)
		return -1;
	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return close(fd);
}

static int
same_time(const struct stat *a, const struct stat *b)
{
	return a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Link dst to the previous output's copy if that has src's bytes: the
 * same size and time, or else compared through mappings (fonts are
 * megabytes). */
static int
copy_reuse(const char *src, const char *dst, const char *rel)
{
	buf		 prev = BUF_INIT;
	struct stat	 ss, ps;
	int		 sfd, pfd = -1, rc = -1;
	void		*sm = MAP_FAILED, *pm = MAP_FAILED;

	if ((sfd = open(src, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	fs_join(&prev, reuse_prev, rel);
	if (fstat(sfd, &ss) == 0 && S_ISREG(ss.st_mode) && ss.st_size > 0 &&
	    (pfd = open(prev.data, O_RDONLY | O_CLOEXEC)) != -1 &&
	    fstat(pfd, &ps) == 0 && S_ISREG(ps.st_mode) &&
	    ps.st_size == ss.st_size &&
	    /* Copies keep their source's time (fs_copy): the same size
	     * and time to the nanosecond is the same file, as for make. */
	    (same_time(&ss, &ps) ||
	    ((sm = mmap(NULL, (size_t)ss.st_size, PROT_READ, MAP_PRIVATE, sfd,
	    0)) != MAP_FAILED &&
	    (pm = mmap(NULL, (size_t)ps.st_size, PROT_READ, MAP_PRIVATE, pfd,
	    0)) != MAP_FAILED &&
	    memcmp(sm, pm, (size_t)ss.st_size) == 0)) &&
	    mkdir_parent(dst) == 0 && link_over(prev.data, dst) == 0)
		rc = 0;
	if (sm != MAP_FAILED)
		munmap(sm, (size_t)ss.st_size);
	if (pm != MAP_FAILED)
		munmap(pm, (size_t)ps.st_size);
	if (pfd != -1)
		close(pfd);
	close(sfd);
	buf_free(&prev);
	return rc;
}

int
fs_copy(const char *src, const char *dst)
{
	buf		 b = BUF_INIT;
	const char	*rel = stage_rel(dst);
	int		 rc;

	if (rel != NULL && reuse_prev != NULL &&
	    copy_reuse(src, dst, rel) == 0) {
		n_reused++;
		return 0;
	}

	if ((rc = fs_read(src, &b)) == 0)
		rc = fs_write(dst, buf_str(&b), b.len);
	if (rc == 0) {
		struct stat	st;

		/* The source's time, as cp -p: unchanged copies are then
		 * known by size and time. */
		if (stat(src, &st) == 0) {
			struct timespec t[2] = { st.st_atim, st.st_mtim };

			(void)utimensat(AT_FDCWD, dst, t, 0);
		}
	}
	buf_free(&b);
	return rc;
}

int
fs_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
fs_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
fs_list(const char *dir, char ***names, size_t *n)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 cap = 16;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return -1;
	*names = xmalloc(cap * sizeof(char *));
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (*n == cap) {
			cap *= 2;
			*names = xrealloc(*names, cap * sizeof(char *));
		}
		(*names)[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(*names, *n, sizeof(char *), name_cmp);
	return 0;
}

void
fs_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Remove the entries of the open folder fd, then the folder itself
 * (name, in parent).  Entry types come from readdir, so a tree costs one
 * unlinkat per file and no stat. */
static int
rm_tree_at(int parent, const char *name, int depth)
{
	DIR		*d;
	struct dirent	*e;
	int		 fd, rc = 0;

	if (depth > 256) {
		errno = ELOOP;
		return -1;
	}
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (e->d_type == DT_DIR) {
			if (rm_tree_at(fd, e->d_name, depth + 1) == -1)
				rc = -1;
		} else if (unlinkat(fd, e->d_name, 0) == -1) {
			if (errno == EISDIR || errno == EPERM) {
				/* DT_UNKNOWN on some file systems */
				if (rm_tree_at(fd, e->d_name, depth + 1) == -1)
					rc = -1;
			} else if (errno != ENOENT)
				rc = -1;
		}
	}
	closedir(d);
	if (unlinkat(parent, name, AT_REMOVEDIR) == -1 && errno != ENOENT)
		rc = -1;
	return rc;
}

int
fs_rm_rf(const char *path)
{
	struct stat	 st;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return rm_tree_at(AT_FDCWD, path, 0);
}

static void
walk(const char *dir, const char *prefix, fs_walk_fn fn, void *ctx)
{
	char	**names;
	size_t	  n, i;
	buf	  path = BUF_INIT, rel = BUF_INIT;

	if (fs_list(dir, &names, &n) == -1)
		return;
	for (i = 0; i < n; i++) {
		if (names[i][0] == '.')
			continue;
		buf_truncate(&path, 0);
		fs_join(&path, dir, names[i]);
		buf_truncate(&rel, 0);
		buf_printf(&rel, "%s%s", prefix, names[i]);
		if (fs_is_dir(path.data)) {
			buf_putc(&rel, '/');
			walk(path.data, rel.data, fn, ctx);
		} else
			fn(ctx, path.data, rel.data);
	}
	fs_names_free(names, n);
	buf_free(&path);
	buf_free(&rel);
}

void
fs_walk(const char *dir, fs_walk_fn fn, void *ctx)
{
	walk(dir, "", fn, ctx);
}

void
fs_join(buf *b, const char *a, const char *c)
{
	buf_puts(b, a);
	if (b->len > 0 && b->data[b->len - 1] != '/' && *c != '\0')
		buf_putc(b, '/');
	buf_puts(b, c);
}

/* Split target into its parent directory and base name. */
static void
split_path(const char *target, buf *parent, buf *base)
{
	size_t		 len = strlen(target);
	const char	*slash;

	while (len > 1 && target[len - 1] == '/')
		len--;
	buf_append(base, target, len);
	slash = strrchr(buf_str(base), '/');
	if (slash == NULL) {
		buf_puts(parent, ".");
		return;
	}
	buf_append(parent, base->data, slash == base->data ? 1 :
	    (size_t)(slash - base->data));
	memmove(base->data, slash + 1, strlen(slash + 1) + 1);
	base->len = strlen(base->data);
}

int
fs_stage_dir(const char *target, buf *b)
{
	buf	 parent = BUF_INIT, base = BUF_INIT, prefix = BUF_INIT, p = BUF_INIT;
	char	**names;
	size_t	 n, i;
	int	 rc = 0;

	split_path(target, &parent, &base);
	if (fs_mkdir_p(buf_str(&parent)) == -1) {
		rc = -1;
		goto out;
	}
	buf_printf(&prefix, ".%s.tmp-", buf_str(&base));
	/* Sweep staging trees left by builds that were killed. */
	if (fs_list(buf_str(&parent), &names, &n) == 0) {
		for (i = 0; i < n; i++) {
			if (strncmp(names[i], prefix.data, prefix.len) != 0 ||
			    strlen(names[i]) != prefix.len + 6)
				continue;
			buf_truncate(&p, 0);
			fs_join(&p, buf_str(&parent), names[i]);
			(void)fs_rm_rf(buf_str(&p));
		}
		fs_names_free(names, n);
	}
	buf_truncate(b, 0);
	fs_join(b, buf_str(&parent), prefix.data);
	buf_puts(b, "XXXXXX");
	if (mkdtemp(b->data) == NULL)
		rc = -1;
	else
		(void)chmod(b->data, 0755);
out:
	buf_free(&parent);
	buf_free(&base);
	buf_free(&prefix);
	buf_free(&p);
	return rc;
}

int
fs_swap_in(const char *stage, const char *target)
{
	if (renameat2(AT_FDCWD, stage, AT_FDCWD, target, RENAME_EXCHANGE) == 0)
		return fs_rm_rf(stage);	/* stage now holds the old tree */
	if (errno == ENOENT)
		return rename(stage, target);
	if (errno == EINVAL || errno == ENOSYS) {
		/* A file system without RENAME_EXCHANGE: two renames, with a
		 * moment in between where target is missing (never partial). */
		buf	old = BUF_INIT;
		int	rc;

		buf_printf(&old, "%s.old", stage);
		rc = rename(target, old.data);
		if (rc == 0 && (rc = rename(stage, target)) == 0)
			(void)fs_rm_rf(old.data);
		buf_free(&old);
		return rc;
	}
	return -1;
}

int
fs_exe_dir(buf *b)
{
	char	path[PATH_MAX];
	ssize_t	n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char	*slash;

	if (n <= 0)
		return -1;
	path[n] = '\0';
	if ((slash = strrchr(path, '/')) != NULL)
		*slash = '\0';
	buf_truncate(b, 0);
	buf_puts(b, path);
	return 0;
}

/*
 * fs.h -- file-system helpers: whole-file reads, writes into the staging
 * tree, sorted directory listings, and the atomic swap of a finished build.
 *
 * Functions return 0 on success and -1 on failure with errno set; the
 * caller decides how to report (content errors go through diag).
 */
#ifndef MAMORU_FS_H
#define MAMORU_FS_H

#include <stddef.h>

#include "buf.h"

/* Read a whole file into b (replacing its contents). */
int	fs_read(const char *path, buf *b);
/* Create path's parent directories, then write the file (mode 0644). */
int	fs_write(const char *path, const void *data, size_t len);
int	fs_mkdir_p(const char *path);
/* Remove a tree; a missing path is not an error. */
int	fs_rm_rf(const char *path);
int	fs_is_dir(const char *path);
int	fs_is_file(const char *path);
/* Copy a regular file, creating parent directories of dst. */
int	fs_copy(const char *src, const char *dst);

/*
 * Sorted (byte order) names of the entries of a directory, skipping "." and
 * "..".  *names is a malloc'd array of malloc'd strings; free with
 * fs_names_free.  A missing directory gives 0 names and returns -1.
 */
int	fs_list(const char *dir, char ***names, size_t *n);
void	fs_names_free(char **names, size_t n);
/* Every file below dir, in sorted order within each folder, skipping
 * names that start with '.': fn(ctx, path, rel) with rel relative to dir
 * ("css/site.css"). */
typedef void (*fs_walk_fn)(void *ctx, const char *path, const char *rel);
void	fs_walk(const char *dir, fs_walk_fn fn, void *ctx);

/*
 * Make a fresh staging directory beside `target` (same parent, so a rename
 * between them is atomic): "<parent>/.<base>.tmp-XXXXXX".  The path is
 * written to b.  Stale staging trees of earlier, interrupted builds are
 * removed first.
 */
int	fs_stage_dir(const char *target, buf *b);

/*
 * Put the finished staging tree in place of target in one atomic step
 * (renameat2 RENAME_EXCHANGE), then delete the previous tree.  If target
 * does not exist yet, this is a plain rename.  At every instant, target is
 * either the complete old tree or the complete new one.
 */
int	fs_swap_in(const char *stage, const char *target);

/*
 * Incremental builds: until fs_reuse_end(), a file that fs_write() or
 * fs_copy() puts below `stage` and whose bytes equal those of the same
 * path below `prev` (the previous output; NULL for none) is made a hard
 * link to that file instead of a new copy, and no file below `stage` is
 * ever written in place.  fs_reuse_end() reports how many files were
 * reused and how many written.
 */
void	fs_reuse_begin(const char *stage, const char *prev);
void	fs_reuse_end(size_t *reused, size_t *written);
/* Link path (below the stage) to the previous output's copy of the same
 * file, whatever its bytes.  Returns 0, or -1 if there is none. */
int	fs_link_prev(const char *path);

/* Directory of the running executable (from /proc/self/exe). */
int	fs_exe_dir(buf *b);
/* Join two path parts with one '/'. */
void	fs_join(buf *b, const char *a, const char *c);

#endif

/*
 * heavy.c -- opening the heavy module (heavy.h) when a build first needs
 * it: beside the program (build/mamoru-heavy.so), else where `make
 * install` puts it (MAMORU_LIBDIR/mamoru-heavy.so).
 */
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/fs.h"
#include "core/hash.h"
#include "heavy.h"
#include "model/site.h"

#ifndef MAMORU_LIBDIR
#define MAMORU_LIBDIR	"/usr/local/lib/mamoru"
#endif
#define HEAVY_FILE	"mamoru-heavy.so"

/* Defined by the module's objects (heavy_api.c) when a program is linked
 * with them (the tests); NULL in build/mamoru. */
extern const struct mamoru_heavy mamoru_heavy __attribute__((weak));

static const struct mamoru_heavy	*api;
static int				 failed;
static char				 path[PATH_MAX];

const char *
heavy_path(void)
{
	/* The build tree (build/mamoru), or an install (PREFIX/bin/mamoru
	 * with PREFIX/lib/mamoru), wherever it was copied to. */
	static const char *const cands[] = { "", "/../lib/mamoru" };
	buf	exe = BUF_INIT;
	size_t	i;

	if (path[0] != '\0')
		return path;
	if (fs_exe_dir(&exe) == 0)
		for (i = 0; i < sizeof(cands) / sizeof(cands[0]); i++) {
			snprintf(path, sizeof(path), "%s%s/" HEAVY_FILE,
			    exe.data, cands[i]);
			if (fs_is_file(path))
				break;
			path[0] = '\0';
		}
	if (path[0] == '\0')
		snprintf(path, sizeof(path), "%s/" HEAVY_FILE, MAMORU_LIBDIR);
	buf_free(&exe);
	return path;
}

/* The GNU build ID in an ELF file's notes, hashed; 0 if none. */
static uint64_t
file_build_id(int fd)
{
	Elf64_Ehdr	 eh;
	Elf64_Phdr	 ph;
	unsigned char	*note = NULL;
	uint64_t	 id = 0;
	size_t		 k, n, namesz, descsz;

	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_phentsize != sizeof(ph))
		return 0;
	for (k = 0; k < eh.e_phnum && id == 0; k++) {
		if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff +
		    k * sizeof(ph))) != (ssize_t)sizeof(ph) ||
		    ph.p_type != PT_NOTE || ph.p_filesz > 65536)
			continue;
		note = xmalloc(ph.p_filesz + 1);
		if (pread(fd, note, ph.p_filesz, (off_t)ph.p_offset) !=
		    (ssize_t)ph.p_filesz) {
			free(note);
			continue;
		}
		for (n = 0; ph.p_filesz - n >= sizeof(Elf64_Nhdr); ) {
			Elf64_Nhdr nh;

			memcpy(&nh, note + n, sizeof(nh));
			namesz = (nh.n_namesz + 3) & ~(size_t)3;
			descsz = (nh.n_descsz + 3) & ~(size_t)3;
			if (ph.p_filesz - n - sizeof(nh) < namesz + descsz)
				break;
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    memcmp(note + n + sizeof(nh), "GNU", 4) == 0 &&
			    nh.n_descsz >= 8) {
				id = hash64(note + n + sizeof(nh) + namesz,
				    nh.n_descsz);
				break;
			}
			n += sizeof(nh) + namesz + descsz;
		}
		free(note);
	}
	return id;
}

uint64_t
heavy_identity(void)
{
	buf		data = BUF_INIT;
	uint64_t	id = 0;
	int		fd;

	if (&mamoru_heavy != NULL)
		return 0;	/* part of the program */
	if ((fd = open(heavy_path(), O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	id = file_build_id(fd);
	close(fd);
	if (id == 0 && fs_read(heavy_path(), &data) == 0)
		id = hash64(data.data, data.len);	/* no build ID */
	buf_free(&data);
	return id;
}

int
heavy_loaded(void)
{
	return api != NULL || &mamoru_heavy != NULL;
}

const struct mamoru_heavy *
heavy_get(void)
{
	const struct mamoru_heavy	*m;
	void				*h;

	if (api != NULL || failed)
		return api;
	if (&mamoru_heavy != NULL) {
		api = &mamoru_heavy;
		return api;
	}
	/* Kept open until the program ends. */
	if ((h = dlopen(heavy_path(), RTLD_NOW | RTLD_LOCAL)) == NULL) {
		failed = 1;
		diag_error(src_at(heavy_path(), 0, 0), "PDF とフォントを扱う部分"
		    "（%s）を開けません: %s。mamoru のソースフォルダで "
		    "make を実行してください", HEAVY_FILE, dlerror());
		return NULL;
	}
	m = dlsym(h, "mamoru_heavy");
	if (m == NULL || m->abi != MAMORU_HEAVY_ABI ||
	    strcmp(m->version, MAMORU_VERSION) != 0 ||
	    m->size != sizeof(*m) || m->site_size != sizeof(struct site) ||
	    m->page_size != sizeof(struct page)) {
		failed = 1;
		diag_error(src_at(heavy_path(), 0, 0), "%s はこの mamoru "
		    "（%s）と組になっていません。mamoru のソースフォルダで make "
		    "を実行してください", HEAVY_FILE, MAMORU_VERSION);
		return NULL;
	}
	api = m;
	return api;
}

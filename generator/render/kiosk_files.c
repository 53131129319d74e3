/*
 * kiosk_files.c -- everything out/kiosk holds besides index.html.
 *
 *   assets/…          the site's stylesheets and scripts that the kiosk
 *                     uses (not site.js: it remembers settings in
 *                     localStorage, which the kiosk never touches), and
 *                     assets/kiosk/, under their fingerprinted names
 *   fonts/            BIZ UDPGothic Regular and Bold, found with
 *                     fontconfig (never a fixed path), and their licence
 *   start-kiosk.sh    Linux launcher (Chromium in kiosk mode)
 *   start-kiosk.bat   Windows launcher (Edge or Chrome in kiosk mode)
 *   README-kiosk.html the setup guide, in Japanese
 */
#include <sys/stat.h>

#include <errno.h>
#include <string.h>


#include "../core/diag.h"
#include "../core/fs.h"
#include "../text/text.h"
#include "kiosk_int.h"

#define FONT_FAMILY	"BIZ UDPGothic"
#define FONT_PACKAGE	"fonts-morisawa-bizud-gothic"
#define FONT_LICENCE	"/usr/share/doc/" FONT_PACKAGE "/copyright"

static int
write_out(const char *root, const char *rel, const void *data, size_t len)
{
	buf	path = BUF_INIT;
	int	rc;

	fs_join(&path, root, rel);
	if ((rc = fs_write(path.data, data, len)) == -1)
		diag_error(src_at(path.data, 0, 0), "書き込めません: %s",
		    strerror(errno));
	buf_free(&path);
	return rc;
}

/* The asset directories the kiosk page links (kiosk.c, index_context). */
static int
kiosk_uses(const char *rel)
{
	static const char *const dirs[] = { "css/", "js/calc/", "js/search/",
	    "js/karuta/", "kiosk/" };
	size_t i, n;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		n = strlen(dirs[i]);
		if (strncmp(rel, dirs[i], n) == 0 && strchr(rel + n, '/') == NULL)
			return 1;
	}
	return 0;
}

static int
copy_assets(const struct assets *as, const char *root)
{
	buf	data = BUF_INIT;
	size_t	i;
	int	rc = 0;

	for (i = 0; i < as->n; i++) {
		const struct asset *a = &as->items[i];

		if (!kiosk_uses(a->rel))
			continue;
		if (a->out == NULL) {
			diag_error(src_at(a->src, 0, 0), "キオスクに必要なファイル"
			    "がまだ書き出されていません（assets_emit の後に "
			    "kiosk_emit を呼んでください）");
			rc = -1;
			continue;
		}
		if (asset_read(a, &data) == -1) {
			rc = -1;
			continue;
		}
		if (write_out(root, a->out, buf_str(&data), data.len) == -1)
			rc = -1;
	}
	buf_free(&data);
	return rc;
}

/* fonts/: the two faces under fixed names (kiosk.css names them), and
 * the licence (SIL OFL 1.1) as the package ships it. */
static int
copy_fonts(const char *root)
{
	static const struct {
		int		 bold;
		const char	*style, *out;
	} faces[] = {
		{ 0, "Regular", "fonts/BIZUDPGothic-Regular.ttf" },
		{ 1, "Bold", "fonts/BIZUDPGothic-Bold.ttf" },
	};
	char	*file = NULL;
	buf	dst = BUF_INIT, data = BUF_INIT;
	size_t	i;
	int	rc = 0, index, r;

	for (i = 0; i < sizeof(faces) / sizeof(faces[0]); i++) {
		file = NULL;
		r = text_font_file(FONT_FAMILY, faces[i].bold, &file, &index);
		if (r == -2) {		/* no heavy module: reported */
			rc = -1;
			break;
		}
		if (r == -1 || !fs_is_file(file)) {
			free(file);
			file = NULL;
			diag_error(src_at("fontconfig", 0, 0), "キオスクに入れる"
			    "フォント %s %s が見つかりません。Debian のパッケージ "
			    FONT_PACKAGE " を入れてください（make が入れます）",
			    FONT_FAMILY, faces[i].style);
			rc = -1;
			continue;
		}
		buf_truncate(&dst, 0);
		fs_join(&dst, root, faces[i].out);
		if (fs_copy(file, dst.data) == -1) {
			diag_error(src_at(file, 0, 0), "コピーできません: "
			    "%s", strerror(errno));
			rc = -1;
		}
		free(file);
		file = NULL;
	}
	if (rc == 0 && fs_is_file(FONT_LICENCE) &&
	    fs_read(FONT_LICENCE, &data) == 0)
		rc = write_out(root, "fonts/LICENSE-BIZUDGothic.txt",
		    buf_str(&data), data.len);
	else if (rc == 0)
		diag_warning(src_at(FONT_LICENCE, 0, 0), "フォントの使用許諾"
		    "（SIL Open Font License 1.1）の文書が見つからないので、"
		    "キオスクの fonts/ に入れていません。配布するときは "
		    "https://openfontlicense.org の全文を添えてください");
	buf_free(&dst);
	buf_free(&data);
	return rc;
}

/* Render template `name` into root/rel; mode 0755 for the launchers. */
static int
render_file(mu_set *tpl, const char *name, const tpl_value *ctx,
    const char *root, const char *rel, int crlf, mode_t mode)
{
	buf	out = BUF_INIT, conv = BUF_INIT, path = BUF_INIT;
	size_t	i;
	int	rc;

	if ((rc = mu_render(tpl, name, ctx, &out)) == 0) {
		/* Windows' cmd.exe wants CRLF line ends. */
		for (i = 0; crlf && i < out.len; i++) {
			if (out.data[i] == '\n' && (i == 0 ||
			    out.data[i - 1] != '\r'))
				buf_putc(&conv, '\r');
			buf_putc(&conv, out.data[i]);
		}
		rc = crlf ? write_out(root, rel, buf_str(&conv), conv.len) :
		    write_out(root, rel, buf_str(&out), out.len);
	}
	fs_join(&path, root, rel);
	if (rc == 0 && chmod(path.data, mode) == -1) {
		diag_error(src_at(path.data, 0, 0), "実行できるようにできません: "
		    "%s", strerror(errno));
		rc = -1;
	}
	buf_free(&out);
	buf_free(&conv);
	buf_free(&path);
	return rc;
}

int
kiosk_files(const struct site *s, const struct assets *as, mu_set *tpl,
    const tpl_value *ctx, const char *root)
{
	int rc = 0;

	(void)s;
	if (copy_assets(as, root) == -1)
		rc = -1;
	if (copy_fonts(root) == -1)
		rc = -1;
	if (render_file(tpl, "kiosk/start-kiosk.sh", ctx, root,
	    "start-kiosk.sh", 0, 0755) == -1 ||
	    render_file(tpl, "kiosk/start-kiosk.bat", ctx, root,
	    "start-kiosk.bat", 1, 0644) == -1 ||
	    render_file(tpl, "kiosk/README-kiosk.html", ctx, root,
	    "README-kiosk.html", 0, 0644) == -1)
		rc = -1;
	return rc;
}

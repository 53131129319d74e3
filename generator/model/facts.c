/*
 * facts.c -- the fact store (see facts.h and docs/content.md).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/date.h"
#include "../core/fs.h"
#include "../core/utf8.h"
#include "../chart/chart_svg.h"
#include "facts.h"
#include "site.h"

#define FIELD(type_, key, t, fl, ex) \
	{ #key, t, fl, offsetof(type_, key), NULL, NULL, ex }

static const struct field source_fields[] = {
	FIELD(struct fact_source, publisher, F_STRING, F_REQUIRED, "IPA"),
	FIELD(struct fact_source, document, F_STRING, F_REQUIRED,
	    "2024年度 中小企業における情報セキュリティ対策に関する実態調査 報告書"),
	FIELD(struct fact_source, locator, F_STRING, 0, "図3-43"),
	FIELD(struct fact_source, url, F_URL, 0, NULL),
	FIELD(struct fact_source, year, F_INT, F_REQUIRED, "2025"),
	FIELD(struct fact_source, lines, F_STRING, 0, NULL),
};
static const struct schema source_schema = {
	"source", source_fields, sizeof(source_fields) / sizeof(source_fields[0]),
	sizeof(struct fact_source)
};

static const struct field fact_fields[] = {
	FIELD(struct fact, id, F_SLUG, F_REQUIRED, "invest-none-2024"),
	FIELD(struct fact, value, F_STRING, F_REQUIRED, "\"62.6\""),
	FIELD(struct fact, unit, F_STRING, 0, "\"%\""),
	FIELD(struct fact, label, F_STRING, F_REQUIRED,
	    "過去3期に情報セキュリティ対策投資を行っていない企業の割合"),
	FIELD(struct fact, n, F_INT, 0, "4191"),
	{ "source", F_MAP, F_REQUIRED, offsetof(struct fact, source), NULL,
	    &source_schema, NULL },
	FIELD(struct fact, as_of, F_DATE, F_REQUIRED, "2025-05-01"),
	FIELD(struct fact, review_by, F_DATE, F_REQUIRED, "2027-05-01"),
	FIELD(struct fact, group, F_SLUG, 0, "shindan-score-bands"),
	FIELD(struct fact, order, F_INT, 0, "1"),
	{ "short", F_STRING, 0, offsetof(struct fact, short_label), NULL, NULL,
	    "100点" },
	FIELD(struct fact, note, F_STRING, 0, NULL),
};
static const struct schema fact_schema = {
	"facts の項目", fact_fields, sizeof(fact_fields) / sizeof(fact_fields[0]),
	sizeof(struct fact)
};

static const struct field file_fields[] = {
	{ "facts", F_LIST, F_REQUIRED, offsetof(struct fact_store, facts), NULL,
	    &fact_schema, NULL },
};
static const struct schema file_schema = {
	"facts.yaml", file_fields, 1, sizeof(struct fact_store)
};

/* "62.6", "4,191", "-25": digits, thousands commas, one decimal point. */
static int
valid_value(const char *s)
{
	int digits = 0, dot = 0;

	if (*s == '-')
		s++;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == ',' && digits > 0 && !dot)
			continue;
		else if (*s == '.' && digits > 0 && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0 && s[-1] != '.' && s[-1] != ',';
}

int
facts_load(struct site *s)
{
	struct source	 src;
	struct ydoc	 y;
	buf		 path = BUF_INIT;
	size_t		 before = diag_error_count(), i, j;

	memset(&s->facts, 0, sizeof(s->facts));
	buf_printf(&path, "%s/facts.yaml", s->content);
	if (!fs_is_file(path.data)) {
		buf_free(&path);
		return 0;
	}
	s->facts.path = arena_strdup(&s->a, path.data);
	buf_free(&path);
	memset(&src, 0, sizeof(src));
	if (source_read(&src, s->facts.path) == 0) {
		/* Diagnostics keep pointers to the path only; the decoded
		 * strings live in the arena. */
		if (ydoc_load(&y, s->facts.path, src.text.data, src.text.len,
		    1) == 0)
			(void)schema_decode(&s->a, &y, ydoc_root(&y),
			    &file_schema, &s->facts,
			    src_at(s->facts.path, 1, 1));
		ydoc_free(&y);
	}
	source_free(&src);
	for (i = 0; i < s->facts.facts.n; i++) {
		struct fact *f = (struct fact *)s->facts.facts.items + i;

		if (f->value.s != NULL && !valid_value(f->value.s))
			diag_error(f->value.pos, "value '%s' には数字だけを書いて"
			    "ください（半角の数字と「,」「.」、先頭の「-」。"
			    "「約」などの言葉はページの本文に書きます）",
			    f->value.s);
		if (f->id.s == NULL)
			continue;
		for (j = 0; j < i; j++) {
			const struct fact *g =
			    (const struct fact *)s->facts.facts.items + j;

			if (g->id.s != NULL && strcmp(g->id.s, f->id.s) == 0) {
				diag_error(f->id.pos, "id '%s' が2回あります"
				    "（%u 行目にもあります）", f->id.s,
				    g->id.pos.line);
				break;
			}
		}
	}
	return (int)(diag_error_count() - before);
}

const struct fact *
facts_find(const struct site *s, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < s->facts.facts.n; i++) {
		const struct fact *f =
		    (const struct fact *)s->facts.facts.items + i;

		if (f->id.s != NULL && f->id.len == len &&
		    memcmp(f->id.s, id, len) == 0)
			return f;
	}
	return NULL;
}

void
fact_source_text(const struct fact *f, buf *b)
{
	const struct fact_source *src = &f->source;

	const char *pub = src->publisher.s ? src->publisher.s : "";
	const char *doc = src->document.s ? src->document.s : "";

	/* IPA「文書」; a title that names its publisher stands alone; a
	 * document line that already quotes titles is not quoted again. */
	/* (buf_puts, not buf_printf: thousands of calls per build) */
	if (*pub != '\0' && strncmp(doc, pub, strlen(pub)) == 0) {
		buf_puts(b, "「");
		buf_puts(b, doc);
		buf_puts(b, "」");
	} else if (strstr(doc, "「") != NULL) {
		buf_puts(b, pub);
		buf_puts(b, "：");
		buf_puts(b, doc);
	} else {
		buf_puts(b, pub);
		buf_puts(b, "「");
		buf_puts(b, doc);
		buf_puts(b, "」");
	}
	if (src->locator.s != NULL && src->locator.len > 0)
		buf_puts(b, src->locator.s);
	if (src->year.set) {
		buf_puts(b, "（");
		buf_put_int(b, src->year.v);
		buf_puts(b, "年）");
	}
}

static void
put_escaped(buf *out, const char *s)
{
	buf_html_escape(out, s, strlen(s));
}

/* Two facts share a citation number when their source text is the same. */
static int cite_number(struct page *p, const struct fact *f);

int
facts_use(struct page *p, struct fact *f)
{
	f->uses++;
	return cite_number(p, f);
}

long long
fact_value_x10(const struct fact *f)
{
	const char	*s = f->value.s;
	long long	 v = 0;
	int		 neg = 0, frac = -1;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s != '\0'; s++) {
		if (*s == ',')
			continue;
		if (*s == '.') {
			frac = 0;
			continue;
		}
		if (frac >= 0 && ++frac > 1)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (frac <= 0)
		v *= 10;
	return neg ? -v : v;
}

static int
cite_number(struct page *p, const struct fact *f)
{
	buf	a = BUF_INIT, b = BUF_INIT;
	size_t	i;
	int	n = 0;

	fact_source_text(f, &a);
	for (i = 0; i < p->ncites && n == 0; i++) {
		buf_truncate(&b, 0);
		fact_source_text(p->cites[i].fact, &b);
		if (strcmp(buf_str(&a), buf_str(&b)) == 0)
			n = p->cites[i].number;
	}
	if (n == 0) {
		p->cites = xrealloc(p->cites, (p->ncites + 1) *
		    sizeof(*p->cites));
		p->cites[p->ncites].fact = f;
		n = p->cites[p->ncites].number = (int)p->ncites + 1;
		p->ncites++;
	}
	buf_free(&a);
	buf_free(&b);
	return n;
}

static const char *
nearest_id(const struct site *s, const char *id)
{
	const char	*best = NULL;
	size_t		 bestd = 5, d, i;

	for (i = 0; i < s->facts.facts.n; i++) {
		const struct fact *f =
		    (const struct fact *)s->facts.facts.items + i;

		if (f->id.s == NULL)
			continue;
		d = utf8_distance(f->id.s, id);
		if (d < bestd) {
			bestd = d;
			best = f->id.s;
		}
	}
	return best;
}

static int
fact_order_cmp(const void *va, const void *vb)
{
	const struct fact *a = *(struct fact *const *)va;
	const struct fact *b = *(struct fact *const *)vb;

	if (a->order.v != b->order.v)
		return a->order.v < b->order.v ? -1 : 1;
	return a < b ? -1 : a > b;
}

int
facts_chart(const struct site *s, const char *args, size_t al, src_pos pos,
    int report, struct fact_chart *fc)
{
	char		*a = xstrndup(args, al), *w, *group;
	const char	*title = NULL;
	buf		 one = BUF_INIT;
	size_t		 i;
	long		 hl = 0;
	int		 kind = CHART_BAR, rc = -1;

	memset(fc, 0, sizeof(*fc));
	/* Arguments: the group, then words; a title may hold spaces. */
	group = a;
	w = strchr(a, ' ');
	if (w != NULL)
		*w++ = '\0';
	while (w != NULL && *w != '\0') {
		char *next;

		while (*w == ' ')
			w++;
		if (strncmp(w, "title=\"", 7) == 0) {
			title = w + 7;
			next = strchr(w + 7, '"');
			if (next == NULL) {
				if (report)
					diag_error(pos, "{{chart}} の title=\"…\" の"
					    "「\"」が閉じていません");
				goto done;
			}
			*next++ = '\0';
			w = next;
			continue;
		}
		next = strchr(w, ' ');
		if (next != NULL)
			*next++ = '\0';
		if (strcmp(w, "bar") == 0)
			kind = CHART_BAR;
		else if (strcmp(w, "column") == 0)
			kind = CHART_COLUMN;
		else if (strcmp(w, "stack") == 0)
			kind = CHART_STACK;
		else if (strncmp(w, "highlight=", 10) == 0)
			hl = strtol(w + 10, NULL, 10);
		else if (*w != '\0') {
			if (report)
				diag_error(pos, "{{chart}} の '%s' は使えません（使える"
				    "のは bar、column、stack、highlight=番号、"
				    "title=\"題名\"）", w);
			goto done;
		}
		w = next;
	}
	for (i = 0; i < s->facts.facts.n; i++) {
		struct fact *f = (struct fact *)s->facts.facts.items + i;

		if (f->group.s != NULL && strcmp(f->group.s, group) == 0) {
			fc->facts = xrealloc(fc->facts, (fc->n + 1) *
			    sizeof(*fc->facts));
			fc->facts[fc->n++] = f;
		}
	}
	if (fc->n == 0) {
		if (report)
			diag_error(pos, "group '%s' の数字が content/facts.yaml に"
			    "ありません", group);
		goto done;
	}
	qsort(fc->facts, fc->n, sizeof(*fc->facts), fact_order_cmp);
	fc->items = xmalloc(fc->n * sizeof(*fc->items));
	for (i = 0; i < fc->n; i++) {
		const struct fact *f = fc->facts[i];

		fc->items[i].label = f->short_label.s ? f->short_label.s :
		    f->label.s;
		fc->items[i].value = f->value.s;
		fc->items[i].highlight = hl == (long)i + 1;
		buf_truncate(&one, 0);
		fact_source_text(f, &one);
		if (strstr(buf_str(&fc->source), buf_str(&one)) == NULL)
			buf_printf(&fc->source, "%s%s", fc->source.len ? "、" :
			    "", buf_str(&one));
	}
	fc->chart.kind = (enum chart_kind)kind;
	fc->chart.title = title != NULL ? xstrdup(title) :
	    fc->facts[0]->label.s;
	fc->own_title = title != NULL;
	fc->chart.unit = fc->facts[0]->unit.s;
	fc->chart.source = buf_str(&fc->source);
	fc->chart.items = fc->items;
	fc->chart.n = fc->n;
	fc->group = xstrdup(group);
	rc = 0;
done:
	free(a);
	buf_free(&one);
	return rc;
}

void
fact_chart_free(struct fact_chart *fc)
{
	if (fc->own_title)
		free((char *)fc->chart.title);
	free(fc->facts);
	free(fc->items);
	free(fc->group);
	buf_free(&fc->source);
	memset(fc, 0, sizeof(*fc));
}

/*
 * {{chart GROUP [bar|column|stack] [highlight=N] [title="…"]}}: the facts
 * of a group as an accessible SVG chart with a data table.  The figure
 * closes the paragraph it was written in; link.c drops the empty <p>s.
 */
static int
chart_shortcode(struct site *s, struct page *p, const char *args, size_t al,
    src_pos pos, buf *out)
{
	struct fact_chart	 fc;
	buf			 why = BUF_INIT;
	size_t			 i;

	if (facts_chart(s, args, al, pos, 1, &fc) == -1) {
		fact_chart_free(&fc);
		return 1;
	}
	for (i = 0; i < fc.n; i++)
		(void)facts_use(p, fc.facts[i]);
	if (chart_check(&fc.chart, &why) == -1) {
		diag_error(pos, "グラフ '%s' を描けません: %s", fc.group,
		    buf_str(&why));
	} else {
		const char *id = arena_printf(&s->a, "chart-%s-%d", fc.group,
		    ++p->ncharts);

		buf_puts(out, "</p>\n<figure class=\"chart-figure\">\n");
		(void)chart_svg(&fc.chart, CHART_WIDTH, out, id);
		buf_puts(out, "\n<details class=\"chart-data\"><summary>"
		    "グラフの数値を表で見る</summary>\n");
		(void)chart_table_html(&fc.chart, out);
		buf_puts(out, "</details>\n</figure>\n<p>");
	}
	fact_chart_free(&fc);
	buf_free(&why);
	return 1;
}

int
facts_shortcode(struct site *s, struct page *p, const char *name, size_t nl,
    const char *args, size_t al, src_pos pos, int in_heading, buf *out)
{
	struct fact	*f;
	char		*id;
	int		 n;

	if (nl == 5 && memcmp(name, "chart", 5) == 0 && p != NULL &&
	    !in_heading)
		return chart_shortcode(s, p, args, al, pos, out);
	if (nl != 4 || memcmp(name, "fact", 4) != 0)
		return 0;
	id = arena_strndup(&s->a, args, al);
	f = (struct fact *)facts_find(s, args, al);
	if (f == NULL) {
		const char *near = nearest_id(s, id);

		if (al == 0)
			diag_error(pos, "{{fact}} には数字の id を書いてください"
			    "（例: {{fact invest-none-2024}}）");
		else if (s->facts.path == NULL)
			diag_error(pos, "数字 '%s' がありません。"
			    "content/facts.yaml がまだありません", id);
		else if (near != NULL)
			diag_error(pos, "数字 '%s' が content/facts.yaml に"
			    "ありません。'%s' のことですか", id, near);
		else
			diag_error(pos, "数字 '%s' が content/facts.yaml に"
			    "ありません", id);
		buf_puts(out, "{{fact ");
		put_escaped(out, id);
		buf_puts(out, "}}");
		return 1;
	}
	f->uses++;
	buf_puts(out, "<span class=\"fact\" data-fact=\"");
	put_escaped(out, f->id.s);
	buf_puts(out, "\">");
	put_escaped(out, f->value.s);
	if (f->unit.s != NULL)
		put_escaped(out, f->unit.s);
	buf_puts(out, "</span>");
	if (in_heading || p == NULL)
		return 1;
	n = cite_number(p, f);
	buf_printf(out, "<sup class=\"cite\"><a href=\"#cite-%d\" "
	    "aria-label=\"出典 %d\">[%d]</a></sup>", n, n, n);
	return 1;
}

void
facts_report(struct site *s)
{
	const char	*env = getenv("SOURCE_DATE_EPOCH");
	long		 today;
	size_t		 i, unused = 0;
	buf		 names = BUF_INIT;

	if (s->facts.path == NULL)
		return;
	if (env != NULL && *env != '\0')
		today = atol(env) / 86400;
	else
		today = (long)(time(NULL) / 86400);
	for (i = 0; i < s->facts.facts.n; i++) {
		const struct fact *f =
		    (const struct fact *)s->facts.facts.items + i;
		long due;

		if (f->review_by.s != NULL &&
		    (due = date_parse(f->review_by.s)) >= 0 && due < today)
			diag_warning(f->review_by.pos, "数字 '%s'（%s）は見直し"
			    "日 %s を過ぎています。新しい調査が出ていないか確かめ"
			    "て、value・source・review_by を更新してください",
			    f->id.s, f->label.s ? f->label.s : "",
			    f->review_by.s);
		if (f->uses == 0 && f->group.s == NULL) {
			if (unused < 8)
				buf_printf(&names, "%s%s", unused ? "、" : "",
				    f->id.s);
			unused++;
		}
	}
	if (unused > 0)
		diag_warning(src_at(s->facts.path, 0, 0), "どのページにも使われて"
		    "いない数字が %zu 件あります（%s%s）。`mamoru facts` で一覧"
		    "を見られます", unused, buf_str(&names),
		    unused > 8 ? " ほか" : "");
	buf_free(&names);
}

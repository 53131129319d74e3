/*
 * blocks.c -- a page's Markdown into printable blocks, from the same md4c
 * parse (mdh_parser_flags()) that feeds the HTML.
 *
 * Each block holds styled paragraphs for the typesetter.  Soft breaks
 * between Japanese characters vanish as they do on the site
 * (text_join_lines); {{fact ID}} becomes the fact's value and unit with a
 * note number for its source; {{chart …}} becomes a chart block; a link
 * keeps its text and gets a note number for its URL.  Every character is
 * checked against the font it will be set in, at its path:line:col.
 */
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "../markdown/md_html.h"
#include "../model/site.h"
#include "../text/text.h"
#include "blocks_int.h"

/* ----- the block list ---------------------------------------------------- */

struct pb_block *
pb_new(struct parse *P, enum pb_kind kind)
{
	struct pb_doc	*d = P->out;
	struct pb_block	*b = xcalloc(1, sizeof(*b));

	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 32;
		d->b = xrealloc(d->b, d->cap * sizeof(*d->b));
	}
	d->b[d->n++] = b;
	b->kind = kind;
	b->depth = P->nlists;
	b->quote = P->quote;
	return b;
}

void
pb_free(struct pb_doc *d)
{
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		struct pb_block *b = d->b[i];

		ts_para_free(&b->para);
		for (k = 0; k < b->rows * b->cols; k++)
			ts_para_free(&b->cells[k]);
		free(b->cells);
		free(b->align);
		free(b->title);
		free(b);
	}
	free(d->b);
	for (i = 0; i < d->nnotes; i++) {
		free(d->notes[i].text);
		free(d->notes[i].url);
	}
	free(d->notes);
	arena_free(&d->a);
	memset(d, 0, sizeof(*d));
}

/* ----- text -------------------------------------------------------------- */

src_pos
pb_pos(void *ctx, const char *at)
{
	struct parse *P = ctx;

	if (P->src->lines != NULL)
		return mdh_pos(&P->doc, at);
	return P->src->fallback;
}

void
pb_style(struct parse *P, int font, double size, uint32_t color)
{
	P->font = font;
	memset(&P->st, 0, sizeof(P->st));
	P->st.size = size;
	P->st.color = color;
	P->bold = 0;
	P->link = 0;
	P->last_cp = 0;
	P->br_pending = 0;
}

static int
bold_of(int font)
{
	return font == TS_GOTHIC ? TS_GOTHIC_BOLD :
	    font == TS_PGOTHIC ? TS_PGOTHIC_BOLD : font;
}

/* Append text in the current inline style.  `src` is where it stands in
 * the Markdown (for diagnostics), or NULL: then at `pos`. */
void
pb_put(struct parse *P, const char *s, size_t n, const char *src, src_pos pos,
    unsigned flags)
{
	struct ts_style	st = P->st;
	size_t		i = 0;

	if (P->para == NULL || n == 0)
		return;
	st.font = P->bold || P->in_heading ? bold_of(P->font) : P->font;
	if (P->link && !P->in_heading)
		st.color = COLOR_LINK;
	st.flags |= flags;
	if (P->br_pending) {
		uint32_t first = utf8_next(s, n, &i);

		P->br_pending = 0;
		if (P->para->text.len > 0 && !text_join_lines(P->last_cp, first))
			ts_para_add(P->para, &st, " ", 1);
	}
	if (src != NULL)
		P->errors += pf_check(&P->pc->fonts, st.font, s, n, pb_pos, P);
	else
		P->errors += pf_check_at(&P->pc->fonts, st.font,
		    arena_strndup(&P->out->a, s, n), pos);
	ts_para_add(P->para, &st, s, n);
	P->last_cp = utf8_prev(s, n);
}

/* A note mark after the text: a small raised number. */
void
pb_mark(struct parse *P, int number)
{
	struct ts_style	st = P->st;
	char		mark[16];

	if (P->para == NULL || P->in_heading || number <= 0)
		return;
	st.font = P->font == TS_GOTHIC_BOLD ? TS_GOTHIC : P->font;
	if (st.font == TS_PGOTHIC_BOLD)
		st.font = TS_PGOTHIC;
	st.rise = P->st.size * 0.36;
	st.size = P->st.size * 0.6;
	st.color = COLOR_BRAND;
	st.flags = TS_GLUE | TS_KEEP;
	snprintf(mark, sizeof(mark), "[%d]", number);
	ts_para_add(P->para, &st, mark, strlen(mark));
	P->br_pending = 0;
}

static void
put_entity(struct parse *P, const char *s, size_t n)
{
	buf		dec = BUF_INIT;
	unsigned	cps[2];
	int		k = mdh_entity_decode(s, n, cps), i;

	if (k == 0)
		buf_append(&dec, s, n);
	for (i = 0; i < k; i++)
		utf8_put(&dec, cps[i] == 0 || cps[i] > 0x10FFFF ? 0xFFFD :
		    cps[i]);
	pb_put(P, buf_str(&dec), dec.len, NULL, pb_pos(P, s), 0);
	buf_free(&dec);
}

/* Text with {{shortcodes}} (see md_html.c for the same syntax). */
static void
put_normal(struct parse *P, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *open, *close, *name, *args;
	size_t nl, al;

	while (p < end) {
		open = close = NULL;
		for (name = p; name + 1 < end; name++)
			if (name[0] == '{' && name[1] == '{') {
				open = name;
				break;
			}
		if (open != NULL)
			for (args = open + 2; args + 1 < end; args++)
				if (args[0] == '}' && args[1] == '}') {
					close = args;
					break;
				}
		if (open == NULL || close == NULL) {
			pb_put(P, p, (size_t)(end - p), p, src_at(NULL, 0, 0), 0);
			return;
		}
		pb_put(P, p, (size_t)(open - p), p, src_at(NULL, 0, 0), 0);
		name = open + 2;
		while (name < close && *name == ' ')
			name++;
		for (nl = 0; name + nl < close && name[nl] != ' '; nl++)
			;
		args = name + nl;
		while (args < close && *args == ' ')
			args++;
		al = (size_t)(close - args);
		while (al > 0 && args[al - 1] == ' ')
			al--;
		if (!pb_shortcode(P, name, nl, args, al, pb_pos(P, open)))
			pb_put(P, open, (size_t)(close + 2 - open), open,
			    src_at(NULL, 0, 0), 0);
		p = close + 2;
	}
}

static int
on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *ud)
{
	struct parse *P = ud;

	switch (type) {
	case MD_TEXT_SOFTBR:
		if (P->code)
			pb_put(P, "\n", 1, s, src_at(NULL, 0, 0), 0);
		else
			P->br_pending = 1;
		break;
	case MD_TEXT_BR:
		P->br_pending = 0;
		pb_put(P, P->in_heading ? " " : "\n", 1, s, src_at(NULL, 0, 0),
		    0);
		break;
	case MD_TEXT_ENTITY:
		put_entity(P, s, n);
		break;
	case MD_TEXT_NULLCHAR:
		pb_put(P, "\xEF\xBF\xBD", 3, NULL, pb_pos(P, s), 0);
		break;
	case MD_TEXT_NORMAL:
		if (P->code)
			pb_put(P, s, n, s, src_at(NULL, 0, 0), 0);
		else
			put_normal(P, s, n);
		break;
	default:	/* code spans, code blocks, (no) HTML */
		pb_put(P, s, n, s, src_at(NULL, 0, 0), 0);
		break;
	}
	return 0;
}

/* ----- blocks ------------------------------------------------------------ */

static void
para_block(struct parse *P, enum pb_marker m)
{
	struct pb_block *b = pb_new(P, PB_PARA);

	b->marker = m;
	P->para = &b->para;
	P->block = b;
	if (P->quote > 0)
		pb_style(P, TS_GOTHIC, BODY_SIZE - 0.5, 0x333333u);
	else
		pb_style(P, TS_GOTHIC, BODY_SIZE, COLOR_TEXT);
}

static void
cell(struct parse *P, int head, MD_ALIGN align)
{
	struct pb_block *t = P->table;
	size_t k;

	if (t == NULL || P->col >= t->cols || P->row == 0)
		return;
	k = (P->row - 1) * t->cols + P->col;
	if (P->row == 1)
		t->align[P->col] = align == MD_ALIGN_LEFT ? 1 :
		    align == MD_ALIGN_CENTER ? 2 : align == MD_ALIGN_RIGHT ? 3 : 0;
	P->para = &t->cells[k];
	pb_style(P, TS_PGOTHIC, BODY_SIZE - 1, COLOR_TEXT);
	P->bold = head;
	P->col++;
}

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct parse *P = ud;

	P->br_pending = 0;
	switch (type) {
	case MD_BLOCK_QUOTE:
		P->quote++;
		P->para = NULL;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		if (P->nlists < PB_MAX_LISTS) {
			P->lists[P->nlists].ordered = type == MD_BLOCK_OL;
			P->lists[P->nlists].next = type == MD_BLOCK_OL ?
			    ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
			P->lists[P->nlists].tight = type == MD_BLOCK_OL ?
			    ((MD_BLOCK_OL_DETAIL *)detail)->is_tight :
			    ((MD_BLOCK_UL_DETAIL *)detail)->is_tight;
		}
		P->nlists++;
		P->para = NULL;
		break;
	case MD_BLOCK_LI: {
		const MD_BLOCK_LI_DETAIL *d = detail;
		struct pb_list *l = &P->lists[P->nlists > PB_MAX_LISTS ?
		    PB_MAX_LISTS - 1 : P->nlists - 1];

		para_block(P, d->is_task ? (d->task_mark == ' ' ? PB_M_TASK :
		    PB_M_DONE) : l->ordered ? PB_M_NUMBER : PB_M_BULLET);
		P->block->number = l->next++;
		P->block->loose = !l->tight;
		P->li = P->block;
		break;
	}
	case MD_BLOCK_P:
		if (P->li != NULL && P->para == &P->li->para &&
		    P->li->para.text.len == 0)
			break;		/* the item's first paragraph */
		para_block(P, PB_M_NONE);
		P->block->loose = P->li != NULL;
		break;
	case MD_BLOCK_H:
		P->block = pb_new(P, PB_HEADING);
		P->block->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		P->para = &P->block->para;
		pb_style(P, TS_PGOTHIC_BOLD, BODY_SIZE, COLOR_BRAND);
		P->in_heading = 1;
		break;
	case MD_BLOCK_CODE:
		P->block = pb_new(P, PB_CODE);
		P->para = &P->block->para;
		pb_style(P, TS_GOTHIC, BODY_SIZE - 1.5, COLOR_TEXT);
		P->code = 1;
		break;
	case MD_BLOCK_HR:
		(void)pb_new(P, PB_RULE);
		P->para = NULL;
		break;
	case MD_BLOCK_TABLE: {
		const MD_BLOCK_TABLE_DETAIL *d = detail;
		struct pb_block *t = pb_new(P, PB_TABLE);

		t->cols = d->col_count;
		t->rows = d->head_row_count + d->body_row_count;
		t->head_rows = d->head_row_count;
		t->cells = xcalloc(t->rows * t->cols + 1, sizeof(*t->cells));
		t->align = xcalloc(t->cols + 1, 1);
		P->table = t;
		P->row = 0;
		P->para = NULL;
		break;
	}
	case MD_BLOCK_TR:
		P->row++;
		P->col = 0;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		cell(P, type == MD_BLOCK_TH,
		    ((MD_BLOCK_TD_DETAIL *)detail)->align);
		break;
	default:
		break;
	}
	return 0;
}

/* "見出し {#id}": the id is for the site, not for print. */
static void
drop_heading_id(struct ts_para *p)
{
	const char	*s = buf_str(&p->text);
	char		*open;
	size_t		 n = p->text.len, cut;

	if (n < 4 || s[n - 1] != '}' || (open = strstr(s, " {#")) == NULL)
		return;
	cut = (size_t)(open - s);
	while (p->nspans > 0 && p->spans[p->nspans - 1].off >= cut)
		p->nspans--;
	if (p->nspans > 0)
		p->spans[p->nspans - 1].len = cut - p->spans[p->nspans - 1].off;
	buf_truncate(&p->text, cut);
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct parse *P = ud;

	(void)detail;
	P->br_pending = 0;
	switch (type) {
	case MD_BLOCK_QUOTE:
		P->quote--;
		P->para = NULL;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		P->nlists--;
		P->para = NULL;
		break;
	case MD_BLOCK_LI:
		P->li = NULL;
		P->para = NULL;
		break;
	case MD_BLOCK_P:
		P->para = NULL;
		P->li = NULL;
		break;
	case MD_BLOCK_H:
		drop_heading_id(&P->block->para);
		P->block->title = xstrndup(buf_str(&P->block->para.text),
		    P->block->para.text.len);
		P->in_heading = 0;
		P->para = NULL;
		break;
	case MD_BLOCK_CODE: {
		struct ts_para *p = &P->block->para;

		while (p->text.len > 0 && p->text.data[p->text.len - 1] == '\n') {
			buf_truncate(&p->text, p->text.len - 1);
			if (p->nspans > 0 && p->spans[p->nspans - 1].len > 0)
				p->spans[p->nspans - 1].len--;
		}
		P->code = 0;
		P->para = NULL;
		break;
	}
	case MD_BLOCK_TABLE:
		P->table = NULL;
		P->para = NULL;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		P->para = NULL;
		break;
	default:
		break;
	}
	return 0;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct parse *P = ud;

	switch (type) {
	case MD_SPAN_STRONG:
		P->bold++;
		break;
	case MD_SPAN_A:
		pb_link_enter(P, &((MD_SPAN_A_DETAIL *)detail)->href);
		break;
	case MD_SPAN_IMG:
		pb_put(P, "［図：", strlen("［図："), NULL, src_at(NULL, 0, 0), 0);
		break;
	default:
		break;
	}
	return 0;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct parse *P = ud;

	(void)detail;
	switch (type) {
	case MD_SPAN_STRONG:
		P->bold--;
		break;
	case MD_SPAN_A:
		pb_link_leave(P);
		break;
	case MD_SPAN_IMG:
		pb_put(P, "］", strlen("］"), NULL, src_at(NULL, 0, 0), 0);
		break;
	default:
		break;
	}
	return 0;
}

int
pb_parse(struct pctx *pc, const struct pb_source *src, struct pb_doc *out)
{
	struct parse	P;
	MD_PARSER	p;

	memset(&P, 0, sizeof(P));
	P.pc = pc;
	P.src = src;
	P.out = out;
	P.doc.path = src->path;
	P.doc.text = src->text;
	P.doc.len = src->len;
	P.doc.lines = src->lines;
	P.doc.base = src->base;
	memset(&p, 0, sizeof(p));
	p.flags = mdh_parser_flags();
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = on_text;
	if (md_parse(src->text, (MD_SIZE)src->len, &p, &P) != 0)
		P.errors++;
	buf_free(&P.link_url);
	return P.errors;
}

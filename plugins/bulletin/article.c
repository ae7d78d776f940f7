/* plugins/bulletin/article.c - the model from a block stream: Markdown
 * bulletins, texts with front matter, and plain texts whose layout is not
 * the blank-line bulletin's (doc/bulletin.md, "Articles and Markdown").
 *
 *   document = preamble item*        items at the heading level that repeats
 *            | preamble item         else one item
 *   preamble = the blocks before the first item heading: a single heading
 *              above the items is the bulletin's title (or date line)
 *   item     = heading? furniture* body
 *   body     = (paragraph | list | heading | turn | furniture)*
 *
 * The recognisers run over one block at a time, in a bounded window at
 * the start (furniture: date, time and place lines, bylines, title
 * blocks) and at the end (signatures, end marks) of an item.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/text.h>

#include "bulletin.h"

/* Blocks at an item's start where furniture is looked for. */
#define FRONT_WINDOW 8
/* Blocks at an item's end looked at for a signature. */
#define SIGNATURE_WINDOW 6
#define PLACE_WORDS 10
#define HEADING_WORDS 12

typedef struct builder {
	const herald_bulletin_config *cfg;
	herald_bulletin_source *src;
	herald_bulletin_blocks *bl;
	herald_doc *doc;
	herald_diag *diag;
	bool printed_date;
	unsigned base;        /* heading level just above the body's */
	int status;
	herald_speakers *speakers;           /* the document's, one a person */
} builder;

/* --- small helpers ------------------------------------------------------ */

static herald_node *add_node(builder *b, herald_node *parent,
                             herald_node_type type,
                             const herald_bulletin_block *at)
{
	herald_node *n = herald_node_new(b->doc, type);

	if (!n || herald_node_append_child(parent, n) != HERALD_OK) {
		b->status = HERALD_ENOMEM;
		return NULL;
	}
	if (at)
		herald_node_set_position(n, at->line, at->col);
	return n;
}

/* A copy of s in one line: line breaks become spaces, the ends trimmed. */
static char *one_line(const char *s, size_t n)
{
	size_t at = herald_text_skip_space(s, n);
	while (at < n && s[at] == '\n')
		at += 1 + herald_text_skip_space(s + at + 1, n - at - 1);
	n = herald_text_trim_end(s + at, n - at);
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		out[i] = s[at + i] == '\n' ? ' ' : s[at + i];
	out[n] = '\0';
	return out;
}

static void set_meta_text(builder *b, herald_meta key, const char *s,
                          size_t n)
{
	char *v = one_line(s, n);

	if (!v || herald_doc_set_meta(b->doc, key, v) != HERALD_OK)
		b->status = HERALD_ENOMEM;
	free(v);
}

/* Add s to the free field key, after what it holds, with " / ".  A
 * field stays under FIELD_MAX bytes, so that a document of ten thousand
 * end marks costs linear time: false when it is full (the caller then
 * keeps the block as text). */
static bool add_field(builder *b, const char *key, const char *s, size_t n)
{
	int rc = herald_bulletin_add_field(b->doc, key, s, n);

	if (rc == HERALD_ENOMEM)
		b->status = HERALD_ENOMEM;
	return rc != 1;
}

/* A block of furniture kept in field key, or as a paragraph when the
 * field is full; an end mark of symbols alone ("###") has no words to
 * keep. */
static void furniture(builder *b, herald_node *parent, const char *key,
                      const herald_bulletin_block *k);

static void set_title(builder *b, herald_node *n, const char *s, size_t len)
{
	char *t = one_line(s, len);

	if (!t || herald_node_set_title(n, t) != HERALD_OK)
		b->status = HERALD_ENOMEM;
	free(t);
}

static bool text_block(const herald_bulletin_block *k)
{
	return k->kind == BULLETIN_BLOCK_TEXT;
}

/* A printed date wins over the front matter's, with a warning. */
static void printed_date(builder *b, const char *iso,
                         const herald_bulletin_block *at)
{
	const char *fm = b->src->fm_date;

	if (b->printed_date)
		return;
	b->printed_date = true;
	if (fm && fm[0] && strcmp(fm, iso) != 0)
		herald_diag_report(b->diag, HERALD_WARNING, at->line, at->col,
		                   "the printed date %s differs from the front "
		                   "matter's %s: the printed one is kept", iso, fm);
	if (herald_doc_set_meta(b->doc, HERALD_META_DATE, iso) != HERALD_OK)
		b->status = HERALD_ENOMEM;
	set_meta_text(b, HERALD_META_DATELINE, at->text, at->len);
}

/* The whole block is a date line: "(January 23, 2025)", "2021-10-05",
 * "Berlin, 5. Oktober 2020"; with title_form (the document's head), a
 * title closing on a date too ("新闻摘要（2020年10月5日）"). */
static bool date_line_of(builder *b, const herald_bulletin_block *k,
                         char iso[11], bool title_form)
{
	char *line;
	bool ok;

	if (!text_block(k) && k->kind != BULLETIN_BLOCK_HEADING)
		return false;
	if (k->len > 200 || memchr(k->text, '\n', k->len))
		return false;
	line = one_line(k->text, k->len);
	if (!line) {
		b->status = HERALD_ENOMEM;
		return false;
	}
	ok = herald_bulletin_parse_date(line, strlen(line), b->cfg->date_order,
	                                iso) == BULLETIN_DATE_OK ||
	     herald_bulletin_posted_line(line, strlen(line), iso) ||
	     (title_form ? herald_bulletin_dated_title(line, strlen(line), iso)
	                 : herald_bulletin_dated_line(line, strlen(line), iso));
	free(line);
	return ok;
}

static bool date_line(builder *b, const herald_bulletin_block *k, char iso[11])
{
	return date_line_of(b, k, iso, false);
}

/* A heading that ends in a date: "《新闻联播》 (20201011)". */
static bool date_in_heading(builder *b, const herald_bulletin_block *k,
                            char iso[11])
{
	size_t start, end, n = herald_text_trim_end(k->text, k->len), at = n;

	if (date_line(b, k, iso))
		return true;
	if (herald_bulletin_find_date(k->text, n, &start, &end, iso))
		return true;
	/* its last word alone */
	while (at > 0) {
		uint32_t cp;
		size_t l = herald_utf8_prev(k->text, at, &cp);
		if (herald_cp_is_space(cp))
			break;
		at -= l;
	}
	return at > 0 && herald_bulletin_parse_date(k->text + at, n - at,
	                                            b->cfg->date_order, iso) ==
	                         BULLETIN_DATE_OK;
}

/* Every line of the block is short (a place "Aboard Air Force One /
 * En Route Detroit, Michigan"); at most three lines. */
static bool short_lines(const herald_bulletin_block *k, size_t words)
{
	size_t lines = 0;

	if (!text_block(k))
		return false;
	for (size_t at = 0; at < k->len; lines++) {
		const char *nl = memchr(k->text + at, '\n', k->len - at);
		size_t len = nl ? (size_t)(nl - (k->text + at)) : k->len - at;
		if (lines >= 3 || !herald_bulletin_is_short_line(k->text + at,
		                                                 herald_text_trim_end(
		                                                 k->text + at, len),
		                                                 words))
			return false;
		at += len + 1;
	}
	return lines > 0;
}

static bool time_line(const herald_bulletin_block *k, char *out, size_t size)
{
	if (!text_block(k) || k->len > 80 || memchr(k->text, '\n', k->len))
		return false;
	size_t at = herald_text_skip_space(k->text, k->len);
	return herald_bulletin_parse_time(k->text + at, k->len - at, out, size);
}

/* Whether a text block opens with a speaker label of any kind. */
static bool has_label(const herald_bulletin_block *k)
{
	herald_label l;

	return text_block(k) &&
	       herald_turn_label(k->text, k->len, &l) != HERALD_LABEL_NONE;
}

static bool upper_heading(const herald_bulletin_block *k)
{
	char time[64];

	return text_block(k) && !time_line(k, time, sizeof time) &&
	       herald_text_word_count(k->text, k->len) <= HEADING_WORDS &&
	       !memchr(k->text, '\n', k->len) &&
	       herald_bulletin_is_upper_text(k->text, k->len) &&
	       !has_label(k);
}

/* --- blocks into nodes ----------------------------------------------------- */

static herald_node *add_text_node(builder *b, herald_node *parent,
                                  herald_node_type type,
                                  const herald_bulletin_block *k, size_t skip)
{
	herald_node *n = add_node(b, parent, type, k);

	if (n && herald_bulletin_block_inlines(b->doc, n, k, skip))
		b->status = HERALD_ENOMEM;
	return n;
}

static void furniture(builder *b, herald_node *parent, const char *key,
                      const herald_bulletin_block *k)
{
	if (herald_text_word_count(k->text, k->len) == 0)
		return;
	if (!add_field(b, key, k->text, k->len))
		add_text_node(b, parent, HERALD_NODE_PARAGRAPH, k, 0);
}

/* A photo caption: a paragraph of its own, tagged so that writers may
 * set it apart, never a title or an item. */
static void caption(builder *b, herald_node *parent,
                    const herald_bulletin_block *k)
{
	herald_node *p = add_text_node(b, parent, HERALD_NODE_PARAGRAPH, k, 0);

	if (p && herald_node_add_tag(p, "caption") != HERALD_OK)
		b->status = HERALD_ENOMEM;
}

static void add_heading(builder *b, herald_node *parent,
                        const herald_bulletin_block *k, unsigned level)
{
	herald_node *n = add_text_node(b, parent, HERALD_NODE_HEADING, k, 0);

	if (n)
		herald_node_set_heading_level(n, level ? level : 1);
}

static void add_body_block(builder *b, herald_node *parent,
                           const herald_bulletin_block *k)
{
	switch (k->kind) {
	case BULLETIN_BLOCK_LIST:
		if (herald_bulletin_block_list(b->bl, b->doc, parent, k))
			b->status = HERALD_ENOMEM;
		break;
	case BULLETIN_BLOCK_BREAK:
		break;   /* a rule: no words, and it ends nothing here */
	case BULLETIN_BLOCK_HEADING:
		/* its depth below the item's title */
		add_heading(b, parent, k, k->level > b->base ? k->level - b->base
		                                             : 1);
		break;
	default:
		if (herald_bulletin_is_end_mark(k->text, k->len))
			furniture(b, parent, "end", k);
		else if (!k->md && herald_bulletin_is_release_label(k->text, k->len))
			furniture(b, parent, "release", k);
		else if (herald_bulletin_opens_with_label("contact", k->text,
		                                          k->len))
			furniture(b, parent, "contact", k);
		else if (herald_bulletin_is_caption(k->text, k->len) ||
		         (herald_bulletin_block_is_image(k) &&
		          herald_text_word_count(k->text, k->len) > 0))
			caption(b, parent, k);
		else if (upper_heading(k) && herald_node_type_of(parent) ==
		                                     HERALD_NODE_ITEM)
			add_heading(b, parent, k, 1);
		else if (!k->md && herald_bulletin_is_bullet_block(k->text, k->len)) {
			if (herald_bulletin_plain_list(b->doc, parent, k->text, k->len,
			                               k->line, k->col))
				b->status = HERALD_ENOMEM;
		}
		else
			add_text_node(b, parent, HERALD_NODE_PARAGRAPH, k, 0);
		break;
	}
}

/* --- transcripts ------------------------------------------------------------ */

/* Append a block's text to a turn (or paragraph) it continues, after a
 * line break. */
static void continue_turn(builder *b, herald_node *turn,
                          const herald_bulletin_block *k)
{
	herald_node *br = add_node(b, turn, HERALD_NODE_LINEBREAK, k);

	if (br && herald_bulletin_block_inlines(b->doc, turn, k, 0))
		b->status = HERALD_ENOMEM;
}

static void set_speaker(builder *b, herald_node *n, size_t id)
{
	if (herald_node_set_speaker(n, herald_speakers_display(b->speakers,
	                                                       id)) != HERALD_OK)
		b->status = HERALD_ENOMEM;
}

/* A turn's label as printed ("MS. PSAKI", "Q"), in one line. */
static void set_label(builder *b, herald_node *turn, const char *s,
                      const herald_label *l)
{
	char *t = one_line(s + l->name_start, l->name_len);

	if (!t || herald_node_set_label(turn, t) != HERALD_OK)
		b->status = HERALD_ENOMEM;
	free(t);
}

/* --- dashed turns ----------------------------------------------------------
 * Interviews whose turns open with a dash, on their own paragraph
 * ("— How is the city?") or inside one long line (". -Salam, ..."),
 * in texts the block builder reads (Markdown, line layouts, one-line
 * documents; blank-line bulletins go to the grammar, which has its
 * own).  An item is such an interview when two dashed paragraphs or
 * inline turns at least hold a question and something that is not one
 * (a list of dashed entries asks nothing), and make half the text from
 * the first of them on. */

typedef struct dashes {
	bool on;
	herald_speaker_role next;  /* the role the alternation expects */
	bool lost;                 /* after an unknown turn */
	size_t interviewee;        /* a speaker id, or SIZE_MAX */
} dashes;

static bool dashed_block(const herald_bulletin_block *k, size_t *skip)
{
	size_t at = herald_text_skip_space(k->text, k->len);

	if (!text_block(k) || !herald_bulletin_dash_turn(k->text + at,
	                                                 k->len - at, skip))
		return false;
	*skip += at;
	return true;
}

static dashes scan_dashes(builder *b, herald_node *item, size_t first,
                          size_t end)
{
	herald_bulletin_block *v = b->bl->v;
	dashes d = { false, HERALD_SPEAKER_INTERVIEWER, false, SIZE_MAX };
	size_t turns = 0, asks = 0, skip, first_turn = end, pieces = 0;
	char name[128] = "";

	for (size_t i = first; i < end; i++) {
		const herald_bulletin_block *k = &v[i];
		bool a;
		pieces += first_turn < end && text_block(k);
		if (dashed_block(k, &skip)) {
			pieces += first_turn == end;
			turns++;
			asks += herald_bulletin_turn_evidence(k->text, k->len) ==
			        BULLETIN_EVIDENCE_ASK;
			first_turn = first_turn < i ? first_turn : i;
		}
		if (!text_block(k) || k->md)
			continue;
		for (size_t at = 0; (at = herald_turn_inline(
		                             k->text, k->len, at, HERALD_INLINE_DASH,
		                             &a, NULL)) < k->len;
		     at++) {
			turns++;
			asks += a;
			pieces++;
			first_turn = first_turn < i ? first_turn : i;
		}
	}
	/* Half the text from the first turn on is turns: a news item
	 * quoting people with dashes ("— We are ready, — he said.") has
	 * its narrative between the quotes. */
	d.on = turns >= 2 && asks >= 1 && asks < turns && 2 * turns >= pieces;
	if (!d.on)
		return d;
	/* the interviewee: named in the title, else before the first turn */
	const char *title = herald_node_title(item);
	bool found = title && herald_bulletin_interviewee_in(title, strlen(title),
	                                                     name, sizeof name);
	for (size_t i = first; !found && i <= first_turn && i < end; i++)
		found = text_block(&v[i]) &&
		        herald_bulletin_interviewee_in(v[i].text, v[i].len, name,
		                                       sizeof name);
	if (found && name[0] &&
	    herald_speakers_intern(b->speakers, name, strlen(name),
	                           &d.interviewee))
		b->status = HERALD_ENOMEM;
	return d;
}

/* The role of the next dashed turn: the alternation, checked against
 * the turn's shape.  A question where an answer was due is unknown (the
 * interviewee's own question, or a lost turn?), and the alternation is
 * found again at the next turn whose shape says who speaks. */
static herald_speaker_role dash_role(dashes *d, const char *s, size_t n)
{
	herald_bulletin_evidence ev = herald_bulletin_turn_evidence(s, n);
	herald_speaker_role role;

	if (d->lost) {
		if (ev == BULLETIN_EVIDENCE_NONE)
			return HERALD_SPEAKER_UNKNOWN;
		role = ev == BULLETIN_EVIDENCE_ASK ? HERALD_SPEAKER_INTERVIEWER
		                                   : HERALD_SPEAKER_INTERVIEWEE;
		d->lost = false;
	} else if (d->next == HERALD_SPEAKER_INTERVIEWEE &&
	           ev == BULLETIN_EVIDENCE_ASK) {
		d->lost = true;
		return HERALD_SPEAKER_UNKNOWN;
	} else if (d->next == HERALD_SPEAKER_INTERVIEWER &&
	           ev == BULLETIN_EVIDENCE_ANSWER) {
		role = HERALD_SPEAKER_INTERVIEWEE;   /* the interviewee first */
	} else {
		role = d->next;
	}
	d->next = role == HERALD_SPEAKER_INTERVIEWER ? HERALD_SPEAKER_INTERVIEWEE
	                                             : HERALD_SPEAKER_INTERVIEWER;
	return role;
}

/* The piece of block k from at up to the next inline turn mark of the
 * given kinds (plain text only: a Markdown block is one piece) in
 * *piece, with its position counted on from the piece before (*counted:
 * once over the block, however many pieces).  Returns where it ends. */
static size_t next_piece(const herald_bulletin_block *k,
                         herald_bulletin_block *piece, size_t at,
                         size_t *counted, unsigned kinds)
{
	size_t next = k->md ? k->len
	                    : herald_turn_inline(k->text, k->len, at + 1, kinds,
	                                         NULL, NULL);

	piece->text = k->text + at;
	piece->len = next - at;
	while (*counted < at) {
		uint32_t cp;
		*counted += herald_utf8_next(k->text + *counted, at - *counted, &cp);
		piece->col = cp == '\n' ? 1 : piece->col + 1;
		piece->line += cp == '\n';
	}
	return next;
}

/* One block of a dashed interview: cut at its inline turns (plain text
 * only: Markdown inlines are not cut), each piece a turn when dashed,
 * else the intro's paragraph before the first turn, or the current
 * turn's continuation.  Returns the turn open after it. */
static herald_node *dashed_body_block(builder *b, herald_node *item,
                                      dashes *d, herald_node *turn,
                                      const herald_bulletin_block *k)
{
	size_t at = 0, counted = 0;
	herald_bulletin_block piece = *k;

	while (at < k->len && !b->status) {
		size_t next = next_piece(k, &piece, at, &counted,
		                         HERALD_INLINE_DASH);
		size_t skip;
		if (dashed_block(&piece, &skip)) {
			turn = add_text_node(b, item, HERALD_NODE_TURN, &piece, skip);
			if (!turn)
				break;
			herald_speaker_role role = dash_role(d, piece.text + skip,
			                                     piece.len - skip);
			herald_node_set_role(turn, role);
			if (role == HERALD_SPEAKER_INTERVIEWEE &&
			    d->interviewee != SIZE_MAX)
				set_speaker(b, turn, d->interviewee);
		} else if (turn) {
			continue_turn(b, turn, &piece);
		} else {
			add_text_node(b, item, HERALD_NODE_PARAGRAPH, &piece, 0);
		}
		at = next;
	}
	return turn;
}

/* The plan of blocks first..end as one item's paragraphs (herald/turn.h:
 * where the turns start, each block's label, speaker and role); *dec
 * gets the decisions, malloc'd (NULL and NEWS when out of memory). */
static herald_turn_plan plan_body(builder *b, size_t first, size_t end,
                                  herald_turn_decision **dec)
{
	size_t n = end - first;
	herald_turn_plan plan = { HERALD_ITEM_NEWS, n, SIZE_MAX };
	herald_turn_para *paras = malloc((n ? n : 1) * sizeof *paras);

	*dec = malloc((n ? n : 1) * sizeof **dec);
	if (paras && *dec) {
		for (size_t i = 0; i < n; i++) {
			const herald_bulletin_block *k = &b->bl->v[first + i];
			paras[i] = (herald_turn_para){ k->text, k->len,
				                       text_block(k), false };
		}
		if (herald_turn_plan_item(b->speakers, paras, n, *dec, &plan) ==
		    HERALD_OK) {
			free(paras);
			return plan;
		}
	}
	free(paras);
	free(*dec);
	*dec = NULL;
	b->status = HERALD_ENOMEM;
	return (herald_turn_plan){ HERALD_ITEM_NEWS, n, SIZE_MAX };
}

/* A TURN opening with label l (kind NONE: a turn nobody is known to
 * speak), its role and speaker as decided. */
static herald_node *open_turn(builder *b, herald_node *item,
                              const herald_bulletin_block *k,
                              const herald_turn_decision *d)
{
	herald_node *turn = add_text_node(b, item, HERALD_NODE_TURN, k,
	                                  d->label.skip);

	if (!turn)
		return NULL;
	herald_node_set_role(turn, d->role);
	if (d->speaker != SIZE_MAX)
		set_speaker(b, turn, d->speaker);
	if (d->label.kind != HERALD_LABEL_NONE)
		set_label(b, turn, k->text, &d->label);
	return turn;
}

/* A labelled block of a transcript: a turn opening with its label, or
 * the continuation of the turn before; cut where a question or answer
 * label opens a turn inside the line (". Q: And? A: Yes."), in plain
 * text (Markdown inlines are not cut).  Returns the turn open after it. */
static herald_node *labelled_block(builder *b, herald_node *item,
                                   herald_node *turn,
                                   const herald_bulletin_block *k,
                                   const herald_turn_decision *d)
{
	herald_bulletin_block piece = *k;
	herald_turn_decision inner = *d;
	size_t at = 0, counted = 0;

	while (at < k->len && !b->status) {
		size_t next = next_piece(k, &piece, at, &counted,
		                         HERALD_INLINE_LABEL);
		if (at > 0) {
			herald_turn_label(piece.text, piece.len, &inner.label);
			inner.role = inner.label.kind == HERALD_LABEL_INTERVIEWER
			                     ? HERALD_SPEAKER_INTERVIEWER
			                     : HERALD_SPEAKER_INTERVIEWEE;
			inner.speaker = SIZE_MAX;
		}
		if (inner.label.kind == HERALD_LABEL_NONE && turn)
			continue_turn(b, turn, &piece);
		else if (!(turn = open_turn(b, item, &piece, &inner)))
			break;
		at = next;
	}
	return turn;
}

/* The body of an item from block first to end (exclusive), as a
 * transcript when labels make one (herald_turn_plan_item): before the
 * first question (or the moderator's block handing over to it) the
 * opening statement's paragraphs, then one TURN per labelled block, with
 * the unlabelled blocks that follow it. */
static herald_item_kind add_body(builder *b, herald_node *item, size_t first,
                                 size_t end)
{
	herald_bulletin_block *v = b->bl->v;
	herald_turn_decision *dec;
	herald_turn_plan plan = plan_body(b, first, end, &dec);
	size_t qa = first + plan.first_turn;
	dashes d = { false, 0, false, SIZE_MAX };

	if (!dec)
		return HERALD_ITEM_NEWS;
	if (qa == end && plan.speaker == SIZE_MAX)
		d = scan_dashes(b, item, first, end);

	herald_node *turn = NULL;
	char time[64];
	bool ended = false;
	for (size_t i = first; i < end && !b->status; i++) {
		const herald_bulletin_block *k = &v[i];
		/* after an end mark ("###", "\###": an empty heading to cmark),
		 * an "About ..." heading opens the release's boilerplate: it
		 * and the rest of the item are notes */
		if (ended && (text_block(k) || k->kind == BULLETIN_BLOCK_HEADING) &&
		    herald_bulletin_is_about_heading(k->text, k->len)) {
			for (; i < end; i++)
				if (v[i].kind == BULLETIN_BLOCK_LIST)
					add_body_block(b, item, &v[i]);
				else
					furniture(b, item, "notes", &v[i]);
			break;
		}
		ended = ended || (text_block(k) &&
		                  herald_bulletin_is_end_mark(k->text, k->len)) ||
		        (k->kind == BULLETIN_BLOCK_HEADING &&
		         herald_text_word_count(k->text, k->len) == 0);
		if (time_line(k, time, sizeof time)) {
			/* the time a briefing started, or ended */
			if (!herald_doc_meta(b->doc, HERALD_META_TIME)) {
				if (herald_doc_set_meta(b->doc, HERALD_META_TIME, time))
					b->status = HERALD_ENOMEM;
			} else {
				furniture(b, item, "end_time", k);
			}
			continue;
		}
		/* a link alone closing the item (its source: "[查看原文](url)")
		 * ends the paragraph before it rather than making one */
		herald_node *last = herald_node_last_child(item);
		if (i + 1 == end && herald_bulletin_block_is_link(k) && last &&
		    herald_node_type_of(last) == HERALD_NODE_PARAGRAPH) {
			continue_turn(b, last, k);
			continue;
		}
		if (d.on && text_block(k) &&
		    !herald_bulletin_is_end_mark(k->text, k->len)) {
			turn = dashed_body_block(b, item, &d, turn, k);
			continue;
		}
		if (i < qa || !text_block(k)) {
			add_body_block(b, item, k);
			if (!text_block(k))
				turn = NULL;
			continue;
		}
		if (herald_bulletin_is_end_mark(k->text, k->len)) {
			furniture(b, item, "end", k);
			turn = NULL;
			continue;
		}
		turn = labelled_block(b, item, turn, k, &dec[i - first]);
	}
	free(dec);
	if (qa < end)
		return HERALD_ITEM_INTERVIEW;
	if (d.on) {
		if (d.interviewee != SIZE_MAX)
			set_speaker(b, item, d.interviewee);
		return HERALD_ITEM_INTERVIEW;
	}
	if (plan.speaker != SIZE_MAX) {
		/* one labelled speaker, no questions: a speech; the label stays
		 * in the text, the speaker is the item's */
		set_speaker(b, item, plan.speaker);
		return HERALD_ITEM_SPEECH;
	}
	return HERALD_ITEM_NEWS;
}

/* --- furniture at an item's start and end ----------------------------------- */

/* Blocks at the start that frame the text: date, time and place lines,
 * a byline, upper-case title blocks.  Returns the first block that is
 * the text's.  Place lines are only taken when a time line follows in
 * the window (a briefing's head); else a short line is left to the
 * body. */
static size_t front_furniture(builder *b, herald_node *item, size_t first,
                              size_t end)
{
	herald_bulletin_block *v = b->bl->v;
	size_t time_at = end, i;
	char iso[11], time[64];

	for (i = first; i < end && i < first + FRONT_WINDOW; i++)
		if (time_line(&v[i], time, sizeof time)) {
			time_at = i;
			break;
		}
	for (i = first; i < end && !b->status; i++) {
		const herald_bulletin_block *k = &v[i];
		size_t by;
		if (date_line(b, k, iso)) {
			printed_date(b, iso, k);
			add_field(b, "dateline", k->text, k->len);
		} else if (i == time_at) {
			time_line(k, time, sizeof time);
			if (herald_doc_set_meta(b->doc, HERALD_META_TIME, time))
				b->status = HERALD_ENOMEM;
			return i + 1;
		} else if (text_block(k) && (by = herald_bulletin_byline(k->text,
		                                                       k->len))) {
			/* the names are the author; the line as printed stays */
			if (!herald_doc_meta(b->doc, HERALD_META_AUTHOR))
				set_meta_text(b, HERALD_META_AUTHOR, k->text + by,
				              k->len - by);
			add_field(b, "byline", k->text, k->len);
		} else if (k->kind == BULLETIN_BLOCK_BREAK) {
			/* a rule under the head */
		} else if (time_at < end && text_block(k) && upper_heading(k)) {
			add_heading(b, item, k, 1);
		} else if (time_at < end && short_lines(k, PLACE_WORDS) &&
		           !has_label(k)) {
			for (size_t at = 0; at < k->len;) {
				const char *nl = memchr(k->text + at, '\n', k->len - at);
				size_t len = nl ? (size_t)(nl - (k->text + at))
				                : k->len - at;
				add_field(b, "place", k->text + at, len);
				at += len + 1;
			}
		} else {
			break;
		}
	}
	return i;
}

/* A signature at the end of an official act: a run of short lines, one
 * of them dated ("Москва, Кремль / 3 октября 2002 года / N 1112").
 * Returns where it starts (end when there is none). */
static size_t signature(builder *b, size_t first, size_t end)
{
	herald_bulletin_block *v = b->bl->v;
	size_t start = end, dated = end, s, e;
	char iso[11];

	while (start > first && end - start < SIGNATURE_WINDOW) {
		const herald_bulletin_block *k = &v[start - 1];
		if (!text_block(k) || k->md || memchr(k->text, '\n', k->len) ||
		    !herald_bulletin_is_short_line(k->text, k->len, 8))
			break;
		if (dated == end && (date_line(b, k, iso) ||
		                     herald_bulletin_find_date(k->text, k->len, &s,
		                                               &e, iso)))
			dated = start - 1;
		start--;
	}
	if (dated == end || start == first)
		return end;
	/* the gap before it: an act's signature stands apart */
	if (v[start].gap < 1)
		return end;
	if (!date_line(b, &v[dated], iso))
		herald_bulletin_find_date(v[dated].text, v[dated].len, &s, &e, iso);
	printed_date(b, iso, &v[dated]);
	for (size_t i = start; i < end; i++)
		add_field(b, "signature", v[i].text, v[i].len);
	return start;
}

/* --- items ------------------------------------------------------------------ */

static void add_item(builder *b, const herald_bulletin_block *title_block,
                     const char *title, size_t first, size_t end)
{
	const herald_bulletin_block *at = title_block ? title_block
	                                  : first < end ? &b->bl->v[first] : NULL;
	herald_node *item = add_node(b, herald_doc_root(b->doc),
	                             HERALD_NODE_ITEM, at);
	size_t body, tail;

	if (!item)
		return;
	if (title_block)
		set_title(b, item, title_block->text, title_block->len);
	else if (title)
		set_title(b, item, title, strlen(title));
	body = front_furniture(b, item, first, end);
	tail = b->src->from_markdown ? end : signature(b, body, end);
	herald_node_set_item_kind(item, add_body(b, item, body, tail));
	/* rules, empty lists, furniture alone: no item to speak of */
	if (!herald_node_title(item) && !herald_node_first_child(item))
		herald_node_unlink(item);
}

/* The heading level whose headings are the items: the one used most,
 * twice at least (ties: the outer one). 0 when none repeats. */
static unsigned item_level(const herald_bulletin_blocks *bl)
{
	size_t count[7] = { 0 };
	unsigned best = 0;

	for (size_t i = 0; i < bl->count; i++)
		if (bl->v[i].kind == BULLETIN_BLOCK_HEADING && bl->v[i].level <= 6)
			count[bl->v[i].level]++;
	for (unsigned l = 1; l <= 6; l++)
		if (count[l] >= 2 && (!best || count[l] > count[best]))
			best = l;
	return best;
}

static bool is_heading(const herald_bulletin_block *k, unsigned max_level)
{
	return k->kind == BULLETIN_BLOCK_HEADING && k->level <= max_level;
}

/* Blocks before the first item: a first outer heading is the bulletin's
 * title, and its date when it holds one; the rest is the document's. */
static void preamble(builder *b, size_t end)
{
	herald_node *root = herald_doc_root(b->doc);
	bool titled = herald_doc_meta(b->doc, HERALD_META_TITLE) != NULL;
	char iso[11];

	for (size_t i = 0; i < end && !b->status; i++) {
		const herald_bulletin_block *k = &b->bl->v[i];
		if (k->kind == BULLETIN_BLOCK_HEADING && !titled) {
			set_meta_text(b, HERALD_META_TITLE, k->text, k->len);
			titled = true;
			if (date_in_heading(b, k, iso))
				printed_date(b, iso, k);
		} else if (k->kind == BULLETIN_BLOCK_HEADING) {
			add_heading(b, root, k, 1);
		} else if (k->kind == BULLETIN_BLOCK_LIST ||
		           k->kind == BULLETIN_BLOCK_TEXT) {
			if (date_line_of(b, k, iso, true) && !b->printed_date) {
				printed_date(b, iso, k);
				add_field(b, "dateline", k->text, k->len);
			} else {
				add_body_block(b, root, k);
			}
		}
	}
}

/* An entry without its numbering ("12.", "（3）") and final punctuation. */
static void entry_core(const char *s, size_t n, size_t *start, size_t *end)
{
	/* Spaces skipped within what trimming leaves, so that start <= end
	 * even for a text of spaces only, or of bytes that decode otherwise
	 * forwards than backwards (a fuzzer's find: start past end made the
	 * entry's length wrap around). */
	size_t e = herald_text_trim_end(s, n), a = herald_text_skip_space(s, e);

	while (a < e && s[a] >= '0' && s[a] <= '9')
		a++;
	if (a < e && (s[a] == '.' || s[a] == ')'))
		a++;
	a += herald_text_skip_space(s + a, e - a);
	while (e > a) {
		uint32_t cp;
		size_t l = herald_utf8_prev(s + a, e - a, &cp);
		if (!herald_cp_is_punct(cp) && !herald_cp_is_space(cp))
			break;
		e -= l;
	}
	*start = a;
	*end = e;
}

/* Whether one of two texts holds the other (an entry and a title). */
static bool holds(const char *a, size_t an, const char *b, size_t bn)
{
	if (an < bn) {
		const char *t = a;
		size_t tn = an;
		a = b, an = bn, b = t, bn = tn;
	}
	if (bn < 6)
		return false;
	for (size_t k = 0; k + bn <= an; k++)
		if (memcmp(a + k, b, bn) == 0)
			return true;
	return false;
}

/* A table of contents before the items: three of its text blocks or
 * more, a third of them at least, repeat (or are repeated in) item
 * titles.  Looked at in a bounded window, so that it costs constant
 * time per document. */
#define CONTENTS_WINDOW 64
static bool is_contents(builder *b, size_t end, unsigned level)
{
	herald_bulletin_block *v = b->bl->v;
	size_t texts = 0, matches = 0, titles[CONTENTS_WINDOW], ntitles = 0;

	if (end > CONTENTS_WINDOW)
		return false;
	for (size_t i = end; i < b->bl->count && ntitles < CONTENTS_WINDOW; i++)
		if (v[i].kind == BULLETIN_BLOCK_HEADING && v[i].level == level &&
		    v[i].len < 1024)
			titles[ntitles++] = i;
	for (size_t i = 0; i < end; i++) {
		size_t a, e;
		if (v[i].kind != BULLETIN_BLOCK_TEXT || v[i].len >= 1024)
			continue;
		texts++;
		entry_core(v[i].text, v[i].len, &a, &e);
		for (size_t t = 0; t < ntitles; t++) {
			size_t ta, te;
			const herald_bulletin_block *h = &v[titles[t]];
			entry_core(h->text, h->len, &ta, &te);
			if (holds(v[i].text + a, e - a, h->text + ta, te - ta)) {
				matches++;
				break;
			}
		}
	}
	return matches >= 3 && matches * 3 >= texts;
}

/* The table of contents into the free field "contents", one entry per
 * block: the items it lists follow with the same titles. */
static void contents(builder *b, size_t start, size_t end)
{
	herald_buf all = HERALD_BUF_INIT;

	for (size_t i = start; i < end; i++) {
		const herald_bulletin_block *k = &b->bl->v[i];
		if (k->kind == BULLETIN_BLOCK_HEADING) {
			add_heading(b, herald_doc_root(b->doc), k, 1);
			continue;
		}
		if (k->kind != BULLETIN_BLOCK_TEXT)
			continue;
		char *line = one_line(k->text, k->len);
		if (!line) {
			b->status = HERALD_ENOMEM;
			break;
		}
		if (all.len)
			herald_buf_puts(&all, " / ");
		herald_buf_puts(&all, line);
		free(line);
	}
	if (herald_buf_failed(&all) ||
	    (all.data && herald_doc_set_field(b->doc, "contents",
	                                      all.data) != HERALD_OK))
		b->status = HERALD_ENOMEM;
	herald_buf_free(&all);
}

static void items_by_heading(builder *b, unsigned level)
{
	herald_bulletin_block *v = b->bl->v;
	size_t n = b->bl->count, i = 0, first = 0;

	while (i < n && !(v[i].kind == BULLETIN_BLOCK_HEADING &&
	                  v[i].level == level))
		i++;
	/* the bulletin's title heading stays one: the contents follow it */
	if (is_contents(b, i, level)) {
		while (first < i && v[first].kind != BULLETIN_BLOCK_HEADING)
			first++;
		first = first < i ? first + 1 : 0;
		preamble(b, first);
		contents(b, first, i);
	} else {
		preamble(b, i);
	}
	while (i < n && !b->status) {
		if (!(v[i].kind == BULLETIN_BLOCK_HEADING && v[i].level == level)) {
			/* an outer heading between items: a section of the
			 * bulletin, and what follows it up to the next item */
			if (v[i].kind == BULLETIN_BLOCK_HEADING)
				add_heading(b, herald_doc_root(b->doc), &v[i], 1);
			else
				add_body_block(b, herald_doc_root(b->doc), &v[i]);
			i++;
			continue;
		}
		size_t start = i + 1, end = start;
		while (end < n && !is_heading(&v[end], level))
			end++;
		add_item(b, &v[i], NULL, start, end);
		i = end;
	}
}

/* One item: the front matter's title, else a first heading, else a
 * leading run of centred lines (the last of them the title, those
 * before it the document's headings, as "У К А З" above an act). */
static void single_item(builder *b)
{
	herald_bulletin_block *v = b->bl->v;
	size_t n = b->bl->count, first = 0;
	const char *fm_title = herald_doc_meta(b->doc, HERALD_META_TITLE);
	const herald_bulletin_block *title = NULL;

	while (first < n && v[first].kind == BULLETIN_BLOCK_BREAK)
		first++;
	if (!fm_title && first < n && v[first].kind == BULLETIN_BLOCK_HEADING) {
		title = &v[first++];
	} else if (!fm_title && !b->src->from_markdown) {
		size_t c = first;
		while (c < n && text_block(&v[c]) && v[c].level == 1)
			c++;
		if (c > first) {
			for (size_t i = first; i + 1 < c; i++)
				add_heading(b, herald_doc_root(b->doc), &v[i], 1);
			title = &v[c - 1];
			first = c;
		} else if (first < n && text_block(&v[first]) &&
		           herald_bulletin_is_title_line(v[first].text,
		                                         v[first].len) &&
		           !has_label(&v[first])) {
			title = &v[first++];
		}
	}
	if (title && !fm_title)
		set_meta_text(b, HERALD_META_TITLE, title->text, title->len);
	add_item(b, title, title ? NULL : fm_title, first, n);
}

/* One item per line: a title glued to its text is cut off. */
static void items_per_line(builder *b)
{
	for (size_t i = 0; i < b->bl->count && !b->status; i++) {
		herald_bulletin_block *k = &b->bl->v[i];
		size_t t = text_block(k) ? herald_bulletin_glued_title(k->text,
		                                                       k->len)
		                         : 0;
		herald_node *item = add_node(b, herald_doc_root(b->doc),
		                             HERALD_NODE_ITEM, k);
		if (!item)
			return;
		if (t) {
			set_title(b, item, k->text, t);
			t += herald_text_skip_space(k->text + t, k->len - t);
		}
		herald_node *p = add_node(b, item, HERALD_NODE_PARAGRAPH, k);
		if (p && herald_bulletin_block_inlines(b->doc, p, k, t))
			b->status = HERALD_ENOMEM;
	}
}

int herald_bulletin_build(const herald_bulletin_config *cfg,
                          herald_bulletin_source *src, herald_doc *doc,
                          herald_diag *diag)
{
	builder b = { .cfg = cfg, .src = src, .bl = src->blocks, .doc = doc,
	              .diag = diag };
	unsigned level;

	if (src->blocks->count == 0)
		return HERALD_OK;
	if (!(b.speakers = herald_speakers_new())) {
		herald_error(diag, "out of memory building the document");
		return HERALD_ENOMEM;
	}
	herald_node_set_position(herald_doc_root(doc), src->blocks->v[0].line,
	                         src->blocks->v[0].col);
	/* Front matter describes one post: its headings are subheadings,
	 * however often a level repeats. */
	if (src->blocks->layout == BULLETIN_LAYOUT_ITEM)
		items_per_line(&b);
	else if (!herald_doc_meta(doc, HERALD_META_TITLE) &&
	         (level = item_level(src->blocks)) != 0) {
		b.base = level;
		items_by_heading(&b, level);
	} else {
		b.base = 6;
		for (size_t i = 0; i < src->blocks->count; i++)
			if (src->blocks->v[i].kind == BULLETIN_BLOCK_HEADING &&
			    src->blocks->v[i].level - 1 < b.base)
				b.base = src->blocks->v[i].level - 1;
		single_item(&b);
	}
	herald_speakers_free(b.speakers);
	if (b.status == HERALD_ENOMEM)
		herald_error(diag, "out of memory building the document");
	return b.status;
}

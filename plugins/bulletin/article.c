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
	herald_bulletin_speakers speakers;   /* the document's, one a person */
	unsigned long item_no;               /* stamps the speakers' counts */
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

static bool time_line(const herald_bulletin_block *k, char *out, size_t size);

static bool upper_heading(const herald_bulletin_block *k)
{
	char time[64];

	return text_block(k) && !time_line(k, time, sizeof time) &&
	       herald_text_word_count(k->text, k->len) <= HEADING_WORDS &&
	       !memchr(k->text, '\n', k->len) &&
	       herald_bulletin_is_upper_text(k->text, k->len) &&
	       herald_bulletin_turn_label(k->text, k->len, &(size_t){ 0 },
	                                  &(size_t){ 0 }) == BULLETIN_LABEL_NONE;
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
		else if (herald_bulletin_is_caption(k->text, k->len))
			furniture(b, parent, "caption", k);
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

typedef struct label {
	herald_bulletin_label_kind kind;
	size_t lead, name_len, skip;
} label;

static label label_of(const herald_bulletin_block *k)
{
	label l = { BULLETIN_LABEL_NONE, 0, 0, 0 };

	if (text_block(k)) {
		l.kind = herald_bulletin_turn_label(k->text, k->len, &l.name_len,
		                                    &l.skip);
		l.lead = herald_bulletin_label_start(k->text, k->len);
	}
	return l;
}

/* Append a block's text to a turn (or paragraph) it continues, after a
 * line break. */
static void continue_turn(builder *b, herald_node *turn,
                          const herald_bulletin_block *k)
{
	herald_node *br = add_node(b, turn, HERALD_NODE_LINEBREAK, k);

	if (br && herald_bulletin_block_inlines(b->doc, turn, k, 0))
		b->status = HERALD_ENOMEM;
}

/* The speaker of a named label, interned; SIZE_MAX when out of memory.
 * Counts are reset when the speaker is first seen in this item. */
static size_t speaker_of(builder *b, const herald_bulletin_block *k,
                         const label *l)
{
	size_t id;

	if (herald_bulletin_speakers_intern(&b->speakers, k->text + l->lead,
	                                    l->name_len, &id)) {
		b->status = HERALD_ENOMEM;
		return SIZE_MAX;
	}
	herald_bulletin_speaker *sp = &b->speakers.v[id];
	if (sp->stamp != b->item_no) {
		sp->stamp = b->item_no;
		sp->labels = sp->asks = 0;
	}
	return id;
}

static bool is_named(herald_bulletin_label_kind k)
{
	return k == BULLETIN_LABEL_NAMED || k == BULLETIN_LABEL_MODERATOR ||
	       k == BULLETIN_LABEL_TITLED;
}

/* What an item's labels say, from one scan of its blocks. */
typedef struct transcript {
	size_t qa;             /* where the turns start (end: none) */
	bool questions;        /* the item has question labels */
	bool titled;           /* title-case names may be labels here */
	bool asking_side;      /* no question labels: a named side asks */
	size_t speaker;        /* the one speaker of a speech, or SIZE_MAX */
} transcript;

/* Title-case names (Vladimir Putin:) are labels only where the item
 * shows a pattern: a question label, or two names at least (in either
 * case: "NYT:" asking "Putin:") that each open two blocks or more, the
 * title-case name being one of them.  A news item's "Note:" or "Washington:" has
 * no such pattern and stays a paragraph.  Without question labels, a
 * conversation of named speakers is an interview only when one side
 * asks (most of its turns end with a question) and another does not;
 * the asking side is then the interviewer. */
/* Whether a block's label is one here: a title-case name needs the
 * item's pattern, and without question labels must itself repeat. */
static bool label_holds(builder *b, const transcript *t,
                        const herald_bulletin_block *k, const label *l)
{
	if (l->kind != BULLETIN_LABEL_TITLED)
		return l->kind != BULLETIN_LABEL_NONE;
	if (!t->titled)
		return false;
	if (t->questions)
		return true;
	size_t id = speaker_of(b, k, l);
	return id != SIZE_MAX && b->speakers.v[id].labels >= 2;
}

static transcript scan_transcript(builder *b, size_t first, size_t end)
{
	herald_bulletin_block *v = b->bl->v;
	transcript t = { end, false, false, false, SIZE_MAX };
	size_t question = end, last_named = end, repeating = 0, labels = 0;
	size_t distinct = 0, current = SIZE_MAX, one = SIZE_MAX, first_upper = end;
	bool one_speaker = true;

	b->item_no++;
	for (size_t i = first; i <= end && !b->status; i++) {
		label l = i < end ? label_of(&v[i]) : (label){ 0 };
		if (i == end || l.kind != BULLETIN_LABEL_NONE) {
			/* the turn before ends at the block before this one */
			if (current != SIZE_MAX && i > first &&
			    text_block(&v[i - 1]) &&
			    herald_bulletin_turn_evidence(v[i - 1].text,
			                                  v[i - 1].len) ==
			            BULLETIN_EVIDENCE_ASK)
				b->speakers.v[current].asks++;
			current = SIZE_MAX;
		}
		if (i == end)
			break;
		if (l.kind == BULLETIN_LABEL_INTERVIEWER && question == end)
			question = i;
		if (!is_named(l.kind))
			continue;
		size_t id = speaker_of(b, &v[i], &l);
		if (id == SIZE_MAX)
			break;
		herald_bulletin_speaker *sp = &b->speakers.v[id];
		distinct += sp->labels == 0;
		if (++sp->labels == 2)
			repeating++;
		labels++;
		current = id;
		if (question == end && l.kind != BULLETIN_LABEL_TITLED) {
			/* upper-case names: a moderator before the first
			 * question, a speech's one speaker */
			last_named = i;
			if (first_upper == end)
				first_upper = i;
			if (one != SIZE_MAX && one != id)
				one_speaker = false;
			one = id;
		}
	}
	t.questions = question < end;
	t.titled = t.questions || repeating >= 2;
	if (question < end) {
		t.qa = question;
		if (last_named < end &&
		    label_of(&v[last_named]).kind == BULLETIN_LABEL_MODERATOR)
			t.qa = last_named;
		return t;
	}
	/* no question labels: who asks?  Only names that are labels here
	 * count (title-case ones need the pattern above). */
	size_t askers = 0, answerers = 0, first_label = end;
	for (size_t i = first; i < end && labels >= 3 && distinct >= 2; i++) {
		label l = label_of(&v[i]);
		if (!is_named(l.kind) || !label_holds(b, &t, &v[i], &l))
			continue;
		if (first_label == end)
			first_label = i;   /* a "Note:" before it stays text */
		size_t id = speaker_of(b, &v[i], &l);
		if (id == SIZE_MAX)
			break;
		herald_bulletin_speaker *sp = &b->speakers.v[id];
		if (sp->judged == b->item_no)
			continue;   /* judged once a speaker */
		sp->judged = b->item_no;
		if (2 * sp->asks > sp->labels)
			askers++;
		else
			answerers++;
	}
	if (askers && answerers) {
		t.asking_side = true;
		t.qa = first_label;
		return t;
	}
	if (one != SIZE_MAX && one_speaker) {
		label l = label_of(&v[first_upper]);
		/* one speaker: a speech when the name is a person's label,
		 * two words or more or printed twice ("THE PRESIDENT:"), not
		 * a dateline such as "WASHINGTON:" */
		if (l.kind == BULLETIN_LABEL_NAMED &&
		    (b->speakers.v[one].labels >= 2 ||
		     herald_bulletin_tokens(v[first_upper].text + l.lead,
		                            l.name_len) >= 2))
			t.speaker = one;
	}
	return t;
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
		for (size_t at = 0; (at = herald_bulletin_inline_dash(
		                             k->text, k->len, at, &a)) < k->len;
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
	    herald_bulletin_speakers_intern(&b->speakers, name, strlen(name),
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
		size_t next = k->md ? k->len
		                    : herald_bulletin_inline_dash(k->text, k->len,
		                                                  at + 1, NULL);
		size_t skip;
		piece.text = k->text + at;
		piece.len = next - at;
		/* its position, counted on from the piece before (once over
		 * the block, however many pieces) */
		while (counted < at) {
			uint32_t cp;
			counted += herald_utf8_next(k->text + counted, at - counted,
			                            &cp);
			piece.col = cp == '\n' ? 1 : piece.col + 1;
			piece.line += cp == '\n';
		}
		if (dashed_block(&piece, &skip)) {
			turn = add_text_node(b, item, HERALD_NODE_TURN, &piece, skip);
			if (!turn)
				break;
			herald_speaker_role role = dash_role(d, piece.text + skip,
			                                     piece.len - skip);
			herald_node_set_role(turn, role);
			if (role == HERALD_SPEAKER_INTERVIEWEE &&
			    d->interviewee != SIZE_MAX &&
			    herald_node_set_speaker(
			            turn, b->speakers.v[d->interviewee].display))
				b->status = HERALD_ENOMEM;
		} else if (turn) {
			continue_turn(b, turn, &piece);
		} else {
			add_text_node(b, item, HERALD_NODE_PARAGRAPH, &piece, 0);
		}
		at = next;
	}
	return turn;
}

/* The body of an item from block first to end (exclusive), as a
 * transcript when labels make one (scan_transcript): before the first
 * question (or the moderator's block handing over to it) the opening
 * statement's paragraphs, then one TURN per labelled block, with the
 * unlabelled blocks that follow it. */
static herald_item_kind add_body(builder *b, herald_node *item, size_t first,
                                 size_t end)
{
	herald_bulletin_block *v = b->bl->v;
	transcript t = scan_transcript(b, first, end);
	size_t qa = t.qa;
	dashes d = { false, 0, false, SIZE_MAX };

	if (qa == end && t.speaker == SIZE_MAX)
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
		label l = label_of(k);
		if (!label_holds(b, &t, k, &l))
			l = (label){ BULLETIN_LABEL_NONE, 0, 0, 0 };
		if (l.kind == BULLETIN_LABEL_NONE && turn) {
			continue_turn(b, turn, k);
			continue;
		}
		turn = add_text_node(b, item, HERALD_NODE_TURN, k, l.skip);
		if (!turn)
			break;
		if (l.kind == BULLETIN_LABEL_INTERVIEWER) {
			herald_node_set_role(turn, HERALD_SPEAKER_INTERVIEWER);
		} else if (l.kind == BULLETIN_LABEL_INTERVIEWEE) {
			/* "A:", "Ответ:" name nobody: markup, as "Q" is */
			herald_node_set_role(turn, HERALD_SPEAKER_INTERVIEWEE);
		} else if (l.kind != BULLETIN_LABEL_NONE) {
			size_t id = speaker_of(b, k, &l);
			if (id == SIZE_MAX)
				break;
			const herald_bulletin_speaker *sp = &b->speakers.v[id];
			herald_node_set_role(turn, t.asking_side &&
			                                   2 * sp->asks > sp->labels
			                                   ? HERALD_SPEAKER_INTERVIEWER
			                                   : HERALD_SPEAKER_INTERVIEWEE);
			if (herald_node_set_speaker(turn, sp->display) != HERALD_OK)
				b->status = HERALD_ENOMEM;
		}
	}
	if (qa < end)
		return HERALD_ITEM_INTERVIEW;
	if (d.on) {
		if (d.interviewee != SIZE_MAX &&
		    herald_node_set_speaker(item,
		                            b->speakers.v[d.interviewee].display))
			b->status = HERALD_ENOMEM;
		return HERALD_ITEM_INTERVIEW;
	}
	if (t.speaker != SIZE_MAX) {
		/* one labelled speaker, no questions: a speech; the label stays
		 * in the text, the speaker is the item's */
		if (herald_node_set_speaker(item, b->speakers.v[t.speaker].display))
			b->status = HERALD_ENOMEM;
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
		           label_of(k).kind == BULLETIN_LABEL_NONE) {
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
	size_t a = herald_text_skip_space(s, n), e = herald_text_trim_end(s, n);

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
	herald_bulletin_buf all = { 0 };

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
			herald_bulletin_buf_add(&all, " / ", 3);
		herald_bulletin_buf_add(&all, line, strlen(line));
		free(line);
	}
	if (all.failed || (all.s && herald_doc_set_field(b->doc, "contents",
	                                                 all.s) != HERALD_OK))
		b->status = HERALD_ENOMEM;
	free(all.s);
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
		           label_of(&v[first]).kind == BULLETIN_LABEL_NONE) {
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
	herald_bulletin_speakers_free(&b.speakers);
	if (b.status == HERALD_ENOMEM)
		herald_error(diag, "out of memory building the document");
	return b.status;
}

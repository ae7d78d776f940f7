/* tests/bulletin/test_blocks.c - the reader's block units on their own:
 * furniture, labels data, layout detection, front matter
 * and Markdown blocks.  The plugin's sources are compiled in (their
 * symbols are hidden in the module). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../plugins/bulletin/bulletin.h"


/* --- furniture ---------------------------------------------------------------- */

/* A recogniser against a table of what it must take and what not. */
#define CHECK_TABLE(what, pred, yes, no)                                    \
	check_table(what, pred, yes, sizeof yes / sizeof *yes, no,          \
	            sizeof no / sizeof *no)
static void check_table(const char *what, bool (*pred)(const char *, size_t),
                        const char *const *yes, size_t ny,
                        const char *const *no, size_t nn)
{
	for (size_t i = 0; i < ny; i++)
		if (!pred(yes[i], strlen(yes[i])))
			fail_msg("'%s' is %s", yes[i], what);
	for (size_t i = 0; i < nn; i++)
		if (pred(no[i], strlen(no[i])))
			fail_msg("'%s' is not %s", no[i], what);
}

static void test_furniture_end_marks(void **state)
{
	const char *yes[] = { "###", "END", "END 3:30 P.M. EST",
	                      "END\xc2\xa0\xc2\xa0 11:20 A.M. EDT", "-30-",
	                      "* * *", "Ende" };
	const char *no[] = { "END of story", "Endless summer", "", "The END.",
	                     "## 2" };

	(void)state;
	CHECK_TABLE("an end mark", herald_bulletin_is_end_mark, yes, no);
}

static void test_furniture_bylines(void **state)
{
	const char *s = "By Rosie Hidalgo and Libby Washburn";

	(void)state;
	assert_int_equal(herald_bulletin_byline(s, strlen(s)), 3);
	s = "By then, the rain had stopped.";
	assert_int_equal(herald_bulletin_byline(s, strlen(s)), 0);
	s = "Bystander Effect Explained";
	assert_int_equal(herald_bulletin_byline(s, strlen(s)), 0);
	s = "Von Ada Lind";
	assert_int_equal(herald_bulletin_byline(s, strlen(s)), 4);
}

/* --- release furniture ------------------------------------------------------ */

typedef struct dateline_case {
	const char *text;
	const char *iso;       /* NULL: not a dateline */
	size_t rest;           /* offset of the text after it */
} dateline_case;

static const dateline_case dateline_cases[] = {
	{ "Berlin, 5. Oktober 2020", "2020-10-05", 23 },
	{ "Paris, le 5 octobre 2020", "2020-10-05", 24 },
	{ "Madrid, 5 de octubre de 2020 (EFE).\xe2\x80\x93 El Consejo aprobó",
	  "2020-10-05", 39 },
	{ "Dublin, 5 October 2020 \xe2\x80\x93 The Harbour Trust", "2020-10-05", 27 },
	{ "Ankara, 5 Ekim 2020", "2020-10-05", 19 },
	{ "\xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9\xd8\x8c 5 "
	  "\xd8\xa3\xd9\x83\xd8\xaa\xd9\x88\xd8\xa8\xd8\xb1 2020", "2020-10-05",
	  0 /* to the end: checked as strlen below */ },
	/* not datelines */
	{ "Paris, London and Berlin, 5 October 2020", NULL, 0 },
	{ "WASHINGTON, D.C., October 5, 2020 \xe2\x80\x94 The agency", "2020-10-05",
	  38 },
	{ "WASHINGTON (AP) \xe2\x80\x94 The Senate voted", NULL, 0 },
	{ "the city, 5 October 2020", NULL, 0 },
	{ "Storm hits coast on 5 October 2020", NULL, 0 },
	{ "Berlin, 5. Oktober 2020 war ein Montag", NULL, 0 },
	{ "In 2020, 5 October 2020 was a Monday", NULL, 0 },
	{ "Berlin, am Montag", NULL, 0 },
};

static void test_furniture_datelines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof dateline_cases / sizeof *dateline_cases;
	     i++) {
		const dateline_case *c = &dateline_cases[i];
		size_t rest = 99, n = strlen(c->text);
		char iso[11] = "";
		bool ok = herald_bulletin_dateline(c->text, n, &rest, iso);
		if (ok != (c->iso != NULL))
			fail_msg("'%s': %s a dateline", c->text,
			         c->iso ? "is" : "is not");
		if (!c->iso)
			continue;
		assert_string_equal(iso, c->iso);
		assert_int_equal(rest, c->rest ? c->rest : n);
	}
}

static void test_furniture_dated_lines(void **state)
{
	/* anywhere: a dateline with nothing after it */
	const char *line[] = { "Berlin, 5. Oktober 2020",
	                       "Morning digest, 5 October 2020",
	                       "WASHINGTON, D.C., October 5, 2020" };
	const char *not_line[] = { "Madrid, 5 de octubre de 2020 (EFE).\xe2\x80\x93 El Consejo",
	                           "Storm hits coast on 5 October 2020",
	                           "Weekly notes (5 October 2020)",
	                           "Berlin, 5. Oktober 2020\nzweite Zeile" };
	/* a document's first line only: closing on a date in brackets or
	 * after a short lower-case word ("vom", "du"; "on" too: a first
	 * line ending so is taken for the digest's dated title) */
	const char *title[] = { "\xe6\x96\xb0\xe9\x97\xbb\xe6\x91\x98\xe8\xa6\x81"
	                        "\xef\xbc\x88" "2020\xe5\xb9\xb4" "10\xe6\x9c\x88"
	                        "5\xe6\x97\xa5\xef\xbc\x89",
	                        "Weekly notes (5 October 2020)",
	                        "Meldungen vom 5. Oktober 2020",
	                        "Revue de presse du 5 octobre 2020",
	                        "Berlin, 5. Oktober 2020" };
	const char *not_title[] = { "Notes (5 October 2020) and more",
	                            "Council meets 5 October 2020",
	                            "News from the harbour office of the county "
	                            "and the city for 5 October 2020",
	                            "Weekly notes\n(5 October 2020)" };
	char iso[11];

	(void)state;
	for (size_t i = 0; i < sizeof line / sizeof *line; i++) {
		if (!herald_bulletin_dated_line(line[i], strlen(line[i]), iso))
			fail_msg("'%s' is a dated line", line[i]);
		assert_string_equal(iso, "2020-10-05");
	}
	for (size_t i = 0; i < sizeof not_line / sizeof *not_line; i++)
		if (herald_bulletin_dated_line(not_line[i], strlen(not_line[i]), iso))
			fail_msg("'%s' is no dated line", not_line[i]);
	for (size_t i = 0; i < sizeof title / sizeof *title; i++) {
		if (!herald_bulletin_dated_title(title[i], strlen(title[i]), iso))
			fail_msg("'%s' is a dated title", title[i]);
		assert_string_equal(iso, "2020-10-05");
	}
	for (size_t i = 0; i < sizeof not_title / sizeof *not_title; i++)
		if (herald_bulletin_dated_title(not_title[i], strlen(not_title[i]),
		                                iso))
			fail_msg("'%s' is no dated title", not_title[i]);
}

static bool posted_line(const char *s, size_t n)
{
	char iso[11];

	return herald_bulletin_posted_line(s, n, iso);
}

static bool opens_contact(const char *s, size_t n)
{
	return herald_bulletin_opens_with_label("contact", s, n);
}

static void test_furniture_release_labels(void **state)
{
	const char *release[] = { "PRESS RELEASE", "Pressemitteilung",
	                          "COMMUNIQU\xc3\x89 DE PRESSE", "For immediate release",
	                          "Nota de prensa:" };
	const char *not_release[] = { "Press release issued today by the council",
	                              "The press release said so.", "" };
	const char *contact[] = { "Media contact:\nNiall Walsh", "Pressekontakt:",
	                          "Contact presse : Claire Martin",
	                          "Contact\nAda Lind, 555 0100" };
	const char *not_contact[] = { "Contact us at the town hall.",
	                              "Contacts between the two sides resumed." };
	const char *caption[] = { "Photo: Volunteers at work.", "(Photo by Ana Costa)",
	                          "Foto: Stadtwerke", "[Image: a crane]",
	                          "\xd0\xa4\xd0\xbe\xd1\x82\xd0\xbe: \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
	                          "Image caption Crowds on the beach",
	                          "Image copyright PA Media\nImage caption Crowds" };
	const char *not_caption[] = { "Photographers gathered at the gate.",
	                              "Photo: one\ntwo lines",
	                              "(Photo by Ana Costa) and more text",
	                              "A photo: the mill.",
	                              "Image of the week",
	                              "Image caption Crowds\nThe heat goes on.",
	                              "Image caption" };

	(void)state;
	CHECK_TABLE("a release label", herald_bulletin_is_release_label, release,
	            not_release);
	CHECK_TABLE("a contact block", opens_contact, contact, not_contact);
	CHECK_TABLE("a caption", herald_bulletin_is_caption, caption, not_caption);

	const char *about[] = { "About the Springfield Water Utility",
	                        "\xc3\x9c" "ber die Stadtwerke", "About us" };
	const char *not_about[] = { "About 200 people attended the meeting.",
	                            "Aboutique opens", "About\nthe museum",
	                            "Notes about the museum" };
	CHECK_TABLE("an about heading", herald_bulletin_is_about_heading, about,
	            not_about);

	const char *posted[] = { "Posted on 5 October 2020 by Admin",
	                         "Publi\xc3\xa9 le 5 octobre 2020",
	                         "Published: October 5, 2020" };
	const char *not_posted[] = { "Posted on Monday by Admin",
	                             "Reposted 5 October 2020",
	                             "The report was published on 5 October 2020." };
	CHECK_TABLE("a publication line", posted_line, posted, not_posted);
}

static void test_furniture_signatures(void **state)
{
	const char *yes = "John Smith\nMayor\n5 October 2020";
	const char *no[] = { "John Smith\nMayor",                  /* no date */
	                     "5 October 2020",                     /* one line */
	                     "The bridge closed on 5 October 2020.\nIt reopens soon.",
	                     "a\nb\nc\nd\ne\nf\n5 October 2020" };  /* seven lines */
	char iso[11];

	(void)state;
	assert_true(herald_bulletin_is_signature_block(yes, strlen(yes), iso));
	assert_string_equal(iso, "2020-10-05");
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (herald_bulletin_is_signature_block(no[i], strlen(no[i]), iso))
			fail_msg("'%s' is no signature", no[i]);
}

static void test_furniture_glued_titles(void **state)
{
	const char *az = "Azərbaycanda koronavirusa yoluxan daha 4 nəfər sağaldı "
	                 "Azərbaycan Respublikasında koronavirus infeksiyasına "
	                 "yoluxduğu müəyyən edilmiş daha 4 nəfər sağalıb. "
	                 "Onlar evə buraxılıb.";
	const char *conj = "Giriş Bakı, Sumqayıt şəhərlərinə və Abşeron rayonuna "
	                   "məhdudlaşdırılır Koronavirus infeksiyasının "
	                   "yayılmasının qarşısını almaq məqsədilə tədbirlər "
	                   "görülür. Bu barədə məlumat verilib.";
	const char *sentence = "The war has gone on. The city of Kyiv said so "
	                       "today, and more.";
	size_t t;

	(void)state;
	t = herald_bulletin_glued_title(az, strlen(az));
	assert_int_equal(t, strlen("Azərbaycanda koronavirusa yoluxan daha 4 "
	                           "nəfər sağaldı"));
	/* not after "və" (and): the title goes on */
	t = herald_bulletin_glued_title(conj, strlen(conj));
	assert_int_equal(t, strlen("Giriş Bakı, Sumqayıt şəhərlərinə və Abşeron "
	                           "rayonuna məhdudlaşdırılır"));
	/* a sentence end comes first: no title */
	assert_int_equal(herald_bulletin_glued_title(sentence, strlen(sentence)),
	                 0);
}

static void test_furniture_bullets(void **state)
{
	const char *list = " - one thing \n - another\n* a third";
	const char *not = "- one thing\nand its second line";
	const char *one = "- alone";

	(void)state;
	assert_true(herald_bulletin_is_bullet_block(list, strlen(list)));
	assert_false(herald_bulletin_is_bullet_block(not, strlen(not)));
	assert_false(herald_bulletin_is_bullet_block(one, strlen(one)));
}

/* --- layout ------------------------------------------------------------------- */

static char *repeat(const char *unit, size_t times)
{
	size_t n = strlen(unit);
	char *s = malloc(n * times + 1);

	assert_non_null(s);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * n, unit, n);
	s[n * times] = '\0';
	return s;
}

static herald_bulletin_layout detect(const char *s)
{
	return herald_bulletin_detect_layout(s, strlen(s));
}

static void test_layout_detection(void **state)
{
	char *s;

	(void)state;
	s = repeat("A paragraph of one line.\n\nAnother one, also short.\n\n", 10);
	assert_int_equal(detect(s), BULLETIN_LAYOUT_BLANK);
	free(s);
	s = repeat("One paragraph on its own line ends here.\n"
	           "The next starts on the next line and ends too.\n"
	           "A third, without any blank line between them.\n", 8);
	assert_int_equal(detect(s), BULLETIN_LAYOUT_LINE);
	free(s);
	s = repeat("This text is wrapped at a fixed width by a typewriter or\n"
	           "an old mail program, so that lines break in the middle of\n"
	           "sentences, which go on to the next line without a care.\n"
	           "\n", 6);
	assert_int_equal(detect(s), BULLETIN_LAYOUT_WRAPPED);
	free(s);
	s = repeat("     An indented line opens this paragraph, which goes\n"
	           "on without indentation on the following lines of it\n"
	           "and ends here.\n", 6);
	assert_int_equal(detect(s), BULLETIN_LAYOUT_INDENT);
	free(s);
	s = repeat("Headline glued to its text Here the text starts. It has "
	           "sentences. Many of them, long enough to be a whole item of "
	           "news on one line, as scraped archives store them. And it "
	           "goes on for a while longer, with more words than any "
	           "paragraph would hold in a bulletin, for three hundred "
	           "characters at least, and then some more.\n", 4);
	assert_int_equal(detect(s), BULLETIN_LAYOUT_ITEM);
	free(s);
	/* long lines without a headline glued to them are paragraphs */
	s = repeat("The text starts here, and it has sentences. Many of them, "
	           "long enough to be a whole paragraph on one line, as crawled "
	           "articles store them. And it goes on for a while longer, "
	           "with more words than a short paragraph would hold, for "
	           "three hundred characters at least, and then some more.\n", 4);
	assert_int_equal(detect(s), BULLETIN_LAYOUT_LINE);
	free(s);
	/* sentences a line, in short blank-separated paragraphs: blank */
	s = repeat("A sentence.\nAnother sentence.\n\n", 10);
	assert_int_equal(detect(s), BULLETIN_LAYOUT_BLANK);
	free(s);
	assert_int_equal(detect(""), BULLETIN_LAYOUT_BLANK);
	/* no blank line at all: headlines and one-line paragraphs */
	assert_int_equal(detect("5 October 2020\nCOUNCIL VOTES BUDGET\n"
	                        "The council voted.\nSchools gain.\n"
	                        "BRIDGE TO CLOSE\nThe bridge closes.\n"),
	                 BULLETIN_LAYOUT_LINE);
	/* three lines are too few to tell */
	assert_int_equal(detect("Title\nOne line of text\nand its end.\n"),
	                 BULLETIN_LAYOUT_BLANK);
	/* lines of spaces and NBSP are blank */
	assert_int_equal(detect("One.\n \xc2\xa0 \nTwo.\n\xc2\xa0\nThree.\n"),
	                 BULLETIN_LAYOUT_BLANK);
}

static void test_layout_blocks(void **state)
{
	herald_bulletin_blocks bl = { 0 };
	const char *s = "     First paragraph\nits second line.\n"
	                "     Second paragraph.\n\n"
	                "                         CENTRED\n"
	                "                     HEADING LINE\n";

	(void)state;
	assert_int_equal(herald_bulletin_text_blocks(s, strlen(s), 1,
	                                             BULLETIN_LAYOUT_INDENT, &bl),
	                 HERALD_OK);
	assert_int_equal(bl.count, 3);
	assert_string_equal(bl.v[0].text, "First paragraph\nits second line.");
	assert_int_equal(bl.v[0].col, 6);
	assert_int_equal(bl.v[1].line, 3);
	assert_int_equal(bl.v[2].level, 1);
	assert_string_equal(bl.v[2].text, "CENTRED\nHEADING LINE");
	assert_int_equal(bl.v[2].gap, 1);
	herald_bulletin_blocks_free(&bl);

	s = "one\ntwo\n\nthree";
	assert_int_equal(herald_bulletin_text_blocks(s, strlen(s), 10,
	                                             BULLETIN_LAYOUT_LINE, &bl),
	                 HERALD_OK);
	assert_int_equal(bl.count, 3);
	assert_int_equal(bl.v[2].line, 13);
	assert_int_equal(bl.v[2].gap, 1);
	herald_bulletin_blocks_free(&bl);
}

/* The kinds of the blocks s splits into, one letter each: H a heading
 * (then its level digit), T text; freed. */
static void expect_blocks(const char *s, herald_bulletin_layout layout,
                          const char *kinds)
{
	herald_bulletin_blocks bl = { 0 };
	char got[64] = "";
	size_t at = 0;

	assert_int_equal(herald_bulletin_text_blocks(s, strlen(s), 1, layout, &bl),
	                 HERALD_OK);
	for (size_t i = 0; i < bl.count && at + 3 < sizeof got; i++) {
		if (bl.v[i].kind == BULLETIN_BLOCK_HEADING) {
			got[at++] = 'H';
			got[at++] = (char)('0' + bl.v[i].level);
		} else {
			got[at++] = 'T';
		}
	}
	got[at] = '\0';
	herald_bulletin_blocks_free(&bl);
	assert_string_equal(got, kinds);
}

/* Plain-text headings: underlined, bracketed, numbered in Chinese and
 * with a successor, upper case in the line layout; Chinese lines as
 * paragraphs. */
static void test_layout_plain_headings(void **state)
{
	herald_bulletin_blocks bl = { 0 };
	const char *s = "Weekly Notes\n============\n\nTerm dates\n----------\n\n"
	                "Text of the item.\n\nA line\n---------------------------\n";

	(void)state;
	/* an underline far wider than its line is a rule under text */
	expect_blocks(s, BULLETIN_LAYOUT_BLANK, "H1H2TT");
	assert_int_equal(herald_bulletin_text_blocks(s, strlen(s), 1,
	                                             BULLETIN_LAYOUT_BLANK, &bl),
	                 HERALD_OK);
	assert_string_equal(bl.v[0].text, "Weekly Notes");
	herald_bulletin_blocks_free(&bl);

	s = "\xe3\x80\x90\xe6\xa0\x87\xe9\xa2\x98\xe3\x80\x91\n"          /* 【标题】 */
	    "\xe7\xac\xac\xe4\xb8\x80\xe5\x8f\xa5\xe3\x80\x82\n"          /* 第一句。 */
	    "\xe7\xac\xac\xe4\xba\x8c\xe5\x8f\xa5\xe3\x80\x82\n\n"        /* 第二句。 */
	    "\xe4\xba\x8c\xe3\x80\x81\xe5\xa4\x9a\xe5\x9c\xb0\xe9\x99\x8d\xe6\xb8\xa9\n"; /* 二、多地降温 */
	expect_blocks(s, BULLETIN_LAYOUT_BLANK, "H2TTH2");
	assert_int_equal(herald_bulletin_text_blocks(s, strlen(s), 1,
	                                             BULLETIN_LAYOUT_BLANK, &bl),
	                 HERALD_OK);
	assert_string_equal(bl.v[0].text, "\xe6\xa0\x87\xe9\xa2\x98");
	assert_int_equal(bl.v[0].col, 2);
	assert_int_equal(bl.v[2].line, 3);
	herald_bulletin_blocks_free(&bl);

	/* the last line is a sentence; in a blank-line text the line is
	 * left to the title rules */
	s = "CITY COUNCIL APPROVES BUDGET\nThe council voted.\nTHE VOTE WAS CLOSE.\n";
	expect_blocks(s, BULLETIN_LAYOUT_LINE, "H2TT");
	expect_blocks(s, BULLETIN_LAYOUT_BLANK, "T");
	/* numbered titles: a number followed by the next, text between;
	 * "3." has no text before "4.": a list, as "4." is */
	expect_blocks("1. Farmers report a harvest\nThe harvest is good.\n"
	              "2. New bus line opens\nBuses run often.\n3. Eggs\n4. Milk\n",
	              BULLETIN_LAYOUT_LINE, "H2TH2TTT");
	expect_blocks("1. A lone numbered line\nAnd text after it.\n",
	              BULLETIN_LAYOUT_LINE, "TT");
}

/* --- front matter --------------------------------------------------------------- */

typedef struct fm {
	herald_doc *doc;
	herald_diag *diag;
	size_t body;
	unsigned long line;
	char date[11];
	int rc;
} fm;

static fm front(const char *s)
{
	fm r = { herald_doc_new(), herald_diag_new(NULL), 0, 0, "", 0 };

	assert_non_null(r.doc);
	herald_diag_set_file(r.diag, "f.md");
	r.rc = herald_bulletin_front_matter(s, strlen(s), r.doc, r.diag, &r.body,
	                                    &r.line, r.date);
	return r;
}

static void fm_free(fm *r)
{
	herald_doc_free(r->doc);
	herald_diag_free(r->diag);
}

static void test_front_matter_fields(void **state)
{
	const char *s = "---\n"
	                "tags: press-briefings\n"
	                "date: '2021-05-18'\n"
	                "source_url: https://example.org/a\n"
	                "title: \"Press Gaggle by Jen\\_Psaki Aboard\\\n"
	                "  \\ Air Force One\"\n"
	                "author: Ada Lind\n"
	                "categories: [latest, news]\n"
	                "--- \n"
	                "Body.\n";
	fm r = front(s);

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(s + r.body, "Body.\n");
	assert_int_equal(r.line, 10);
	assert_string_equal(r.date, "2021-05-18");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_DATE), "2021-05-18");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_TITLE),
	                    "Press Gaggle by Jen\xc2\xa0Psaki Aboard Air Force One");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_URL),
	                    "https://example.org/a");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_AUTHOR), "Ada Lind");
	assert_string_equal(herald_doc_field(r.doc, "tags"), "press-briefings");
	assert_string_equal(herald_doc_field(r.doc, "categories"), "latest, news");
	fm_free(&r);
}

static void test_front_matter_bad(void **state)
{
	fm r;

	(void)state;
	r = front("---\ntitle: [unclosed\n---\nBody.\n");
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(r.body, 0);
	assert_null(herald_doc_meta(r.doc, HERALD_META_TITLE));
	assert_non_null(strstr(herald_diag_text(r.diag), "not valid YAML"));
	assert_non_null(strstr(herald_diag_text(r.diag), "f.md:3:1:"));
	fm_free(&r);

	r = front("---\ntitle: never closed\nBody.\n");
	assert_int_equal(r.body, 0);
	assert_non_null(strstr(herald_diag_text(r.diag), "never closed"));
	fm_free(&r);

	r = front("---\n- a list\n- not a mapping\n---\nBody.\n");
	assert_int_equal(r.body, 0);
	assert_non_null(strstr(herald_diag_text(r.diag), "not a YAML mapping"));
	fm_free(&r);

	r = front("No front matter.\n---\n");
	assert_int_equal(r.body, 0);
	assert_string_equal(herald_diag_text(r.diag), "");
	fm_free(&r);

	/* YAML nested deep is libyaml's to bound; nothing is lost here */
	char *deep = malloc(7 + 20000 + 16);
	assert_non_null(deep);
	memcpy(deep, "---\nk: ", 7);
	memset(deep + 7, '[', 20000);
	strcpy(deep + 7 + 20000, "\n---\nBody.\n");
	r = front(deep);
	assert_int_equal(r.rc, HERALD_OK);
	free(deep);
	fm_free(&r);
}

/* --- Markdown ------------------------------------------------------------------- */

/* Markdown s into bl, which must succeed. */
static void md_blocks(const char *s, unsigned long line,
                      herald_bulletin_layout layout, herald_bulletin_blocks *bl,
                      herald_diag *diag)
{
	assert_int_equal(herald_bulletin_markdown_blocks(s, strlen(s), line, layout,
	                                                 bl, diag),
	                 HERALD_OK);
}

static void test_markdown_blocks(void **state)
{
	herald_bulletin_blocks bl = { 0 };
	herald_diag *diag = herald_diag_new(NULL);
	const char *s = "# Top\n\n### One\n\nText *em* and \\### escaped.\n"
	                "\xc2\xa0 \n"          /* a blank line of NBSP */
	                "Next paragraph.\n\n- a\n- b\n\n---\n\n### Two\n";

	(void)state;
	md_blocks(s, 5, BULLETIN_LAYOUT_BLANK, &bl, diag);
	assert_int_equal(bl.count, 7);
	assert_int_equal(bl.v[0].kind, BULLETIN_BLOCK_HEADING);
	assert_int_equal(bl.v[0].level, 1);
	assert_int_equal(bl.v[0].line, 5);
	assert_int_equal(bl.v[1].level, 3);
	assert_string_equal(bl.v[2].text, "Text em and ### escaped.");
	assert_string_equal(bl.v[3].text, "Next paragraph.");
	assert_int_equal(bl.v[3].line, 11);
	assert_int_equal(bl.v[4].kind, BULLETIN_BLOCK_LIST);
	assert_int_equal(bl.v[5].kind, BULLETIN_BLOCK_BREAK);
	assert_string_equal(bl.v[6].text, "Two");
	herald_bulletin_blocks_free(&bl);

	/* bold lines are item titles without other sub-headings, twice at
	 * least; a bold sentence or a bold run inside text is not one */
	s = "# Daily\n\n**Council approves budget**\n\nText.\n\n"
	    "**Bridge closes**\n\nMore text.\n\n**A bold sentence.**\n\n"
	    "**Run-in** lead and text.\n";
	md_blocks(s, 1, BULLETIN_LAYOUT_BLANK, &bl, diag);
	assert_int_equal(bl.count, 7);
	assert_int_equal(bl.v[1].kind, BULLETIN_BLOCK_HEADING);
	assert_int_equal(bl.v[1].level, 2);
	assert_int_equal(bl.v[3].kind, BULLETIN_BLOCK_HEADING);
	assert_int_equal(bl.v[5].kind, BULLETIN_BLOCK_TEXT);
	assert_int_equal(bl.v[6].kind, BULLETIN_BLOCK_TEXT);
	herald_bulletin_blocks_free(&bl);
	s = "## Real\n\n**Bold one**\n\nText.\n\n**Bold two**\n\nText.\n";
	md_blocks(s, 1, BULLETIN_LAYOUT_BLANK, &bl, diag);
	assert_int_equal(bl.v[1].kind, BULLETIN_BLOCK_TEXT);
	herald_bulletin_blocks_free(&bl);

	/* line layout cuts paragraphs at their line ends */
	s = "First line.\nSecond *line*.\nThird.\n";
	md_blocks(s, 1, BULLETIN_LAYOUT_LINE, &bl, diag);
	assert_int_equal(bl.count, 3);
	assert_string_equal(bl.v[1].text, "Second line.");
	assert_int_equal(bl.v[2].line, 3);
	herald_bulletin_blocks_free(&bl);
	herald_diag_free(diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_furniture_end_marks),
		cmocka_unit_test(test_furniture_bylines),
		cmocka_unit_test(test_furniture_datelines),
		cmocka_unit_test(test_furniture_dated_lines),
		cmocka_unit_test(test_furniture_release_labels),
		cmocka_unit_test(test_furniture_signatures),
		cmocka_unit_test(test_furniture_glued_titles),
		cmocka_unit_test(test_furniture_bullets),
		cmocka_unit_test(test_layout_detection),
		cmocka_unit_test(test_layout_blocks),
		cmocka_unit_test(test_layout_plain_headings),
		cmocka_unit_test(test_front_matter_fields),
		cmocka_unit_test(test_front_matter_bad),
		cmocka_unit_test(test_markdown_blocks),
	};

	return cmocka_run_group_tests_name("bulletin blocks", tests, NULL, NULL);
}

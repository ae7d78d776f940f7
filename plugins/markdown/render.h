/* render.h - the markdown writer's cmark trees written out directly.
 *
 * cmark_render_commonmark() hands every character of every text to a
 * callback, decoding, escaping and buffering each alone: it was three
 * quarters of a conversion to Markdown.  md_render() writes the same
 * bytes for the trees the writer builds, deciding the escapes of a run
 * of plain characters at once.  It covers what the writer makes without
 * wrapping (width 0): paragraphs, headings, block quotes, lists and
 * their items, text, raw inline HTML, hard line breaks, emphasis, strong
 * emphasis and links (written <url> when cmark would: a scheme, and the
 * URL as text).  Anything else is left to cmark: md_render_covers() says
 * which.
 * tests/writers/test_md_render compares the two on generated trees.
 */
#ifndef HERALD_MARKDOWN_RENDER_H
#define HERALD_MARKDOWN_RENDER_H

#include <cmark.h>

/* Whether md_render(root) writes what cmark_render_commonmark(root,
 * CMARK_OPT_DEFAULT, 0) would. */
int md_render_covers(cmark_node *root);

/* The CommonMark of root, malloc'd (the caller frees it), or NULL when
 * out of memory.  Like cmark's renderer it merges the adjacent text
 * nodes that open a link with a scheme (cmark_consolidate_text_nodes). */
char *md_render(cmark_node *root);

/* md_render() for a tree whose every literal, URL and title is valid
 * UTF-8, as all text in a herald document is (doc.h): the strings are
 * not checked again. */
char *md_render_valid(cmark_node *root);

#endif

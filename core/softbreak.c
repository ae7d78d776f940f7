/* softbreak.c - what a soft line break inside a string stands for
 * (herald_text_soft_break_is_space in herald/text.h).
 *
 * Writers judge breaks in titles and names with it; the text of model
 * nodes goes through herald_node_soft_break_is_space (doc.c), which also
 * looks into the neighbouring inlines.
 */
#include <herald/text.h>

bool herald_text_soft_break_is_space(const char *s, size_t n, size_t i)
{
	uint32_t before, after;

	if (i == 0 || i + 1 >= n)
		return true;
	herald_utf8_prev(s, i, &before);
	herald_utf8_next(s + i + 1, n - i - 1, &after);
	return herald_soft_break_is_space(before, after);
}

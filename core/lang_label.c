/* lang_label.c - the words writers print, from the language packs
 * (herald_lang_label in herald/lang.h).
 *
 * One lookup for every writer, so that a label is translated once in
 * data/lang/<tag>/writer.txt and shows the same in each format.  The
 * entries are the pack's own strings, which live as long as the process,
 * so the text is returned in place.
 */
#include <string.h>

#include <herald/lang.h>

/* The text of "key = text" among the entries of [labels], or NULL. */
static const char *label_in(const herald_lang *lang, const char *key,
                            size_t klen)
{
	size_t count;
	const char *const *entries =
		herald_lang_entries(lang, "writer", "labels", &count);

	for (size_t i = 0; i < count; i++) {
		const char *e = entries[i];
		if (strncmp(e, key, klen) != 0)
			continue;
		e += klen + strspn(e + klen, " \t");
		if (*e != '=')
			continue;         /* a longer key with the same start */
		return e + 1 + strspn(e + 1, " \t");
	}
	return NULL;
}

const char *herald_lang_label(const herald_lang *lang, const char *key)
{
	size_t klen;
	const char *text = NULL;

	if (!key || !*key)
		return "";
	klen = strlen(key);
	if (lang)
		text = label_in(lang, key, klen);
	if (!text)
		text = label_in(herald_lang_generic(), key, klen);
	return text ? text : key;
}

/* words.c - POSIX shell word splitting without expansions (words.h). */
#include <stdlib.h>
#include <string.h>

#include "words.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Characters that a shell would treat as syntax when unquoted. */
static int is_shell_syntax(char c)
{
	return c != '\0' && strchr("|&;<>()$`", c) != NULL;
}

void exec_words_free(char **argv)
{
	if (argv)
		free(argv[0]);      /* the one block holding every word */
	free(argv);
}

/* The word starting at *pp, unquoted into out, NUL-terminated; *pp is
 * left after the word and *end after its NUL. */
static const char *unquote_word(const char **pp, char *out, char **end)
{
	const char *p = *pp;
	size_t n = 0;

	while (*p && !is_blank(*p)) {
		char c = *p++;
		if (c == '\'') {
			while (*p && *p != '\'')
				out[n++] = *p++;
			if (!*p)
				return "unterminated single quote";
			p++;
		} else if (c == '"') {
			while (*p && *p != '"') {
				if (*p == '\\' && p[1] == '\n') {
					p += 2;    /* a line continuation */
					continue;
				}
				if (*p == '\\' && p[1] && strchr("$`\"\\", p[1]))
					p++;
				out[n++] = *p++;
			}
			if (!*p)
				return "unterminated double quote";
			p++;
		} else if (c == '\\') {
			if (!*p)
				return "a backslash ends it";
			if (*p != '\n')
				out[n++] = *p;
			p++;
		} else if (is_shell_syntax(c)) {
			return "it uses shell syntax (| & ; < > ( ) $ `): quote "
			       "the character, or add shell=true";
		} else {
			out[n++] = c;
		}
	}
	out[n] = '\0';
	*end = out + n + 1;
	*pp = p;
	return NULL;
}

const char *exec_words_split(const char *line, char ***argv)
{
	size_t len = strlen(line), count = 0;
	/* A line of len bytes has at most len / 2 + 1 words, and their
	 * characters and NULs take at most 2 * len + 1 bytes. */
	char **words = calloc(len / 2 + 2, sizeof(*words));
	char *block = malloc(2 * len + 2), *out = block;
	const char *p = line, *why = NULL;

	*argv = NULL;
	if (!words || !block) {
		free(words);
		free(block);
		return "out of memory";
	}
	for (;;) {
		while (is_blank(*p) || (*p == '\\' && p[1] == '\n'))
			p += *p == '\\' ? 2 : 1;
		if (!*p)
			break;
		words[count++] = out;
		if ((why = unquote_word(&p, out, &out)) != NULL)
			break;
	}
	if (!why && count == 0)
		why = "it is empty";
	if (why) {
		free(words);
		free(block);
		return why;
	}
	*argv = words;
	return NULL;
}

/* words.h - a command line split into words the way a POSIX shell
 * splits one, without running a shell.
 *
 * Blanks (space, tab, newline) separate words.  'single quotes' keep
 * everything up to the next quote; "double quotes" keep everything but
 * let a backslash escape $ ` " \ and newline; outside quotes a backslash
 * keeps the next character (and a backslash-newline disappears).  There
 * are NO expansions: no variables, no globbing, no ~, no command
 * substitution.  An unquoted | & ; < > ( ) $ or ` is refused, since it
 * would mean something to a shell that this splitter does not do.
 */
#ifndef EXEC_WORDS_H
#define EXEC_WORDS_H

/* On success *argv is a NULL-terminated array of at least one word, the
 * caller's to free with exec_words_free(), and 0 is returned.  On failure
 * *argv is NULL and the result is a static English phrase saying why
 * ("unterminated single quote", "out of memory", ...). */
const char *exec_words_split(const char *line, char ***argv);
void exec_words_free(char **argv);

#endif

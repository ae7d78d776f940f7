/* options.h - stage specs "name:key=value,..." and option values (internal).
 *
 * A value may be quoted, key="a,b!c" or key='a,b!c', so that it can hold
 * the ',' that separates pairs and the '!' that separates a chain's
 * stages; herald(1), "Option syntax", is the user's description.  The one
 * tokenizer behind spec_span() and options_parse() is in options.c. */
#ifndef HERALD_OPTIONS_H
#define HERALD_OPTIONS_H

#include <stddef.h>
#include <herald/plugin.h>

/* Where and why a spec cannot be split: a byte offset into the text
 * scanned and a static message. */
typedef struct spec_problem {
	size_t at;
	const char *what;
} spec_problem;

/* The length of text up to its first byte of stops that is not inside a
 * quoted value (the whole text when there is none): how a chain finds
 * its stages.  -1, with pb set, when a quote is not closed or text
 * follows a closing quote. */
int spec_span(const char *text, const char *stops, size_t *len,
              spec_problem *pb);

/* Report pb as an error: "WHAT in KIND'TEXT' at column N", kind being
 * "" or a word and a space ("pipeline "), N counting characters. */
void spec_report(herald_diag *diag, const char *kind, const char *text,
                 const spec_problem *pb);

/* Split spec into its plugin name (*name, malloc'd) and the text after
 * the ':' (*args, pointing into spec; "" when none). */
int spec_split(const char *spec, char **name, const char **args,
               herald_diag *diag);

/* Parse args, which points into spec (columns in messages count from
 * spec's start; args may be spec itself), against plugin's option table.
 * Unknown keys and bad values are HERALD_EUSAGE with a message listing
 * what is valid; an unclosed quote names its column. */
int options_parse(const herald_plugin *plugin, const char *spec,
                  const char *args, herald_options **out, herald_diag *diag);
void options_free(herald_options *opts);

#endif

/* options.h - stage specs "name:key=value,..." and option values (internal). */
#ifndef HERALD_OPTIONS_H
#define HERALD_OPTIONS_H

#include <herald/plugin.h>

/* Split spec into its plugin name (*name, malloc'd) and the text after
 * the ':' (*args, pointing into spec; "" when none). */
int spec_split(const char *spec, char **name, const char **args,
                      herald_diag *diag);

/* Parse args against plugin's option table.  Unknown keys and bad values
 * are HERALD_EUSAGE with a message listing what is valid. */
int options_parse(const herald_plugin *plugin, const char *args,
                         herald_options **out, herald_diag *diag);
void options_free(herald_options *opts);

#endif

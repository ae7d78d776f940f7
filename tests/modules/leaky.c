/* leaky.c - a plugin that prints to stdout instead of its stream, for
 * tests/modules/stdout.sh.  As a writer it puts a header in the stream
 * it is given and then, with leak=true (the default), every text with
 * printf(), as a careless CSV writer would; as a transform it prints a
 * debugging line with debug=true.  herald -o FILE must catch both.
 * With fail=true the writer gives up with an error once it has written
 * everything: what a failing writer leaves on standard output. */
#include <stdio.h>
#include <stdlib.h>

#include <herald/plugin.h>

static const herald_option leaky_options[] = {
	{ .name = "leak", .type = HERALD_OPT_BOOL, .default_value = "true", .help = "writer: texts to stdout" },
	{ .name = "debug", .type = HERALD_OPT_BOOL, .default_value = "false", .help = "transform: a line to stdout" },
	{ .name = "fail", .type = HERALD_OPT_BOOL, .default_value = "false", .help = "writer: fail once written" },
	{ NULL, 0, NULL, NULL, NULL }
};

struct leaky { int leak, debug, fail; };

static int leaky_open(const herald_options *opts, void **state,
                      herald_diag *diag)
{
	struct leaky *s = malloc(sizeof(*s));
	if (!s) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	s->leak = herald_options_bool(opts, "leak");
	s->debug = herald_options_bool(opts, "debug");
	s->fail = herald_options_bool(opts, "fail");
	*state = s;
	return HERALD_OK;
}

static int leaky_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	const struct leaky *s = state;
	(void)diag;
	if (s->debug)
		printf("leaky: transforming %s\n",
		       herald_doc_meta(doc, HERALD_META_SOURCE));
	return HERALD_OK;
}

static int leaky_write(void *state, const herald_doc *doc, FILE *out,
                       herald_diag *diag)
{
	const struct leaky *s = state;
	herald_walker w;
	fputs("text\n", out);
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		const char *text = herald_node_text(w.node);
		if (w.event == HERALD_WALK_ENTER && text)
			fprintf(s->leak ? stdout : out, "\"%s\"\n", text);
	}
	if (s->fail) {
		herald_error(diag, "leaky: giving up as asked (fail=true)");
		return HERALD_EINPUT;
	}
	return HERALD_OK;
}

HERALD_PLUGIN(leaky) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "leaky",
	.version = "1",
	.description = "prints to stdout instead of its stream (a test)",
	.roles = HERALD_ROLE_TRANSFORM | HERALD_ROLE_WRITER,
	.output_extension = "csv",
	.options = leaky_options,
	.open = leaky_open,
	.close = free,
	.transform = leaky_transform,
	.write = leaky_write,
	.writer_flags = HERALD_WRITER_CONCATENATES,
};

/* common.c - the registry, pipelines and sink the harnesses share. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

herald_registry *fuzz_registry(void)
{
	static herald_registry *reg;
	if (reg)
		return reg;
	reg = herald_registry_new();
	herald_diag *diag = herald_diag_new(stderr);
	const char *dirs = getenv("HERALD_PLUGIN_PATH");
	char *path = herald_plugin_search_path(dirs);
	if (!reg || !diag || !path ||
	    herald_registry_load_dirs(reg, path, diag) != HERALD_OK ||
	    herald_registry_count(reg) == 0) {
		fprintf(stderr, "fuzz: cannot load the plugins from %s\n",
		        path ? path : "(none)");
		abort();
	}
	free(path);
	herald_diag_free(diag);
	return reg;
}

herald_pipeline *fuzz_pipeline(const char *chain)
{
	herald_pipeline *pipe = herald_pipeline_new(fuzz_registry());
	herald_diag *diag = herald_diag_new(stderr);
	if (!pipe || !diag || herald_pipeline_parse(pipe, chain, diag) != HERALD_OK) {
		fprintf(stderr, "fuzz: the chain '%s' is refused\n", chain);
		abort();
	}
	herald_diag_free(diag);
	return pipe;
}

FILE *fuzz_sink(void)
{
	static FILE *sink;
	if (!sink && !(sink = fopen("/dev/null", "w")))
		abort();
	return sink;
}

herald_doc *fuzz_read(herald_pipeline *pipe, const uint8_t *data, size_t size)
{
	return fuzz_read_as(pipe, "fuzz.txt", data, size);
}

/* Through herald_pipeline_read_buffer, as the command reads a file: the
 * reader may then read the bytes in place and keep them (a path of its
 * own).  The copy is exactly size + 1 bytes, so that ASan sees a read
 * past the NUL the function promises. */
herald_doc *fuzz_read_as(herald_pipeline *pipe, const char *name,
                         const uint8_t *data, size_t size)
{
	herald_diag *diag = herald_diag_new(NULL);
	herald_doc *doc = NULL;
	unsigned char *copy = malloc(size + 1);
	if (!diag || !copy) {
		free(copy);
		herald_diag_free(diag);
		return NULL;
	}
	if (size)
		memcpy(copy, data, size);
	copy[size] = '\0';
	herald_input in = { name, copy, size };
	if (herald_pipeline_read_buffer(pipe, &in, copy, &doc, diag) != HERALD_OK)
		doc = NULL;
	herald_diag_free(diag);
	return doc;
}

void fuzz_read_write(herald_pipeline *pipe, const uint8_t *data, size_t size)
{
	fuzz_read_write_as(pipe, "fuzz.txt", data, size);
}

void fuzz_read_write_as(herald_pipeline *pipe, const char *name,
                        const uint8_t *data, size_t size)
{
	herald_doc *doc = fuzz_read_as(pipe, name, data, size);
	if (doc) {
		herald_diag *diag = herald_diag_new(NULL);
		if (diag)
			herald_pipeline_write(pipe, doc, fuzz_sink(), diag);
		herald_diag_free(diag);
	}
	herald_doc_free(doc);
}

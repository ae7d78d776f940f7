/* fuzz_chain.c - the pipeline-string and option parsers: the input is a
 * chain as -p takes it ("reader:key=value ! transform ! writer"), and
 * every plugin's open() that it reaches with its options. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *chain = malloc(size + 1);
	if (!chain)
		return 0;
	memcpy(chain, data, size);
	chain[size] = '\0';
	herald_pipeline *pipe = herald_pipeline_new(fuzz_registry());
	herald_diag *diag = herald_diag_new(NULL);
	if (pipe && diag)
		herald_pipeline_parse(pipe, chain, diag);
	herald_diag_free(diag);
	herald_pipeline_free(pipe);
	free(chain);
	return 0;
}

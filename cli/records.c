/* records.c - `herald --records`: one document per JSON line in, one
 * result per JSON line out, flushed per record, so that herald runs
 * unchanged as a Hadoop Streaming mapper, in Spark's pipe() or under
 * GNU parallel --pipe.  A bad record yields an error record and the
 * stream goes on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include <herald/herald.h>

#include "cli.h"

/* Print {"id": id, key: value} on one line and flush it. */
static int emit(json_t *id, const char *key, const char *value, size_t len)
{
	json_t *rec = json_object();
	json_object_set(rec, "id", id ? id : json_null());
	json_object_set_new(rec, key, json_stringn(value, len));
	char *line = json_dumps(rec, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER);
	json_decref(rec);
	if (!line)
		return -1;
	int bad = fputs(line, stdout) < 0 || fputc('\n', stdout) < 0 ||
	          fflush(stdout) != 0;
	free(line);
	return bad ? -1 : 0;
}

/* Messages of a failed record, without the trailing newline. */
static int emit_error(json_t *id, const char *message)
{
	size_t len = strlen(message);
	while (len && message[len - 1] == '\n')
		len--;
	return emit(id, "error", message, len);
}

/* The record's text: "text" as is, or the content of the file "path"
 * (a bare JSON string is a path too). */
static int record_input(json_t *rec, unsigned long lineno, unsigned char **data,
                        size_t *size, char **name, herald_diag *diag)
{
	json_t *text = json_is_object(rec) ? json_object_get(rec, "text") : NULL;
	json_t *path = json_is_string(rec) ? rec
	             : json_is_object(rec) ? json_object_get(rec, "path") : NULL;
	if (json_is_string(text)) {
		*size = json_string_length(text);
		*data = malloc(*size + 1);
		if (!*data)
			return HERALD_ENOMEM;
		memcpy(*data, json_string_value(text), *size);
		*name = strdup("<record>");
		/* Positions in the text are the text's own: name the record
		 * by its line of input ("<record 3>:2:7"). */
		char where[48];
		snprintf(where, sizeof(where), "<record %lu>", lineno);
		herald_diag_set_file(diag, where);
		return HERALD_OK;
	}
	if (json_is_string(path)) {
		if (strlen(json_string_value(path)) != json_string_length(path)) {
			herald_diag_report(diag, HERALD_ERROR, lineno, 0,
			                   "a path cannot hold a NUL character");
			return HERALD_EINPUT;
		}
		if (strcmp(json_string_value(path), "-") == 0) {
			herald_diag_report(diag, HERALD_ERROR, lineno, 0,
			                   "a record's path cannot be \"-\": standard "
			                   "input holds the records");
			return HERALD_EINPUT;
		}
		*name = strdup(json_string_value(path));
		herald_diag_set_file(diag, *name);
		/* A record naming a FIFO would stop the stream until something
		 * writes to it, one naming /dev/zero never end: records come
		 * from elsewhere, so their paths name files. */
		struct stat st;
		if (*name && stat(*name, &st) == 0 && !S_ISREG(st.st_mode) &&
		    !S_ISDIR(st.st_mode)) {
			herald_error(diag, "not a regular file (a FIFO, socket or "
			             "device): a record's path names a file");
			return HERALD_EINPUT;
		}
		return herald_input_read_file(*name, data, size, diag);
	}
	herald_diag_report(diag, HERALD_ERROR, lineno, 0,
	                   "a record is {\"id\": ..., \"text\": \"...\"} or "
	                   "{\"id\": ..., \"path\": \"...\"}");
	return HERALD_EINPUT;
}

/* Convert one record into the writer's output, kept in memory. */
static int convert_record(const herald_pipeline *pipe, json_t *rec,
                          unsigned long lineno, char **out, size_t *out_len,
                          herald_diag *diag)
{
	unsigned char *data = NULL;
	size_t size = 0;
	char *name = NULL;
	int rc = record_input(rec, lineno, &data, &size, &name, diag);
	if (rc == HERALD_OK) {
		FILE *mem = open_memstream(out, out_len);
		herald_input in = { name ? name : "<record>", data, size };
		rc = mem ? herald_pipeline_run(pipe, &in, mem, diag) : HERALD_ENOMEM;
		if (mem)
			fclose(mem);
	}
	free(data);
	free(name);
	return rc;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static int one_record(const herald_pipeline *pipe, const char *line,
                      size_t len, unsigned long lineno)
{
	herald_diag *diag = herald_diag_new(NULL);
	if (!diag)
		return -1;
	herald_diag_set_file(diag, "<stdin>");
	json_error_t err;
	int empty = blank(line, len);
	/* NUL is valid JSON (\u0000); the reader reports it with its place. */
	json_t *rec = empty ? NULL
	            : json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	json_t *id = json_is_object(rec) ? json_object_get(rec, "id") : NULL;
	char *out = NULL;
	size_t out_len = 0;
	int rc;
	if (empty) {
		/* An empty line is an empty record: it gets an error record,
		 * so that every input line has exactly one output line. */
		herald_diag_report(diag, HERALD_ERROR, lineno, 0, "empty record");
		rc = HERALD_EINPUT;
	} else if (!rec) {
		herald_diag_report(diag, HERALD_ERROR, lineno,
		                   err.column > 0 ? (unsigned long)err.column : 0,
		                   "not a JSON record: %s", err.text);
		rc = HERALD_EINPUT;
	} else {
		rc = convert_record(pipe, rec, lineno, &out, &out_len, diag);
	}
	int io = rc == HERALD_OK ? emit(id, "output", out, out_len)
	                         : emit_error(id, herald_diag_text(diag));
	free(out);
	json_decref(rec);
	herald_diag_free(diag);
	return io;
}

int cli_records(const cli_options *o, herald_registry *reg, herald_diag *diag)
{
	if (o->nfiles || o->output) {
		herald_error(diag, "--records reads standard input and writes "
		             "standard output; it takes no FILE and no -o");
		return HERALD_EXIT_USAGE;
	}
	/* The pipeline a batch would read standard input with. */
	herald_batch *batch = cli_batch(o, reg);
	herald_pipeline *pipe = batch ? herald_batch_pipeline(batch, NULL, diag)
	                              : NULL;
	if (!pipe) {
		herald_batch_free(batch);
		return batch ? HERALD_EXIT_USAGE : HERALD_EXIT_FAILURE;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	int status = HERALD_EXIT_OK;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		if (len && line[len - 1] == '\n')
			len--;
		if (one_record(pipe, line, len, lineno) != 0) {
			status = HERALD_EXIT_FAILURE;
			break;   /* standard output is gone: nothing more to do */
		}
	}
	free(line);
	herald_batch_free(batch);
	return status;
}

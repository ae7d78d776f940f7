/* lang.c - language packs (herald/lang.h): folders of topic files found on
 * a search path, loaded on first use and kept for the process's life.
 *
 * One mutex guards the cache's changes.  Loading is rare (a pack, a
 * topic, once); a pack or topic looked up before is found without the
 * lock: each is complete before it is put at the head of its list (a
 * release store, read with acquire loads), and lists only grow at the
 * head, so a reader sees a whole list of whole entries.  Workers look
 * packs up several times per document, and a lock there made them
 * queue on each other.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <herald/lang.h>
#include <herald/text.h>

#include "paths.h"

/* A pack file bigger than this is refused: packs are word lists. */
#define LANG_TOPIC_MAX (16u << 20)

typedef struct lang_section {
	const char *name;         /* in the topic's store */
	size_t name_len;
	const char **entries;     /* each in the topic's store */
	size_t count, cap;
} lang_section;

typedef struct lang_topic {
	char *name;
	char *text;               /* NULL: the pack has no such file */
	size_t len;
	/* The section names and entries, each ended by a NUL, one after
	 * the other: one block for a file's strings.  Each is at most its
	 * line and every line but the last ends in a '\n', so len + 1
	 * bytes hold them all, + 1 for the section "" of entries before
	 * any header. */
	char *store;
	size_t used;
	lang_section *sections;
	size_t nsections, sections_cap;
	struct lang_topic *next;
} lang_topic;

struct herald_lang {
	char tag[64];
	char *dir;                /* NULL for an empty generic pack */
	lang_topic *topics;
	struct herald_lang *next;
};

static pthread_mutex_t lang_lock = PTHREAD_MUTEX_INITIALIZER;
static herald_lang *packs;          /* every pack looked up, found or not */
static herald_lang generic_empty = { "und", NULL, NULL, NULL };
/* Every pack on the path is listed (herald_lang_available). */
static bool scanned;

/* --- the search path ------------------------------------------------------- */

/* The ':'-separated folders to search, in order (malloc'd). */
static char *search_path(void)
{
	const char *env = getenv("HERALD_LANG_PATH");
	const char *built = core_running_uninstalled() ? HERALD_SOURCE_DIR
	                    "/data/lang" : NULL;
	const char *parts[3] = { env, built, HERALD_LANG_DIR };
	return core_join_path(parts, 3);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The first folder <dir>/<tag> on the search path (malloc'd), or NULL. */
static char *find_pack_dir(const char *tag)
{
	char *path = search_path();
	if (!path)
		return NULL;
	char *found = NULL;
	for (char *save = NULL, *dir = strtok_r(path, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		size_t len = strlen(dir) + strlen(tag) + 2;
		char *candidate = malloc(len);
		if (!candidate)
			break;
		snprintf(candidate, len, "%s/%s", dir, tag);
		if (is_dir(candidate))
			found = candidate;
		else
			free(candidate);
	}
	free(path);
	return found;
}

/* --- parsing a topic ---------------------------------------------------- */

/* s[0..len) copied into the topic's store, NUL-terminated. */
static const char *store_copy(lang_topic *t, const char *s, size_t len)
{
	char *copy = t->store + t->used;
	memcpy(copy, s, len);
	copy[len] = '\0';
	t->used += len + 1;
	return copy;
}

static lang_section *section_named(lang_topic *t, const char *name,
                                   size_t len)
{
	for (size_t i = 0; i < t->nsections; i++)
		if (t->sections[i].name_len == len &&
		    memcmp(t->sections[i].name, name, len) == 0)
			return &t->sections[i];
	if (t->nsections == t->sections_cap) {
		size_t cap = t->sections_cap ? 2 * t->sections_cap : 16;
		lang_section *grown = realloc(t->sections, cap * sizeof(*grown));
		if (!grown)
			return NULL;
		t->sections = grown;
		t->sections_cap = cap;
	}
	lang_section *s = &t->sections[t->nsections++];
	memset(s, 0, sizeof(*s));
	s->name = store_copy(t, name, len);
	s->name_len = len;
	return s;
}

static int section_add(lang_topic *t, lang_section *s, const char *entry,
                       size_t len)
{
	if (s->count == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		const char **grown = realloc(s->entries, cap * sizeof(*grown));
		if (!grown)
			return -1;
		s->entries = grown;
		s->cap = cap;
	}
	s->entries[s->count++] = store_copy(t, entry, len);
	return 0;
}

/* Split the topic's text into sections of trimmed, comment-free lines.
 * Entries before any header belong to the section "" . */
static int parse_topic(lang_topic *t)
{
	lang_section *current = NULL;
	const char *p = t->text, *end = t->text + t->len;
	if (!(t->store = malloc(t->len + 2)))
		return -1;
	/* A byte order mark, as some editors write it: not part of the
	 * first line, which would otherwise stop being a header. */
	if (t->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		const char *hash = memchr(p, '#', (size_t)(line_end - p));
		const char *stop = hash ? hash : line_end;
		size_t skip = herald_text_skip_space(p, (size_t)(stop - p));
		const char *s = p + skip;
		size_t len = herald_text_trim_end(s, (size_t)(stop - s));
		if (len && s[len - 1] == '\r')
			len = herald_text_trim_end(s, len - 1);
		if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
			current = section_named(t, s + 1, len - 2);
			if (!current)
				return -1;
		} else if (len) {
			if (!current && !(current = section_named(t, "", 0)))
				return -1;
			if (section_add(t, current, s, len) != 0)
				return -1;
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/* The file's bytes, NUL-terminated, in a block of their size (its size
 * known beforehand for a regular file: every pack's files are read at
 * a first label lookup, and an 8 KiB buffer and a stdio one each would
 * spread a few KiB of words over as many fresh pages). */
static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	size_t size = 0, cap = 4096;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size < (off_t)LANG_TOPIC_MAX)
		cap = (size_t)st.st_size + 1;   /* + 1: room to see the end */
	char *buf = malloc(cap);
	int failed = !buf;
	while (!failed) {
		if (size + 1 == cap) {
			char *grown = 2 * cap <= LANG_TOPIC_MAX ? realloc(buf, 2 * cap)
			                                        : NULL;
			if (!grown) {
				failed = 1;
				break;
			}
			buf = grown;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + size, cap - size - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			failed = got < 0;
			break;
		}
		size += (size_t)got;
	}
	close(fd);
	if (failed || !herald_utf8_is_valid(buf, size)) {
		/* A pack that is not valid UTF-8 would poison every string
		 * built from it; it is treated as absent. */
		free(buf);
		return NULL;
	}
	buf[size] = '\0';
	*len = size;
	return buf;
}

/* The topic if it was loaded already (no lock needed: see the top). */
static lang_topic *topic_loaded(const herald_lang *lang, const char *name)
{
	for (lang_topic *t = __atomic_load_n(&lang->topics, __ATOMIC_ACQUIRE); t;
	     t = t->next)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* The topic, loaded on first use (lang_lock held). */
static lang_topic *topic_of(herald_lang *lang, const char *name)
{
	lang_topic *t = topic_loaded(lang, name);
	if (t)
		return t;
	t = calloc(1, sizeof(*t));
	if (!t || !(t->name = strdup(name))) {
		free(t);
		return NULL;
	}
	if (!strchr(name, '/')) {
		char *path = core_lang_file(lang, name);
		if (path)
			t->text = read_file(path, &t->len);
		free(path);
		if (t->text && parse_topic(t) != 0)
			t->nsections = 0;   /* out of memory: entries unusable */
	}
	t->next = lang->topics;
	__atomic_store_n(&lang->topics, t, __ATOMIC_RELEASE);
	return t;
}

/* --- lookup --------------------------------------------------------------- */

/* ASCII only: <ctype.h> follows the locale, and in a Turkish one 'i'
 * has another upper case ("hi-in" must still find hi-IN). */
static bool ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static char ascii_case(unsigned char c, bool upper)
{
	if (upper && c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 'A');
	if (!upper && c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return (char)c;
}

/* tag in the folder-name form: '_' as '-', language lower case, region
 * upper case, script title case ("zh_hans_cn" -> "zh-Hans-CN"). */
static bool canonical_tag(const char *tag, char *out, size_t size)
{
	size_t n = strlen(tag);
	if (n == 0 || n >= size)
		return false;
	size_t part = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = tag[i];
		if (c == '_')
			c = '-';
		if (c && c != '-' && !ascii_alnum((unsigned char)c))
			return false;
		if (c == '-' || c == '\0') {
			size_t plen = i - start;
			if (plen == 0)
				return false;
			for (size_t k = start; k < i; k++) {
				unsigned char ch = (unsigned char)tag[k];
				bool up = (part > 0 && plen == 2) ||
				          (part > 0 && plen == 4 && k == start);
				out[k] = ascii_case(ch, up);
			}
			out[i] = c;
			part++;
			start = i + 1;
		}
	}
	return true;
}

static char *scanned_dir(const char *tag);
static herald_lang *pack_seen(const char *tag);

/* The pack for exactly this canonical tag, found or a negative entry
 * (lang_lock held).  Once every pack on the path is listed, the list
 * says where a pack is (no stat() per pack: a first label lookup looks
 * up every one). */
static herald_lang *pack_exact(const char *tag)
{
	herald_lang *l = pack_seen(tag);
	if (l)
		return l;
	l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	/* A canonical tag is shorter than canon[64], the size of tag[]. */
	memcpy(l->tag, tag, strlen(tag) + 1);
	l->dir = scanned && strcmp(tag, "und") != 0 ? scanned_dir(tag)
	                                            : find_pack_dir(tag);
	l->next = packs;
	__atomic_store_n(&packs, l, __ATOMIC_RELEASE);
	return l;
}

/* The pack for this canonical tag if it was looked up before, found or
 * not (no lock needed: see the top). */
static herald_lang *pack_seen(const char *tag)
{
	for (herald_lang *l = __atomic_load_n(&packs, __ATOMIC_ACQUIRE); l; l = l->next)
		if (strcmp(l->tag, tag) == 0)
			return l;
	return NULL;
}

/* The pack for canon or the nearest tag it falls back to ("de-CH" to
 * "de"), canon cut as it goes; *complete 0 when a tag on the way was
 * never looked up (then the answer needs lang_lock and pack_exact).
 * look: pack_seen or pack_exact. */
static herald_lang *pack_fallback(char *canon, herald_lang *(*look)(const char *),
                                  int *complete)
{
	*complete = 1;
	for (;;) {
		herald_lang *l = look(canon);
		if (!l) {
			*complete = 0;
			return NULL;
		}
		if (l->dir)
			return l;
		char *dash = strrchr(canon, '-');
		if (!dash)
			return NULL;
		*dash = '\0';
	}
}

const herald_lang *herald_lang_find(const char *tag)
{
	char canon[64];
	if (!tag || !canonical_tag(tag, canon, sizeof(canon)))
		return NULL;
	/* "und" and "auto" are no language, with any subtags too: the
	 * fallback must not end at the generic pack ("und-Latn" -> "und"). */
	size_t primary = strcspn(canon, "-");
	if ((primary == 3 && strncmp(canon, "und", 3) == 0) ||
	    (primary == 4 && strncmp(canon, "auto", 4) == 0))
		return NULL;
	char again[64];
	memcpy(again, canon, sizeof(canon));
	int complete;
	herald_lang *found = pack_fallback(canon, pack_seen, &complete);
	if (complete)
		return found;
	pthread_mutex_lock(&lang_lock);
	found = pack_fallback(again, pack_exact, &complete);
	pthread_mutex_unlock(&lang_lock);
	return found;
}

const herald_lang *herald_lang_generic(void)
{
	herald_lang *l = pack_seen("und");
	if (l)
		return l;
	pthread_mutex_lock(&lang_lock);
	l = pack_exact("und");
	pthread_mutex_unlock(&lang_lock);
	return l ? l : &generic_empty;
}

/* "<dir>/<topic>.txt", malloc'd. */
static char *topic_file(const char *dir, const char *topic)
{
	size_t dl = strlen(dir), tl = strlen(topic);
	char *path = malloc(dl + tl + sizeof("/.txt"));
	if (path) {
		memcpy(path, dir, dl);
		path[dl] = '/';
		memcpy(path + dl + 1, topic, tl);
		memcpy(path + dl + 1 + tl, ".txt", sizeof(".txt"));
	}
	return path;
}

char *core_lang_file(const herald_lang *lang, const char *topic)
{
	return lang->dir ? topic_file(lang->dir, topic) : NULL;
}

const char *herald_lang_tag(const herald_lang *lang)
{
	return lang->tag;
}

const char *herald_lang_topic(const herald_lang *lang, const char *topic,
                              size_t *len)
{
	lang_topic *t = topic_loaded(lang, topic);
	if (!t) {
		pthread_mutex_lock(&lang_lock);
		t = topic_of((herald_lang *)lang, topic);
		pthread_mutex_unlock(&lang_lock);
	}
	if (len)
		*len = t && t->text ? t->len : 0;
	return t ? t->text : NULL;
}

const char *const *herald_lang_entries(const herald_lang *lang,
                                       const char *topic,
                                       const char *section, size_t *count)
{
	lang_topic *t = topic_loaded(lang, topic);
	if (!t) {
		pthread_mutex_lock(&lang_lock);
		t = topic_of((herald_lang *)lang, topic);
		pthread_mutex_unlock(&lang_lock);
	}
	if (t)
		for (size_t i = 0; i < t->nsections; i++)
			if (strcmp(t->sections[i].name, section) == 0) {
				*count = t->sections[i].count;
				return (const char *const *)t->sections[i].entries;
			}
	*count = 0;
	return NULL;
}

/* --- every pack on the path ---------------------------------------------- */

static char **available;   /* each "tag", NUL, "folder" (tag_and_dir) */
static size_t navailable;
static pthread_once_t available_once = PTHREAD_ONCE_INIT;

static int compare_tags(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether an earlier folder of the path had tag (before is where this
 * folder's entries start: names within one folder are unique, so the
 * first folder, the usual case, compares none). */
static bool listed(const char *tag, size_t before)
{
	for (size_t i = 0; i < before; i++)
		if (strcmp(available[i], tag) == 0)
			return true;
	return false;
}

/* Whether the folder entry e of dir is a folder: as readdir() says,
 * without a stat() unless it cannot tell or e is a symbolic link. */
static bool entry_is_dir(const char *dir, const struct dirent *e)
{
	if (e->d_type == DT_DIR)
		return true;
	if (e->d_type != DT_UNKNOWN && e->d_type != DT_LNK)
		return false;
	size_t len = strlen(dir) + strlen(e->d_name) + 2;
	char *sub = malloc(len);
	if (!sub)
		return false;
	snprintf(sub, len, "%s/%s", dir, e->d_name);
	bool ok = is_dir(sub);
	free(sub);
	return ok;
}

/* "tag", NUL, then "parent/tag", the pack's folder, in one block: the
 * tag is what herald_lang_available() lists, the folder what a lookup
 * of the tag then needs without a stat() (scanned_dir). */
static char *tag_and_dir(const char *tag, const char *parent)
{
	size_t tl = strlen(tag), pl = strlen(parent);
	char *s = malloc(tl + 1 + pl + 1 + tl + 1);
	if (s) {
		memcpy(s, tag, tl + 1);
		memcpy(s + tl + 1, parent, pl);
		s[tl + 1 + pl] = '/';
		memcpy(s + tl + 1 + pl + 1, tag, tl + 1);
	}
	return s;
}

/* The folders a scan read, by device and inode. */
typedef struct scanned_folders {
	struct { dev_t dev; ino_t ino; } v[8];
	size_t n;
} scanned_folders;

/* Whether d is a folder scanned before (else it is noted): the same
 * folder twice on the path (HERALD_LANG_PATH naming the build tree's
 * own, as the tests and benchmarks do) is read once, since all its
 * packs were found the first time. */
static bool scanned_before(DIR *d, scanned_folders *seen)
{
	struct stat st;
	if (fstat(dirfd(d), &st) != 0)
		return false;
	for (size_t i = 0; i < seen->n; i++)
		if (seen->v[i].dev == st.st_dev && seen->v[i].ino == st.st_ino)
			return true;
	if (seen->n < sizeof(seen->v) / sizeof(seen->v[0])) {
		seen->v[seen->n].dev = st.st_dev;
		seen->v[seen->n++].ino = st.st_ino;
	}
	return false;
}

static void scan_dir(const char *dir, size_t *cap, scanned_folders *seen)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	if (scanned_before(d, seen)) {
		closedir(d);
		return;
	}
	struct dirent *e;
	size_t before = navailable;
	while ((e = readdir(d))) {
		char canon[64];
		if (e->d_name[0] == '.' || strcmp(e->d_name, "und") == 0 ||
		    !canonical_tag(e->d_name, canon, sizeof(canon)) ||
		    strcmp(canon, e->d_name) != 0 || listed(e->d_name, before))
			continue;
		if (!entry_is_dir(dir, e))
			continue;
		if (navailable == *cap) {
			size_t grown_cap = *cap ? 2 * *cap : 32;
			char **grown = realloc(available,
			                       grown_cap * sizeof(*grown));
			if (!grown)
				break;
			available = grown;
			*cap = grown_cap;
		}
		if ((available[navailable] = tag_and_dir(e->d_name, dir)))
			navailable++;
	}
	closedir(d);
}

static void scan_available(void)
{
	char *path = search_path();
	if (!path)
		return;
	size_t cap = 0;
	scanned_folders seen = { .n = 0 };
	for (char *save = NULL, *dir = strtok_r(path, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save))
		scan_dir(dir, &cap, &seen);
	free(path);
	if (navailable)
		qsort(available, navailable, sizeof(*available), compare_tags);
	pthread_mutex_lock(&lang_lock);
	scanned = true;
	pthread_mutex_unlock(&lang_lock);
}

/* The folder of the pack tag as the scan found it (malloc'd), or NULL
 * when it found none (lang_lock held, scanned true).  Tags are unique
 * and sorted: a binary search. */
static char *scanned_dir(const char *tag)
{
	size_t lo = 0, hi = navailable;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(available[mid], tag);
		if (c == 0)
			return strdup(available[mid] + strlen(tag) + 1);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *const *herald_lang_available(size_t *count)
{
	pthread_once(&available_once, scan_available);
	*count = navailable;
	return (const char *const *)available;
}

char *core_lang_available_file(size_t i, const char *topic)
{
	pthread_once(&available_once, scan_available);
	if (i >= navailable)
		return NULL;
	return topic_file(available[i] + strlen(available[i]) + 1, topic);
}

/* persons.c - who speaks in a bulletin: named people once, unnamed
 * interviewers and interviewees once per item. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "persons.h"

/* Unnamed people are keyed by their id, named ones by their name; the
 * prefix keeps the two kinds of key apart in one table. */
static xmlChar *person_key(const char *name, const char *id)
{
	size_t len = strlen(name ? name : id) + 2;
	xmlChar *key = malloc(len);

	if (key != NULL)
		snprintf((char *)key, len, "%c%s", name ? 'n' : 'u',
		         name ? name : id);
	return key;
}

static const tei_person *lookup(const tei_persons *persons, const char *name,
                                const char *id)
{
	xmlChar *key = person_key(name, id);
	void *found;

	if (key == NULL || persons->index == NULL) {
		free(key);
		return NULL;
	}
	found = xmlHashLookup(persons->index, key);
	free(key);
	/* the table holds 1-based positions: the list may move as it grows */
	return found ? &persons->list[(size_t)(ptrdiff_t)found - 1] : NULL;
}

static int add(tei_persons *persons, const char *name, const char *id,
               const char *role)
{
	tei_person *p;
	xmlChar *key;
	char numbered[32];

	if (lookup(persons, name, id) != NULL)
		return 0;
	if (persons->count == persons->cap) {
		size_t cap = persons->cap ? 2 * persons->cap : 8;
		tei_person *list = realloc(persons->list, cap * sizeof *list);
		if (list == NULL)
			return -1;
		persons->list = list;
		persons->cap = cap;
	}
	if (name != NULL) {
		snprintf(numbered, sizeof numbered, "pers%zu",
		         persons->named + 1);
		id = numbered;
	}
	p = &persons->list[persons->count];
	p->id = strdup(id);
	p->name = name;
	p->role = role;
	key = person_key(name, id);
	if (p->id == NULL || key == NULL ||
	    xmlHashAddEntry(persons->index, key,
	                    (void *)(ptrdiff_t)(persons->count + 1)) != 0) {
		free(p->id);
		free(key);
		return -1;
	}
	free(key);
	persons->count++;
	persons->named += name != NULL;
	return 0;
}

static void unnamed_id(const herald_node *turn, char *buf, size_t size)
{
	const herald_node *item = herald_markup_item_of(turn);

	snprintf(buf, size, "%s.%s", item ? herald_node_id(item) : "x",
	         herald_markup_role_label(herald_node_role(turn)));
}

static int add_turn(tei_persons *persons, const herald_node *turn)
{
	const char *name = herald_markup_turn_name(turn);
	const char *role = herald_markup_role_label(herald_node_role(turn));
	char id[64];

	if (name != NULL)
		return add(persons, name, NULL, role);
	if (role == NULL)
		return 0;                 /* nobody to point at */
	unnamed_id(turn, id, sizeof id);
	return add(persons, NULL, id, role);
}

static const char *item_role(const herald_node *item)
{
	return herald_node_item_kind(item) == HERALD_ITEM_INTERVIEW ?
	       "interviewee" : "speaker";
}

int herald_tei_persons_collect(tei_persons *persons, const herald_node *root)
{
	herald_walker walker;
	herald_walk_event ev;
	const herald_node *node;
	int rc = 0;

	memset(persons, 0, sizeof *persons);
	persons->index = xmlHashCreate(0);
	if (persons->index == NULL)
		return -1;
	herald_walker_init(&walker, (herald_node *)root);
	while (rc == 0 &&
	       (ev = herald_walker_next(&walker)) != HERALD_WALK_DONE) {
		node = walker.node;
		if (ev != HERALD_WALK_ENTER)
			continue;
		if (herald_node_type_of(node) == HERALD_NODE_ITEM &&
		    herald_node_speaker(node) != NULL)
			rc = add(persons, herald_node_speaker(node), NULL,
			         item_role(node));
		else if (herald_node_type_of(node) == HERALD_NODE_TURN)
			rc = add_turn(persons, node);
	}
	return rc;
}

const tei_person *herald_tei_persons_of_turn(const tei_persons *persons,
                                      const herald_node *turn)
{
	const char *name = herald_markup_turn_name(turn);
	char id[64];

	if (name != NULL)
		return lookup(persons, name, NULL);
	if (herald_markup_role_label(herald_node_role(turn)) == NULL)
		return NULL;
	unnamed_id(turn, id, sizeof id);
	return lookup(persons, NULL, id);
}

const tei_person *herald_tei_persons_of_item(const tei_persons *persons,
                                      const herald_node *item)
{
	const char *name = herald_node_speaker(item);

	return name ? lookup(persons, name, NULL) : NULL;
}

void herald_tei_persons_free(tei_persons *persons)
{
	for (size_t i = 0; i < persons->count; i++)
		free(persons->list[i].id);
	free(persons->list);
	if (persons->index != NULL)
		xmlHashFree(persons->index, NULL);
	memset(persons, 0, sizeof *persons);
}

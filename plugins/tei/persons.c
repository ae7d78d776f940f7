/* persons.c - who speaks in a bulletin: named people once, unnamed
 * interviewers and interviewees once per item. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "persons.h"


/* Unnamed people are keyed by their id, named ones by their name; the
 * kind byte ('n' or 'u') keeps the two kinds of key apart in one table.
 *
 * The index is herald's own open-addressing table, not libxml2's
 * xmlHash: that one stops growing its buckets, so with one unnamed
 * interviewer per item every insert walked a longer chain (n items cost
 * n^2).  This one doubles at half full, so lookups stay O(1). */
static uint64_t person_hash(char kind, const char *key)
{
	uint64_t h = 14695981039346656037u;   /* FNV-1a */

	h = (h ^ (unsigned char)kind) * 1099511628211u;
	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211u;
	return h;
}

static const char *person_key(const tei_person *p)
{
	return p->name ? p->name : p->id;
}

/* The slot of the key, or of the empty slot where it would go. */
static size_t slot_of(const tei_persons *persons, char kind, const char *key)
{
	size_t mask = persons->slots - 1;
	size_t i = (size_t)person_hash(kind, key) & mask;

	for (;; i = (i + 1) & mask) {
		size_t at = persons->index[i];
		const tei_person *p;
		if (at == 0)
			return i;
		p = &persons->list[at - 1];
		if ((p->name ? 'n' : 'u') == kind &&
		    strcmp(person_key(p), key) == 0)
			return i;
	}
}

static const tei_person *lookup(const tei_persons *persons, const char *name,
                                const char *id)
{
	size_t at;

	if (persons->slots == 0)
		return NULL;
	at = persons->index[slot_of(persons, name ? 'n' : 'u',
	                            name ? name : id)];
	/* the table holds 1-based positions: the list may move as it grows */
	return at ? &persons->list[at - 1] : NULL;
}

/* Double the index (from 16 slots) and put everybody back. */
static int grow_index(tei_persons *persons)
{
	size_t slots = persons->slots ? 2 * persons->slots : 16;
	size_t *old = persons->index;

	persons->index = calloc(slots, sizeof *persons->index);
	if (persons->index == NULL) {
		persons->index = old;
		return -1;
	}
	free(old);
	persons->slots = slots;
	for (size_t i = 0; i < persons->count; i++) {
		const tei_person *p = &persons->list[i];
		persons->index[slot_of(persons, p->name ? 'n' : 'u',
		                       person_key(p))] = i + 1;
	}
	return 0;
}

static int add(tei_persons *persons, const char *name, const char *id,
               const char *role)
{
	tei_person *p;
	char numbered[32];

	if (lookup(persons, name, id) != NULL)
		return 0;
	if (2 * (persons->count + 1) > persons->slots &&
	    grow_index(persons) != 0)
		return -1;
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
	if (p->id == NULL)
		return -1;
	persons->index[slot_of(persons, name ? 'n' : 'u', person_key(p))] =
		persons->count + 1;
	persons->count++;
	persons->named += name != NULL;
	return 0;
}

/* ITEM-ID.ROLE, as snprintf would cut it to size; joined by hand, since
 * every turn asks (snprintf was most of collecting and finding them). */
static void unnamed_id(const herald_node *turn, char *buf, size_t size)
{
	const herald_node *item = herald_markup_item_of(turn);
	const char *id = item ? herald_node_id(item) : "x";
	const char *role = herald_markup_role_label(herald_node_role(turn));
	size_t ni = strlen(id), nr = strlen(role);

	if (ni + nr + 2 > size) {
		snprintf(buf, size, "%s.%s", id, role);
		return;
	}
	memcpy(buf, id, ni);
	buf[ni] = '.';
	memcpy(buf + ni + 1, role, nr + 1);
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

/* Whether node may hold blocks (THE TREE in herald/doc.h): ITEMs and
 * TURNs are found there, never among the children of a text block. */
static int holds_blocks(herald_node_type t)
{
	return t == HERALD_NODE_DOCUMENT || t == HERALD_NODE_ITEM ||
	       t == HERALD_NODE_QUOTE || t == HERALD_NODE_LIST ||
	       t == HERALD_NODE_LIST_ITEM;
}

/* The node after node below root in document order, skipping what is
 * below node unless descend. */
static const herald_node *after(const herald_node *node,
                                const herald_node *root, int descend)
{
	const herald_node *c = descend ? herald_node_first_child(node) : NULL;

	for (; c == NULL && node != root; node = herald_node_parent(node))
		c = herald_node_next(node);
	return c;
}

static int has_sentence_child(const herald_node *block)
{
	for (const herald_node *c = herald_node_first_child(block); c != NULL;
	     c = herald_node_next(c))
		if (herald_node_type_of(c) == HERALD_NODE_SENTENCE)
			return 1;
	return 0;
}

/* One walk over the blocks, not what text blocks hold (a sentence is a
 * text block's child: its children are read until one is found), since
 * most of a segmented document's nodes are there. */
int herald_tei_persons_collect(tei_persons *persons, const herald_node *root,
                               int *sentences)
{
	int rc = 0, found = 0;

	memset(persons, 0, sizeof *persons);
	for (const herald_node *node = root; rc == 0 && node != NULL;) {
		herald_node_type t = herald_node_type_of(node);

		if (t == HERALD_NODE_SENTENCE ||
		    (!found && (t == HERALD_NODE_PARAGRAPH ||
		                t == HERALD_NODE_TURN) &&
		     has_sentence_child(node)))
			found = 1;
		if (t == HERALD_NODE_ITEM && herald_node_speaker(node) != NULL)
			rc = add(persons, herald_node_speaker(node), NULL,
			         item_role(node));
		else if (t == HERALD_NODE_TURN)
			rc = add_turn(persons, node);
		node = after(node, root, holds_blocks(t));
	}
	if (sentences)
		*sentences = found;
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
	free(persons->index);
	memset(persons, 0, sizeof *persons);
}

/* persons.h - the people who speak in a bulletin, for the TEI header's
 * listPerson and the @who of each speech turn.
 *
 * A named person is listed once however often they speak ("pers1",
 * "pers2", ... in order of first appearance).  An unnamed interviewer or
 * interviewee is a different person in each item ("i5.interviewer").
 */
#ifndef HERALD_TEI_PERSONS_H
#define HERALD_TEI_PERSONS_H

#include <stddef.h>
#include <herald/doc.h>

typedef struct tei_person {
	char *id;
	const char *name;       /* owned by the document; NULL when unnamed */
	const char *role;       /* the role they first appear in, or NULL */
} tei_person;

typedef struct tei_persons {
	tei_person *list;
	size_t count, cap;
	size_t named;           /* how many have a name */
	/* name, or id of an unnamed one -> 1 + position in list; 0: empty.
	 * Open addressing, slots a power of two, at most half full. */
	size_t *index;
	size_t slots;
} tei_persons;

/* Find everybody below root, and (sentences not NULL) whether a
 * SENTENCE is there too: the writer needs both before the text, and
 * one walk over the nodes costs half what two do.  Returns 0, or -1 when
 * out of memory (the list may then be partial; free it all the same). */
int herald_tei_persons_collect(tei_persons *persons, const herald_node *root,
                               int *sentences);
void herald_tei_persons_free(tei_persons *persons);

/* The person who speaks turn, or who is an item's speaker; NULL when the
 * model does not say. */
const tei_person *herald_tei_persons_of_turn(const tei_persons *persons,
                                      const herald_node *turn);
const tei_person *herald_tei_persons_of_item(const tei_persons *persons,
                                      const herald_node *item);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Object index counters; see md-object-ids.h. The daemon is single-threaded
 * (one main loop), so plain counters suffice. */
#include "md-object-ids.h"

static guint next_ids[MD_OBJECT_KIND_COUNT];

guint
md_object_id_next (MdObjectKind kind)
{
  return next_ids[kind]++;
}

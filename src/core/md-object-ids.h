/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The N of /org/freedesktop/ModemManager1/<Kind>/N: counts up per kind and
 * is never reused while the daemon runs. */
#pragma once

#include <glib.h>

typedef enum {
  MD_OBJECT_MODEM,
  MD_OBJECT_SIM,
  MD_OBJECT_BEARER,
  MD_OBJECT_SMS,
  MD_OBJECT_CALL,
  MD_OBJECT_KIND_COUNT,
} MdObjectKind;

guint md_object_id_next (MdObjectKind kind);

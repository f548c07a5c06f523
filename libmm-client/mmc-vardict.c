/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Reading one key of an a{sv} dictionary into the field a value type names
 * for it: the one place where the value types check a dictionary's types. */
#include "mmc-private.h"

static const char *const slot_type_strings[] = {
  [MMC_SLOT_STRING] = "s",  [MMC_SLOT_UINT32] = "u", [MMC_SLOT_INT32] = "i",
  [MMC_SLOT_BOOLEAN] = "b", [MMC_SLOT_BYTES] = "ay",
};

static void
slot_store (const MmcVardictSlot *slot, GVariant *value)
{
  switch (slot->kind) {
  case MMC_SLOT_STRING:
    g_free (*(char **)slot->field);
    *(char **)slot->field = g_variant_dup_string (value, NULL);
    break;
  case MMC_SLOT_UINT32: *(guint32 *)slot->field = g_variant_get_uint32 (value); break;
  case MMC_SLOT_INT32: *(gint32 *)slot->field = g_variant_get_int32 (value); break;
  case MMC_SLOT_BOOLEAN: *(gboolean *)slot->field = g_variant_get_boolean (value); break;
  case MMC_SLOT_BYTES:
    g_clear_pointer ((GBytes **)slot->field, g_bytes_unref);
    *(GBytes **)slot->field = g_variant_get_data_as_bytes (value);
    break;
  }
  if (slot->is_set)
    *slot->is_set = TRUE;
}

gboolean
mmc_vardict_take (const MmcVardictSlot *slots, gsize n_slots, const char *what, const char *key,
                  GVariant *value, GError **error)
{
  for (gsize i = 0; i < n_slots; i++) {
    const char *type = slot_type_strings[slots[i].kind];

    if (strcmp (slots[i].key, key) != 0)
      continue;
    if (!g_variant_is_of_type (value, G_VARIANT_TYPE (type))) {
      g_set_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS,
                   "Invalid %s: '%s' must be of type %s, not %s", what, key, type,
                   g_variant_get_type_string (value));
      return FALSE;
    }
    slot_store (&slots[i], value);
    return TRUE;
  }
  g_set_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS, "Invalid %s: unknown key '%s'", what, key);
  return FALSE;
}

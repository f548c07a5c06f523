/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Modem.DeviceIdentifier: a SHA-1 over the device's vendor and product ids
 * and its identity strings, byte for byte as ModemManager 1.20.4 hashes
 * them. Pure: no I/O, no modem object. */
#include "md-device-identifier.h"

#include <string.h>

/* The strings in hashing order; ATI1 only when it differs from ATI. */
static GString *
concatenate (const MdDeviceIdentity *identity)
{
  const char *const tail[]
    = { identity->equipment_identifier, identity->revision, identity->model, identity->manufacturer };
  GString *text = g_string_new (NULL);

  if (identity->ati)
    g_string_append (text, identity->ati);
  if (identity->ati1 && !(identity->ati && strcmp (identity->ati, identity->ati1) == 0))
    g_string_append (text, identity->ati1);
  for (guint i = 0; i < G_N_ELEMENTS (tail); i++) {
    if (tail[i])
      g_string_append (text, tail[i]);
  }
  return text;
}

/* Spaces, tabs, line ends and every byte outside ASCII are left out. */
static gboolean
hashed_byte (guchar byte)
{
  return byte < 0x80 && !strchr (" \t\n\v\f\r", byte);
}

static void
hash_id (GChecksum *sum, guint32 id)
{
  char hex[9];

  if (!id)
    return;
  g_snprintf (hex, sizeof hex, "%08x", id);
  g_checksum_update (sum, (const guchar *)hex, 8);
}

char *
md_device_identifier_compute (const MdDeviceIdentity *identity)
{
  g_autoptr (GString) text = concatenate (identity);
  g_autoptr (GChecksum) sum = NULL;

  /* Emptiness is judged before blanks are dropped: an identity of blanks
   * still gets an identifier. */
  if (text->len == 0)
    return NULL;
  sum = g_checksum_new (G_CHECKSUM_SHA1);
  hash_id (sum, identity->vendor_id);
  hash_id (sum, identity->product_id);
  for (gsize i = 0; i < text->len; i++) {
    guchar byte = (guchar)text->str[i];

    if (hashed_byte (byte))
      g_checksum_update (sum, &byte, 1);
  }
  return g_strdup (g_checksum_get_string (sum));
}

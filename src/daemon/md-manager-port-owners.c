/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Port ownership, the Manager's one rule for Test.SetProfile and discovery:
 * a port (its device path as opened, or a net interface's name) serves one
 * modem (uid) at a time (manager-private.h). */
#include "manager-private.h"

#include "md-errors.h"
#include "md-modem-export.h"

static char *
port_owner_name (MdManager *self, const char *uid)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->modems);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    MdModem *modem = md_modem_export_get_modem (value);

    if (g_strcmp0 (md_modem_get_uid (modem), uid) == 0)
      return g_strdup_printf ("modem %u", md_modem_get_id (modem));
  }
  return g_strdup_printf ("the modem being created for '%s'", uid);
}

gboolean
md_manager_claim_ports (MdManager *self, const char *uid, const char *const *devices, GError **error)
{
  for (guint i = 0; devices[i]; i++) {
    const char *owner = g_hash_table_lookup (self->port_owners, devices[i]);

    if (owner && !g_str_equal (owner, uid)) {
      g_autofree char *name = port_owner_name (self, owner);

      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS, "Port '%s' is already used by %s", devices[i],
                   name);
      return FALSE;
    }
  }
  for (guint i = 0; devices[i]; i++)
    g_hash_table_insert (self->port_owners, g_strdup (devices[i]), g_strdup (uid));
  return TRUE;
}

void
md_manager_release_port (MdManager *self, const char *uid, const char *device)
{
  if (g_strcmp0 (g_hash_table_lookup (self->port_owners, device), uid) == 0)
    g_hash_table_remove (self->port_owners, device);
}

static gboolean
owned_by (gpointer key, gpointer value, gpointer uid)
{
  return g_str_equal (value, uid);
}

void
md_manager_release_ports (MdManager *self, const char *uid)
{
  g_hash_table_foreach_remove (self->port_owners, owned_by, (gpointer)uid);
}

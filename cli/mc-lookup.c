/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Finding the object a command names: modems from the daemon's object
 * manager, SIMs, bearers and SMS through the modem that lists them. Errors
 * say what mmcli says, so scripts see the same failures. */
#include "mc-lookup.h"

#include <stdlib.h>
#include <string.h>

GList *
mc_modem_objects (McContext *ctx)
{
  GList *objects = g_dbus_object_manager_get_objects (ctx->manager);
  GList *modems = NULL;

  for (GList *l = objects; l; l = l->next) {
    g_autoptr (MdDbusModem) modem = md_dbus_object_get_modem (MD_DBUS_OBJECT (l->data));

    if (modem)
      modems = g_list_prepend (modems, g_object_ref (l->data));
  }
  g_list_free_full (objects, g_object_unref);
  /* The object manager's own order, not sorted: mmcli lists modems (and
   * picks "any") in that order, and scripts see the same. */
  return g_list_reverse (modems);
}

static gboolean
all_digits (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static gboolean
is_any (const char *spec)
{
  return g_ascii_strncasecmp (spec, "any", strlen (spec)) == 0;
}

char *
mc_object_path (const char *spec, const char *kind, const char *prefix, GError **error)
{
  if (!spec || !spec[0]) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no %s was specified", kind);
    return NULL;
  }
  /* Only a well-formed object path goes on: the bus would refuse the rest,
   * and GVariant refuses it with a critical before that. */
  if (g_str_has_prefix (spec, prefix) && g_variant_is_object_path (spec))
    return g_strdup (spec);
  if (all_digits (spec))
    return g_strdup_printf ("%s/%s", prefix, spec);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid %s string specified: '%s'", kind,
               spec);
  return NULL;
}

MdDbusObject *
mc_lookup_modem (McContext *ctx, const char *spec, GError **error)
{
  g_autofree char *path = NULL;
  gboolean any = FALSE;
  MdDbusObject *found = NULL;
  GList *modems;

  if (!spec || !spec[0]) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no modem was specified");
    return NULL;
  }
  if (g_str_has_prefix (spec, MC_MODEM_PREFIX))
    path = g_strdup (spec); /* compared only, never sent */
  else if (all_digits (spec))
    path = g_strdup_printf (MC_MODEM_PREFIX "/%s", spec);
  else
    any = is_any (spec);

  modems = mc_modem_objects (ctx);
  for (GList *l = modems; l && !found; l = l->next) {
    MdDbusObject *object = l->data;
    g_autoptr (MdDbusModem) modem = md_dbus_object_get_modem (object);

    if (any || (path && g_strcmp0 (path, g_dbus_object_get_object_path (G_DBUS_OBJECT (object))) == 0)
        || (!path && g_strcmp0 (spec, md_dbus_modem_get_device (modem)) == 0))
      found = g_object_ref (object);
  }
  g_list_free_full (modems, g_object_unref);
  if (!found)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "couldn't find modem");
  return found;
}

static gpointer
new_proxy (McContext *ctx, GType type, const char *iface, const char *path, GError **error)
{
  return g_initable_new (type, NULL, error, "g-flags", G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, "g-name",
                         MC_BUS_NAME, "g-connection", ctx->connection, "g-object-path", path,
                         "g-interface-name", iface, NULL);
}

MdDbusSim *
mc_lookup_sim (McContext *ctx, const char *spec, GError **error)
{
  g_autofree char *path = NULL;
  gboolean any = FALSE, found = FALSE;
  GList *modems;

  if (!spec || !spec[0]) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no SIM was specified");
    return NULL;
  }
  if (g_str_has_prefix (spec, MC_SIM_PREFIX))
    path = g_strdup (spec);
  else if (all_digits (spec))
    path = g_strdup_printf (MC_SIM_PREFIX "/%s", spec);
  else if (is_any (spec))
    any = TRUE;
  else {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid SIM string specified: '%s'", spec);
    return NULL;
  }

  modems = mc_modem_objects (ctx);
  if (!modems) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "couldn't find SIM at '%s': 'no modems found'",
                 spec);
    return NULL;
  }
  for (GList *l = modems; l && !found; l = l->next) {
    g_autoptr (MdDbusModem) modem = md_dbus_object_get_modem (l->data);
    const char *sim = md_dbus_modem_get_sim (modem);
    const char *const *slots = md_dbus_modem_get_sim_slots (modem);

    if (any && sim && g_strcmp0 (sim, "/") != 0) {
      path = g_strdup (sim);
      found = TRUE;
    } else if (!any) {
      found = g_strcmp0 (sim, path) == 0 || (slots && g_strv_contains (slots, path));
    }
  }
  g_list_free_full (modems, g_object_unref);
  if (!found) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "couldn't find SIM");
    return NULL;
  }
  return new_proxy (ctx, MD_DBUS_TYPE_SIM_PROXY, MC_BUS_NAME ".Sim", path, error);
}

MdDbusBearer *
mc_lookup_bearer (McContext *ctx, const char *spec, GError **error)
{
  g_autofree char *path = mc_object_path (spec, "bearer", MC_BEARER_PREFIX, error);
  gboolean held = FALSE;
  GList *modems;

  if (!path)
    return NULL;
  modems = mc_modem_objects (ctx);
  if (!modems) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "couldn't find bearer at '%s': 'no modems found'",
                 path);
    return NULL;
  }
  for (GList *l = modems; l && !held; l = l->next) {
    g_autoptr (MdDbusModem) modem = md_dbus_object_get_modem (l->data);
    g_autoptr (MdDbusModemModem3gpp) gpp = md_dbus_object_get_modem_modem3gpp (l->data);
    const char *const *bearers = md_dbus_modem_get_bearers (modem);

    held = (bearers && g_strv_contains (bearers, path))
           || (gpp && g_strcmp0 (md_dbus_modem_modem3gpp_get_initial_eps_bearer (gpp), path) == 0);
  }
  g_list_free_full (modems, g_object_unref);
  if (!held) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "couldn't find bearer at '%s': 'not found in any modem'", path);
    return NULL;
  }
  return new_proxy (ctx, MD_DBUS_TYPE_BEARER_PROXY, MC_BUS_NAME ".Bearer", path, error);
}

MdDbusSms *
mc_lookup_sms (McContext *ctx, const char *spec, MdDbusObject **owner, GError **error)
{
  g_autofree char *path = mc_object_path (spec, "SMS", MC_SMS_PREFIX, error);
  MdDbusObject *found = NULL;
  GList *modems;

  if (!path)
    return NULL;
  modems = mc_modem_objects (ctx);
  if (!modems) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "couldn't find SMS at '%s': 'no modems found'",
                 path);
    return NULL;
  }
  for (GList *l = modems; l && !found; l = l->next) {
    g_autoptr (MdDbusModemMessaging) messaging = md_dbus_object_get_modem_messaging (l->data);
    const char *const *messages = messaging ? md_dbus_modem_messaging_get_messages (messaging) : NULL;

    if (messages && g_strv_contains (messages, path))
      found = g_object_ref (l->data);
  }
  g_list_free_full (modems, g_object_unref);
  if (!found) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "couldn't find SMS at '%s': 'not found in any modem'", path);
    return NULL;
  }
  if (owner)
    *owner = found;
  else
    g_object_unref (found);
  return new_proxy (ctx, MD_DBUS_TYPE_SMS_PROXY, MC_BUS_NAME ".Sms", path, error);
}

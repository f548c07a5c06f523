/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Messaging on a modem with SMS ops:
 * one Sms object per message of the modem's list, Messages, storages, the
 * Added/Deleted signals, and List, Create and Delete. */
#include "md-modem-export-private.h"
#include "md-skeleton-set.h"

#include "md-dbus-gate.h"
#include "md-errors.h"
#include "md-modem-sms.h"
#include "md-pending-call.h"
#include "md-request-sms.h"

static GVariant *
storages_variant (guint32 storages)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("au"));
  for (guint s = MD_SMS_STORAGE_SM; s <= MD_SMS_STORAGE_TA; s++) {
    if (storages & (1u << s))
      g_variant_builder_add (&builder, "u", (guint32)s);
  }
  return g_variant_builder_end (&builder);
}

/* Paths in the list's order (oldest first), as ModemManager lists them. */
static GPtrArray *
message_paths (MdModemExport *self)
{
  GPtrArray *all = md_sms_list_get_all (md_modem_get_sms_list (self->modem));
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++) {
    MdSmsExport *export = g_hash_table_lookup (self->sms_exports, g_ptr_array_index (all, i));

    if (export)
      g_ptr_array_add (paths, (gpointer)md_sms_export_get_path (export));
  }
  g_ptr_array_add (paths, NULL);
  return paths;
}

void
md_messaging_export_sync (MdModemExport *self)
{
  g_autoptr (GPtrArray) paths = NULL;

  if (!self->messaging_iface)
    return;
  paths = message_paths (self);
  MD_SKELETON_SET_STRV (md_dbus_modem_messaging, messages, self->messaging_iface,
                        (const char *const *)paths->pdata);
  MD_SKELETON_SET_VARIANT (md_dbus_modem_messaging, supported_storages, self->messaging_iface,
                           storages_variant (md_modem_get_sms_storages (self->modem)));
  MD_SKELETON_SET (md_dbus_modem_messaging, default_storage, self->messaging_iface,
                   md_modem_get_sms_default_storage (self->modem));
}

static gboolean
sync_now (gpointer user_data)
{
  MdModemExport *self = user_data;

  self->messages_sync_id = 0;
  md_messaging_export_sync (self);
  return G_SOURCE_REMOVE;
}

/* Messages lists every path, so setting it on each of a thousand messages
 * listed at enable would cost the square of their number; one update per
 * main loop iteration takes them all. The skeleton sends PropertiesChanged
 * from an idle anyway. */
static void
schedule_sync (MdModemExport *self)
{
  if (!self->messages_sync_id)
    self->messages_sync_id = g_idle_add_full (G_PRIORITY_DEFAULT, sync_now, self, NULL);
}

static void
sms_added (MdSmsList *list, MdSms *sms, gboolean received, gpointer user_data)
{
  MdModemExport *self = user_data;
  MdSmsExport *export = md_sms_export_new (self->modem, sms, self->object_manager, self->authorizer);

  g_hash_table_insert (self->sms_exports, sms, export);
  schedule_sync (self);
  md_dbus_modem_messaging_emit_added (self->messaging_iface, md_sms_export_get_path (export), received);
}

static void
sms_removed (MdSmsList *list, MdSms *sms, gpointer user_data)
{
  MdModemExport *self = user_data;
  MdSmsExport *export = g_hash_table_lookup (self->sms_exports, sms);
  g_autofree char *path = export ? g_strdup (md_sms_export_get_path (export)) : NULL;

  if (!export)
    return;
  g_hash_table_remove (self->sms_exports, sms);
  schedule_sync (self);
  md_dbus_modem_messaging_emit_deleted (self->messaging_iface, path);
}

static gboolean
check_enabled (MdModemExport *self, GDBusMethodInvocation *invocation)
{
  if (md_modem_get_state (self->modem) >= MD_MODEM_STATE_ENABLED)
    return TRUE;
  g_dbus_method_invocation_return_error_literal (invocation, MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE,
                                                 "The modem is not enabled");
  return FALSE;
}

static gboolean
handle_list (MdDbusModemMessaging *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdModemExport *self = user_data;
  g_autoptr (GPtrArray) paths = NULL;

  if (!check_enabled (self, invocation))
    return TRUE;
  paths = message_paths (self);
  md_dbus_modem_messaging_complete_list (iface, invocation, (const char *const *)paths->pdata);
  return TRUE;
}

static gboolean
handle_create (MdDbusModemMessaging *iface, GDBusMethodInvocation *invocation, GVariant *properties,
               gpointer user_data)
{
  MdModemExport *self = user_data;
  GError *error = NULL;
  g_autoptr (MdSmsRequest) submit = NULL;
  MdSms *sms;
  MdSmsExport *export;

  if (!check_enabled (self, invocation))
    return TRUE;
  submit = md_request_sms_create (properties, &error);
  sms = submit ? md_modem_sms_create (self->modem, submit, &error) : NULL;
  if (!sms) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  export = g_hash_table_lookup (self->sms_exports, sms);
  md_dbus_modem_messaging_complete_create (iface, invocation, md_sms_export_get_path (export));
  return TRUE;
}

static MdSms *
find_sms (MdModemExport *self, const char *path)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->sms_exports);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    if (g_str_equal (md_sms_export_get_path (value), path))
      return key;
  }
  return NULL;
}

static gboolean
handle_delete (MdDbusModemMessaging *iface, GDBusMethodInvocation *invocation, const char *path,
               gpointer user_data)
{
  MdModemExport *self = user_data;
  MdSms *sms;

  if (!check_enabled (self, invocation))
    return TRUE;
  sms = find_sms (self, path);
  if (!sms) {
    g_dbus_method_invocation_return_error (invocation, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND,
                                           "No SMS of this modem at %s", path);
    return TRUE;
  }
  md_modem_sms_delete_async (self->modem, sms, NULL, md_pending_call_boolean_ready,
                             md_pending_call_new (invocation, self->modem, sms));
  return TRUE;
}

void
md_messaging_export_init (MdModemExport *self)
{
  MdSmsList *list;
  GPtrArray *all;

  self->sms_exports
    = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)md_sms_export_free);
  if (!md_modem_has_messaging (self->modem))
    return;
  list = md_modem_get_sms_list (self->modem);
  all = md_sms_list_get_all (list);
  self->messaging_iface = md_dbus_modem_messaging_skeleton_new ();
  for (guint i = 0; i < all->len; i++) {
    MdSms *sms = g_ptr_array_index (all, i);

    g_hash_table_insert (self->sms_exports, sms,
                         md_sms_export_new (self->modem, sms, self->object_manager, self->authorizer));
  }
  md_messaging_export_sync (self);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->messaging_iface), self->authorizer);
  g_signal_connect (self->messaging_iface, "handle-list", G_CALLBACK (handle_list), self);
  g_signal_connect (self->messaging_iface, "handle-create", G_CALLBACK (handle_create), self);
  g_signal_connect (self->messaging_iface, "handle-delete", G_CALLBACK (handle_delete), self);
  self->sms_added_id = g_signal_connect (list, "added", G_CALLBACK (sms_added), self);
  self->sms_removed_id = g_signal_connect (list, "removed", G_CALLBACK (sms_removed), self);
  md_dbus_object_skeleton_set_modem_messaging (self->object, self->messaging_iface);
}

void
md_messaging_export_free (MdModemExport *self)
{
  g_clear_handle_id (&self->messages_sync_id, g_source_remove);
  if (self->messaging_iface) {
    MdSmsList *list = md_modem_get_sms_list (self->modem);

    g_clear_signal_handler (&self->sms_added_id, list);
    g_clear_signal_handler (&self->sms_removed_id, list);
    g_signal_handlers_disconnect_by_data (self->messaging_iface, self);
    g_clear_object (&self->messaging_iface);
  }
  g_clear_pointer (&self->sms_exports, g_hash_table_unref);
}

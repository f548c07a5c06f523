/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Modem3gpp.ProfileManager: List, Set
 * and Delete of the modem's stored contexts through the core, with the
 * dictionaries checked first (md-request-3gpp-profile.c); Updated after a
 * change. Only on modems with profile ops. */
#include "md-modem-export-private.h"

#include "md-dbus-gate.h"
#include "md-modem-profiles.h"
#include "md-pending-call.h"
#include "md-request-3gpp-profile.h"

/* The export a finished call belongs to may be gone: Updated is emitted
 * on the interface the call came in on, which the call keeps alive. */
typedef struct {
  MdPendingCall *call;
  MdDbusModem3gppProfileManager *iface;
} ProfileCall;

static ProfileCall *
profile_call_new (MdDbusModem3gppProfileManager *iface, GDBusMethodInvocation *invocation, MdModem *modem)
{
  ProfileCall *pc = g_new0 (ProfileCall, 1);

  pc->call = md_pending_call_new (invocation, modem, NULL);
  pc->iface = g_object_ref (iface);
  return pc;
}

static void
profile_call_finish (ProfileCall *pc, GVariant *value, GError *error, gboolean changed)
{
  if (error)
    md_pending_call_fail (pc->call, error);
  else
    md_pending_call_return (pc->call, value);
  if (changed)
    md_dbus_modem3gpp_profile_manager_emit_updated (pc->iface);
  g_object_unref (pc->iface);
  g_free (pc);
}

static void
list_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) profiles = md_modem_profiles_list_finish (MD_MODEM (source), result, &error);
  GVariantBuilder builder;

  if (!profiles) {
    md_pending_call_fail (call, error);
    return;
  }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < profiles->len; i++)
    g_variant_builder_add_value (&builder, md_profile_to_variant (g_ptr_array_index (profiles, i)));
  md_pending_call_return (call, g_variant_new ("(aa{sv})", &builder));
}

static gboolean
handle_list (MdDbusModem3gppProfileManager *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdModemExport *self = user_data;

  md_modem_profiles_list_async (self->modem, list_ready, md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static void
set_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  g_autoptr (MdProfile) stored = md_modem_profiles_set_finish (MD_MODEM (source), result, &error);

  profile_call_finish (user_data, stored ? g_variant_new ("(@a{sv})", md_profile_to_variant (stored)) : NULL,
                       error, stored != NULL);
}

static gboolean
handle_set (MdDbusModem3gppProfileManager *iface, GDBusMethodInvocation *invocation, GVariant *requested,
            gpointer user_data)
{
  MdModemExport *self = user_data;
  GError *error = NULL;
  g_autoptr (MdProfile) profile = md_request_profile_to_set (requested, &error);

  if (!profile) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_profiles_set_async (self->modem, profile, set_ready,
                               profile_call_new (iface, invocation, self->modem));
  return TRUE;
}

static void
delete_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  gboolean deleted = md_modem_profiles_delete_finish (MD_MODEM (source), result, &error);

  profile_call_finish (user_data, NULL, error, deleted);
}

static gboolean
handle_delete (MdDbusModem3gppProfileManager *iface, GDBusMethodInvocation *invocation, GVariant *properties,
               gpointer user_data)
{
  MdModemExport *self = user_data;
  GError *error = NULL;
  gint id;

  if (!md_request_profile_to_delete (properties, &id, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_profiles_delete_async (self->modem, id, delete_ready,
                                  profile_call_new (iface, invocation, self->modem));
  return TRUE;
}

void
md_profile_manager_export_init (MdModemExport *self)
{
  MdDbusModem3gppProfileManager *iface;

  if (!md_modem_has_profiles (self->modem))
    return;
  iface = self->profile_manager_iface = md_dbus_modem3gpp_profile_manager_skeleton_new ();
  md_dbus_modem3gpp_profile_manager_set_index_field (iface, "profile-id");
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (iface), self->authorizer);
  g_signal_connect (iface, "handle-list", G_CALLBACK (handle_list), self);
  g_signal_connect (iface, "handle-set", G_CALLBACK (handle_set), self);
  g_signal_connect (iface, "handle-delete", G_CALLBACK (handle_delete), self);
}

void
md_profile_manager_export_free (MdModemExport *self)
{
  if (!self->profile_manager_iface)
    return;
  g_signal_handlers_disconnect_by_data (self->profile_manager_iface, self);
  g_clear_object (&self->profile_manager_iface);
}

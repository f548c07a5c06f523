/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Modem3gpp: IMEI, registration,
 * operator and facility locks from the core modem; Register and Scan. */
#include "md-modem-export-private.h"

#include "md-pending-call.h"
#include "md-dbus-gate.h"
#include "md-modem-netreg.h"
#include "md-request-network.h"
#include "md-skeleton-set.h"
#include "md-vardict.h"

void
md_modem_3gpp_export_sync (MdModemExport *self)
{
  MdDbusModemModem3gpp *iface = self->modem3gpp_iface;
  const MdModemIdentity *id = md_modem_get_identity (self->modem);
  const char *code = md_modem_get_operator_code (self->modem);
  const char *name = md_modem_get_operator_name (self->modem);

  MD_SKELETON_SET_STRING (md_dbus_modem_modem3gpp, imei, iface,
                          id->equipment_identifier ? id->equipment_identifier : "");
  MD_SKELETON_SET (md_dbus_modem_modem3gpp, registration_state, iface,
                   md_modem_get_registration_state (self->modem));
  MD_SKELETON_SET_STRING (md_dbus_modem_modem3gpp, operator_code, iface, code ? code : "");
  MD_SKELETON_SET_STRING (md_dbus_modem_modem3gpp, operator_name, iface, name ? name : "");
  MD_SKELETON_SET (md_dbus_modem_modem3gpp, enabled_facility_locks, iface,
                   md_modem_get_facility_locks (self->modem));
  MD_SKELETON_SET (md_dbus_modem_modem3gpp, eps_ue_mode_operation, iface,
                   md_modem_get_eps_ue_mode (self->modem));
  MD_SKELETON_SET (md_dbus_modem_modem3gpp, packet_service_state, iface,
                   md_modem_get_packet_service_state (self->modem));
}

static GVariant *
network_variant (const MdNetwork *network)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  md_vardict_add (&builder, "status", g_variant_new_uint32 (network->availability));
  if (network->long_name)
    md_vardict_add (&builder, "operator-long", g_variant_new_string (network->long_name));
  if (network->short_name)
    md_vardict_add (&builder, "operator-short", g_variant_new_string (network->short_name));
  md_vardict_add (&builder, "operator-code", g_variant_new_string (network->code ? network->code : ""));
  md_vardict_add (&builder, "access-technology", g_variant_new_uint32 (network->access_technology));
  return g_variant_builder_end (&builder);
}

static void
scan_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) networks = md_modem_scan_finish (MD_MODEM (source), result, &error);
  GVariantBuilder builder;

  if (!networks) {
    md_pending_call_fail (call, error);
    return;
  }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < networks->len; i++)
    g_variant_builder_add_value (&builder, network_variant (g_ptr_array_index (networks, i)));
  md_pending_call_return (call, g_variant_new ("(aa{sv})", &builder));
}

static gboolean
handle_scan (MdDbusModemModem3gpp *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  MdModemExport *self = user_data;

  md_modem_scan_async (self->modem, NULL, scan_ready, md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_register (MdDbusModemModem3gpp *iface, GDBusMethodInvocation *invocation, const char *operator_id,
                 gpointer user_data)
{
  MdModemExport *self = user_data;
  GError *error = NULL;

  if (!md_request_check_operator_id (operator_id, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_register_async (self->modem, operator_id, NULL, md_pending_call_boolean_ready,
                           md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

void
md_modem_3gpp_export_init (MdModemExport *self)
{
  MdDbusModemModem3gpp *iface = md_dbus_modem_modem3gpp_skeleton_new ();

  self->modem3gpp_iface = iface;
  md_dbus_modem_modem3gpp_set_subscription_state (iface, MD_MODEM_3GPP_SUBSCRIPTION_STATE_UNKNOWN);
  md_dbus_modem_modem3gpp_set_eps_ue_mode_operation (iface, MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_UNKNOWN);
  md_dbus_modem_modem3gpp_set_pco (iface, g_variant_new_array (G_VARIANT_TYPE ("(ubay)"), NULL, 0));
  md_dbus_modem_modem3gpp_set_initial_eps_bearer (iface, "/");
  md_dbus_modem_modem3gpp_set_initial_eps_bearer_settings (
    iface, g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  md_dbus_modem_modem3gpp_set_nr5g_registration_settings (
    iface, g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  /* No rejection is reported by any driver yet: nothing was refused. */
  md_dbus_modem_modem3gpp_set_network_rejection (iface,
                                                 g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (iface), self->authorizer);
  g_signal_connect (iface, "handle-scan", G_CALLBACK (handle_scan), self);
  g_signal_connect (iface, "handle-register", G_CALLBACK (handle_register), self);
}

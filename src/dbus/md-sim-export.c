/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SIM object on D-Bus: copies MdSim's values into the Sim skeleton and
 * turns SendPin/SendPuk/EnablePin/ChangePin, their codes checked first,
 * into the modem's unlock flows. */
#include "md-sim-export.h"

#include "md-pending-call.h"
#include "md-dbus-gate.h"
#include "md-dbus-generated.h"
#include "md-standalone-export.h"
#include "md-modem-unlock.h"
#include "md-request-sim.h"

#define SIM_PATH_PREFIX "/org/freedesktop/ModemManager1/SIM/"

struct _MdSimExport {
  MdModem *modem;
  MdSim *sim;
  GDBusObjectManagerServer *object_manager;
  MdDbusSim *iface;
  char *path;
  gulong changed_id;
};

static void
sync_sim (MdSimExport *self)
{
  const MdSimInfo *info = md_sim_get_info (self->sim);
  static const char *const none[] = { NULL };

  md_dbus_sim_set_active (self->iface, md_sim_get_active (self->sim));
  md_dbus_sim_set_sim_identifier (self->iface, info->identifier ? info->identifier : "");
  md_dbus_sim_set_imsi (self->iface, info->imsi ? info->imsi : "");
  md_dbus_sim_set_operator_identifier (self->iface,
                                       info->operator_identifier ? info->operator_identifier : "");
  md_dbus_sim_set_operator_name (self->iface, info->operator_name ? info->operator_name : "");
  md_dbus_sim_set_emergency_numbers (
    self->iface, info->emergency_numbers ? (const char *const *)info->emergency_numbers : none);
}

static void
init_defaults (MdDbusSim *iface)
{
  md_dbus_sim_set_eid (iface, "");
  md_dbus_sim_set_preferred_networks (iface, g_variant_new_array (G_VARIANT_TYPE ("(su)"), NULL, 0));
  md_dbus_sim_set_gid1 (iface, g_variant_new_array (G_VARIANT_TYPE_BYTE, NULL, 0));
  md_dbus_sim_set_gid2 (iface, g_variant_new_array (G_VARIANT_TYPE_BYTE, NULL, 0));
  md_dbus_sim_set_sim_type (iface, MD_SIM_TYPE_UNKNOWN);
  md_dbus_sim_set_esim_status (iface, MD_SIM_ESIM_STATUS_UNKNOWN);
  md_dbus_sim_set_removability (iface, MD_SIM_REMOVABILITY_UNKNOWN);
}

static gboolean
handle_send_pin (MdDbusSim *iface, GDBusMethodInvocation *invocation, const char *pin, gpointer user_data)
{
  MdSimExport *self = user_data;
  GError *error = NULL;

  if (!md_request_check_pin (pin, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_send_pin_async (self->modem, pin, NULL, md_pending_call_boolean_ready,
                           md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_send_puk (MdDbusSim *iface, GDBusMethodInvocation *invocation, const char *puk, const char *pin,
                 gpointer user_data)
{
  MdSimExport *self = user_data;
  GError *error = NULL;

  if (!md_request_check_puk (puk, &error) || !md_request_check_pin (pin, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_send_puk_async (self->modem, puk, pin, NULL, md_pending_call_boolean_ready,
                           md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_enable_pin (MdDbusSim *iface, GDBusMethodInvocation *invocation, const char *pin, gboolean enabled,
                   gpointer user_data)
{
  MdSimExport *self = user_data;
  GError *error = NULL;

  if (!md_request_check_pin (pin, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_enable_pin_async (self->modem, pin, enabled, NULL, md_pending_call_boolean_ready,
                             md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_change_pin (MdDbusSim *iface, GDBusMethodInvocation *invocation, const char *old_pin,
                   const char *new_pin, gpointer user_data)
{
  MdSimExport *self = user_data;
  GError *error = NULL;

  if (!md_request_check_pin (old_pin, &error) || !md_request_check_pin (new_pin, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_change_pin_async (self->modem, old_pin, new_pin, NULL, md_pending_call_boolean_ready,
                             md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static void
sim_changed (MdSim *sim, gpointer user_data)
{
  sync_sim (user_data);
}

MdSimExport *
md_sim_export_new (MdModem *modem, MdSim *sim, GDBusObjectManagerServer *object_manager,
                   MdAuthorizer *authorizer)
{
  MdSimExport *self = g_new0 (MdSimExport, 1);

  self->modem = g_object_ref (modem);
  self->sim = g_object_ref (sim);
  self->object_manager = g_object_ref (object_manager);
  self->path = g_strdup_printf (SIM_PATH_PREFIX "%u", md_sim_get_id (sim));
  self->iface = md_dbus_sim_skeleton_new ();
  init_defaults (self->iface);
  sync_sim (self);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->iface), authorizer);
  g_signal_connect (self->iface, "handle-send-pin", G_CALLBACK (handle_send_pin), self);
  g_signal_connect (self->iface, "handle-send-puk", G_CALLBACK (handle_send_puk), self);
  g_signal_connect (self->iface, "handle-enable-pin", G_CALLBACK (handle_enable_pin), self);
  g_signal_connect (self->iface, "handle-change-pin", G_CALLBACK (handle_change_pin), self);
  self->changed_id = g_signal_connect (sim, "changed", G_CALLBACK (sim_changed), self);
  md_standalone_export (G_DBUS_INTERFACE_SKELETON (self->iface), object_manager, self->path);
  return self;
}

const char *
md_sim_export_get_path (MdSimExport *self)
{
  return self->path;
}

MdSim *
md_sim_export_get_sim (MdSimExport *self)
{
  return self->sim;
}

void
md_sim_export_free (MdSimExport *self)
{
  if (!self)
    return;
  g_clear_signal_handler (&self->changed_id, self->sim);
  g_signal_handlers_disconnect_by_data (self->iface, self);
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->iface));
  g_object_unref (self->iface);
  g_object_unref (self->object_manager);
  g_object_unref (self->sim);
  g_object_unref (self->modem);
  g_free (self->path);
  g_free (self);
}

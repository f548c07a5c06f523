/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Methods of org.freedesktop.ModemManager1.Modem: each handler validates its
 * arguments, calls one core flow and answers from its result. */
#include "md-modem-export-private.h"

#include "md-bearer-properties.h"
#include "md-pending-call.h"
#include "md-dbus-gate.h"
#include "md-errors.h"
#include "md-modem-connect.h"
#include "md-modem-bands.h"
#include "md-modem-enable.h"
#include "md-modem-modes.h"
#include "md-request-power.h"

static gboolean
handle_enable (MdDbusModem *iface, GDBusMethodInvocation *invocation, gboolean enable, gpointer user_data)
{
  MdModemExport *self = user_data;

  md_modem_enable_async (self->modem, enable, NULL, md_pending_call_boolean_ready,
                         md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_set_power_state (MdDbusModem *iface, GDBusMethodInvocation *invocation, guint power,
                        gpointer user_data)
{
  MdModemExport *self = user_data;
  MdModemPowerState state;
  GError *error = NULL;

  if (!md_request_power_state (power, &state, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_set_power_state_async (self->modem, state, NULL, md_pending_call_boolean_ready,
                                  md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_set_current_modes (MdDbusModem *iface, GDBusMethodInvocation *invocation, GVariant *modes,
                          gpointer user_data)
{
  MdModemExport *self = user_data;
  MdModeCombination combination = { 0 };
  GError *error = NULL;

  g_variant_get (modes, "(uu)", &combination.allowed, &combination.preferred);
  if (!md_request_modes (combination.allowed, combination.preferred, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_set_current_modes_async (self->modem, &combination, NULL, md_pending_call_boolean_ready,
                                    md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_set_current_bands (MdDbusModem *iface, GDBusMethodInvocation *invocation, GVariant *bands,
                          gpointer user_data)
{
  MdModemExport *self = user_data;
  gsize n_bands = 0;
  const guint32 *values = g_variant_get_fixed_array (bands, &n_bands, sizeof (guint32));
  g_autoptr (GArray) array = NULL;
  GError *error = NULL;

  if (!md_request_bands (values, n_bands, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  array = g_array_sized_new (FALSE, FALSE, sizeof (guint32), (guint)n_bands);
  g_array_append_vals (array, values, (guint)n_bands);
  md_modem_set_current_bands_async (self->modem, array, NULL, md_pending_call_boolean_ready,
                                    md_pending_call_new (invocation, self->modem, NULL));
  return TRUE;
}

static gboolean
handle_list_bearers (MdDbusModem *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  md_dbus_modem_complete_list_bearers (iface, invocation, md_dbus_modem_get_bearers (iface));
  return TRUE;
}

static gboolean
handle_create_bearer (MdDbusModem *iface, GDBusMethodInvocation *invocation, GVariant *properties,
                      gpointer user_data)
{
  MdModemExport *self = user_data;
  GError *error = NULL;
  MdBearerSettings *settings = md_bearer_settings_from_variant (properties, &error);
  MdBearer *bearer = settings ? md_modem_create_bearer (self->modem, settings, &error) : NULL;

  if (!bearer) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_dbus_modem_complete_create_bearer (iface, invocation, md_modem_export_bearer_path (self, bearer));
  return TRUE;
}

static gboolean
handle_delete_bearer (MdDbusModem *iface, GDBusMethodInvocation *invocation, const char *path,
                      gpointer user_data)
{
  MdModemExport *self = user_data;
  MdBearer *bearer = md_modem_export_find_bearer (self, path);

  if (!bearer) {
    g_dbus_method_invocation_return_error (invocation, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND,
                                           "No bearer %s on this modem", path);
    return TRUE;
  }
  md_modem_delete_bearer_async (self->modem, bearer, md_pending_call_boolean_ready,
                                md_pending_call_new (invocation, self->modem, bearer));
  return TRUE;
}

void
md_modem_methods_install (MdModemExport *self)
{
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->modem_iface), self->authorizer);
  g_signal_connect (self->modem_iface, "handle-enable", G_CALLBACK (handle_enable), self);
  g_signal_connect (self->modem_iface, "handle-set-power-state", G_CALLBACK (handle_set_power_state), self);
  g_signal_connect (self->modem_iface, "handle-set-current-modes", G_CALLBACK (handle_set_current_modes),
                    self);
  g_signal_connect (self->modem_iface, "handle-set-current-bands", G_CALLBACK (handle_set_current_bands),
                    self);
  g_signal_connect (self->modem_iface, "handle-list-bearers", G_CALLBACK (handle_list_bearers), self);
  g_signal_connect (self->modem_iface, "handle-create-bearer", G_CALLBACK (handle_create_bearer), self);
  g_signal_connect (self->modem_iface, "handle-delete-bearer", G_CALLBACK (handle_delete_bearer), self);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Publishes one MdModem as /org/freedesktop/ModemManager1/Modem/N: owns the
 * object skeleton and its interface skeletons, copies the modem's state into
 * them on every change, and turns method calls into core calls. */
#include "md-modem-export.h"

#include "md-dbus-gate.h"
#include "md-dbus-generated.h"
#include "md-log.h"

#define MODEM_PATH_PREFIX "/org/freedesktop/ModemManager1/Modem/"

struct _MdModemExport {
  MdModem *modem;
  GDBusObjectManagerServer *object_manager;
  MdDbusObjectSkeleton *object;
  MdDbusModem *modem_iface;
  char *path;
  gulong changed_id;
  gulong state_changed_id;
};

static const char *const modem_implemented[] = { "ListBearers", NULL };

static GVariant *
ports_variant (MdModem *modem)
{
  GVariantBuilder builder;
  guint n_ports = 0;
  const MdModemPort *ports = md_modem_get_ports (modem, &n_ports);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(su)"));
  for (guint i = 0; i < n_ports; i++)
    g_variant_builder_add (&builder, "(su)", ports[i].name, (guint32) ports[i].type);
  return g_variant_builder_end (&builder);
}

static GVariant *
supported_capabilities_variant (MdModem *modem)
{
  GVariantBuilder builder;
  guint32 caps = md_modem_get_capabilities (modem);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("au"));
  g_variant_builder_add (&builder, "u", caps ? caps : (guint32) MD_MODEM_CAPABILITY_NONE);
  return g_variant_builder_end (&builder);
}

static GVariant *
any_mode_variant (void)
{
  return g_variant_new ("(uu)", (guint32) MD_MODEM_MODE_ANY, (guint32) MD_MODEM_MODE_NONE);
}

static void
sync_identity (MdModemExport *self)
{
  const MdModemIdentity *id = md_modem_get_identity (self->modem);

  md_dbus_modem_set_manufacturer (self->modem_iface, id->manufacturer ? id->manufacturer : "");
  md_dbus_modem_set_model (self->modem_iface, id->model ? id->model : "");
  md_dbus_modem_set_revision (self->modem_iface, id->revision ? id->revision : "");
  md_dbus_modem_set_hardware_revision (self->modem_iface,
                                       id->hardware_revision ? id->hardware_revision : "");
  md_dbus_modem_set_equipment_identifier (self->modem_iface,
                                          id->equipment_identifier ? id->equipment_identifier : "");
}

static void
sync_modem (MdModemExport *self)
{
  MdDbusModem *iface = self->modem_iface;
  MdModem *modem = self->modem;
  const char *primary = md_modem_get_primary_port (modem);

  sync_identity (self);
  md_dbus_modem_set_device (iface, md_modem_get_uid (modem));
  md_dbus_modem_set_device_identifier (iface, md_modem_get_uid (modem));
  md_dbus_modem_set_drivers (iface, md_modem_get_drivers (modem));
  md_dbus_modem_set_plugin (iface, md_modem_get_plugin (modem));
  md_dbus_modem_set_primary_port (iface, primary ? primary : "");
  md_dbus_modem_set_ports (iface, ports_variant (modem));
  md_dbus_modem_set_state (iface, md_modem_get_state (modem));
  md_dbus_modem_set_state_failed_reason (iface, md_modem_get_failed_reason (modem));
  md_dbus_modem_set_power_state (iface, md_modem_get_power_state (modem));
  md_dbus_modem_set_current_capabilities (iface, md_modem_get_capabilities (modem));
  md_dbus_modem_set_supported_capabilities (iface, supported_capabilities_variant (modem));
}

/* Values that never change yet: set once, so clients see well-formed
 * properties from the first GetAll. */
static void
init_modem_defaults (MdDbusModem *iface)
{
  static const char *const empty[] = { NULL };

  md_dbus_modem_set_sim (iface, "/");
  md_dbus_modem_set_sim_slots (iface, (const char *const *) empty);
  md_dbus_modem_set_bearers (iface, (const char *const *) empty);
  md_dbus_modem_set_own_numbers (iface, (const char *const *) empty);
  md_dbus_modem_set_carrier_configuration (iface, "");
  md_dbus_modem_set_carrier_configuration_revision (iface, "");
  md_dbus_modem_set_unlock_required (iface, MD_MODEM_LOCK_UNKNOWN);
  md_dbus_modem_set_unlock_retries (iface, g_variant_new_array (G_VARIANT_TYPE ("{uu}"), NULL, 0));
  md_dbus_modem_set_signal_quality (iface, g_variant_new ("(ub)", 0, FALSE));
  md_dbus_modem_set_access_technologies (iface, MD_MODEM_ACCESS_TECHNOLOGY_UNKNOWN);
  md_dbus_modem_set_supported_modes (iface, g_variant_new_array (G_VARIANT_TYPE ("(uu)"), NULL, 0));
  md_dbus_modem_set_current_modes (iface, any_mode_variant ());
  md_dbus_modem_set_supported_bands (iface, g_variant_new_array (G_VARIANT_TYPE_UINT32, NULL, 0));
  md_dbus_modem_set_current_bands (iface, g_variant_new_array (G_VARIANT_TYPE_UINT32, NULL, 0));
  md_dbus_modem_set_supported_ip_families (iface, MD_BEARER_IP_FAMILY_NONE);
}

static gboolean
handle_list_bearers (MdDbusModem *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  md_dbus_modem_complete_list_bearers (iface, invocation, md_dbus_modem_get_bearers (iface));
  return TRUE;
}

static void
modem_changed (MdModem *modem, gpointer user_data)
{
  sync_modem (user_data);
}

static void
modem_state_changed (MdModem *modem, gint old_state, gint new_state, guint reason,
                     gpointer user_data)
{
  MdModemExport *self = user_data;

  sync_modem (self);
  md_dbus_modem_emit_state_changed (self->modem_iface, old_state, new_state, reason);
}

MdModemExport *
md_modem_export_new (MdModem *modem, GDBusObjectManagerServer *object_manager)
{
  MdModemExport *self = g_new0 (MdModemExport, 1);

  self->modem = g_object_ref (modem);
  self->object_manager = g_object_ref (object_manager);
  self->path = g_strdup_printf (MODEM_PATH_PREFIX "%u", md_modem_get_id (modem));
  self->object = md_dbus_object_skeleton_new (self->path);
  self->modem_iface = md_dbus_modem_skeleton_new ();

  init_modem_defaults (self->modem_iface);
  sync_modem (self);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->modem_iface), modem_implemented);
  g_signal_connect (self->modem_iface, "handle-list-bearers", G_CALLBACK (handle_list_bearers), self);
  self->changed_id = g_signal_connect (modem, "changed", G_CALLBACK (modem_changed), self);
  self->state_changed_id = g_signal_connect (modem, "state-changed",
                                             G_CALLBACK (modem_state_changed), self);

  md_dbus_object_skeleton_set_modem (self->object, self->modem_iface);
  g_dbus_object_manager_server_export (object_manager, G_DBUS_OBJECT_SKELETON (self->object));
  md_log_info (md_modem_get_log_name (modem), "exported at %s", self->path);
  return self;
}

const char *
md_modem_export_get_path (MdModemExport *self)
{
  return self->path;
}

MdModem *
md_modem_export_get_modem (MdModemExport *self)
{
  return self->modem;
}

void
md_modem_export_free (MdModemExport *self)
{
  if (!self)
    return;
  g_clear_signal_handler (&self->changed_id, self->modem);
  g_clear_signal_handler (&self->state_changed_id, self->modem);
  g_dbus_object_manager_server_unexport (self->object_manager, self->path);
  md_log_info (md_modem_get_log_name (self->modem), "unexported");
  g_object_unref (self->modem_iface);
  g_object_unref (self->object);
  g_object_unref (self->object_manager);
  g_object_unref (self->modem);
  g_free (self->path);
  g_free (self);
}

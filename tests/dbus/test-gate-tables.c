/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The gate's rule tables against introspection/: every method of every
 * interface has exactly one rule, no rule names a method that does not
 * exist, and rules use only ModemManager's action ids. */
#include <gio/gio.h>

#include "md-dbus-gate.h"

static const char *const known_actions[] = {
  MD_ACTION_CONTROL,
  MD_ACTION_DEVICE_CONTROL,
  MD_ACTION_CONTACTS,
  MD_ACTION_MESSAGING,
  MD_ACTION_VOICE,
  MD_ACTION_TIME,
  MD_ACTION_LOCATION,
  MD_ACTION_USSD,
  MD_ACTION_FIRMWARE,
  MD_ACTION_CELL_BROADCAST,
  NULL,
};

/* Every interface of every XML file in introspection/, by name. */
static GHashTable *
load_interfaces (GPtrArray *nodes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (MD_INTROSPECTION_DIR, 0, &error);
  GHashTable *ifaces = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir))) {
    g_autofree char *path = g_build_filename (MD_INTROSPECTION_DIR, name, NULL);
    g_autofree char *xml = NULL;
    GDBusNodeInfo *node;

    if (!g_str_has_suffix (name, ".xml"))
      continue;
    g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
    node = g_dbus_node_info_new_for_xml (xml, &error);
    g_assert_no_error (error);
    g_ptr_array_add (nodes, node);
    for (guint i = 0; node->interfaces && node->interfaces[i]; i++)
      g_hash_table_insert (ifaces, node->interfaces[i]->name, node->interfaces[i]);
  }
  g_assert_cmpuint (g_hash_table_size (ifaces), >=, 20);
  return ifaces;
}

static void
test_every_method_has_a_rule (void)
{
  g_autoptr (GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_dbus_node_info_unref);
  g_autoptr (GHashTable) ifaces = load_interfaces (nodes);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ifaces);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    GDBusInterfaceInfo *info = value;
    const MdDbusGateTable *table = md_dbus_gate_table_lookup (info->name);

    if (!table)
      g_error ("%s has no gate table", info->name);
    for (guint i = 0; info->methods && info->methods[i]; i++) {
      if (!md_dbus_gate_rule_lookup (table, info->methods[i]->name))
        g_error ("%s.%s has no gate rule", info->name, info->methods[i]->name);
    }
  }
}

static void
test_every_rule_names_a_method (void)
{
  g_autoptr (GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_dbus_node_info_unref);
  g_autoptr (GHashTable) ifaces = load_interfaces (nodes);

  for (const MdDbusGateTable *table = md_dbus_gate_tables (); table->interface; table++) {
    GDBusInterfaceInfo *info = g_hash_table_lookup (ifaces, table->interface);
    g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    if (!info)
      g_error ("gate table for %s, which is not in introspection/", table->interface);
    for (const MdDbusGateRule *rule = table->rules; rule->method; rule++) {
      if (!g_dbus_interface_info_lookup_method (info, rule->method))
        g_error ("gate rule for %s.%s, which is not in the XML", table->interface, rule->method);
      if (!g_hash_table_add (seen, (gpointer)rule->method))
        g_error ("two gate rules for %s.%s", table->interface, rule->method);
      if (rule->action && !g_strv_contains (known_actions, rule->action))
        g_error ("%s.%s uses unknown action %s", table->interface, rule->method, rule->action);
    }
  }
}

/* A few rows that decide who may do what, stated once more by hand. */
static void
test_rules_follow_modemmanager (void)
{
  static const struct {
    const char *interface, *method, *action;
  } expected[] = {
    { "org.freedesktop.ModemManager1", "SetLogging", MD_ACTION_CONTROL },
    { "org.freedesktop.ModemManager1", "ScanDevices", MD_ACTION_CONTROL },
    { "org.freedesktop.ModemManager1.Test", "SetProfile", NULL },
    { "org.freedesktop.ModemManager1.Modem", "Enable", MD_ACTION_DEVICE_CONTROL },
    { "org.freedesktop.ModemManager1.Modem", "ListBearers", NULL },
    { "org.freedesktop.ModemManager1.Modem", "Command", MD_ACTION_DEVICE_CONTROL },
    { "org.freedesktop.ModemManager1.Modem.Simple", "GetStatus", NULL },
    { "org.freedesktop.ModemManager1.Modem.Simple", "Connect", MD_ACTION_DEVICE_CONTROL },
    { "org.freedesktop.ModemManager1.Sim", "SendPuk", MD_ACTION_DEVICE_CONTROL },
    { "org.freedesktop.ModemManager1.Bearer", "Disconnect", MD_ACTION_DEVICE_CONTROL },
    { "org.freedesktop.ModemManager1.Modem.Location", "GetLocation", MD_ACTION_LOCATION },
    { "org.freedesktop.ModemManager1.Modem.Messaging", "List", NULL },
    { "org.freedesktop.ModemManager1.Modem.Voice", "ListCalls", NULL },
    { "org.freedesktop.ModemManager1.Modem.Time", "GetNetworkTime", MD_ACTION_TIME },
    { "org.freedesktop.ModemManager1.Modem.Firmware", "List", MD_ACTION_FIRMWARE },
    { "org.freedesktop.ModemManager1.Modem.CellBroadcast", "Delete", MD_ACTION_CELL_BROADCAST },
    { "org.freedesktop.ModemManager1.Modem.Modem3gpp.ProfileManager", "List", MD_ACTION_DEVICE_CONTROL },
    { "org.freedesktop.ModemManager1.Modem.Modem3gpp.Ussd", "Initiate", MD_ACTION_USSD },
    { "org.freedesktop.ModemManager1.Sms", "Send", MD_ACTION_MESSAGING },
    { "org.freedesktop.ModemManager1.Call", "Hangup", MD_ACTION_VOICE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++) {
    const MdDbusGateRule *rule
      = md_dbus_gate_rule_lookup (md_dbus_gate_table_lookup (expected[i].interface), expected[i].method);

    g_assert_nonnull (rule);
    g_assert_cmpstr (rule->action, ==, expected[i].action);
  }
  g_assert_null (md_dbus_gate_table_lookup ("org.example.Unlisted"));
  g_assert_null (
    md_dbus_gate_rule_lookup (md_dbus_gate_table_lookup ("org.freedesktop.ModemManager1"), "Nope"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gate-tables/every-method-has-a-rule", test_every_method_has_a_rule);
  g_test_add_func ("/gate-tables/every-rule-names-a-method", test_every_rule_names_a_method);
  g_test_add_func ("/gate-tables/rules-follow-modemmanager", test_rules_follow_modemmanager);
  return g_test_run ();
}

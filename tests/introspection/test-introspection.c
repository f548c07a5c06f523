/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Conformance of introspection/ against the official ModemManager1 XML:
 * every interface, member, argument (name, signature, direction, order) and
 * property access must match. Only structure is compared, never doc text.
 * The directories come from the build, or from MD_TEST_OURS_DIR and
 * MD_TEST_OFFICIAL_DIR so a modified copy can be checked by hand. */

#include <string.h>
#include <gio/gio.h>

#define TEST_IFACE "org.freedesktop.ModemManager1.Test"
#define XML_PREFIX "org.freedesktop.ModemManager1"

/* Interfaces of one directory, by name; the node infos keep them alive. */
typedef struct {
  GHashTable *ifaces; /* name -> GDBusInterfaceInfo (borrowed from nodes) */
  GPtrArray *nodes;   /* GDBusNodeInfo, owned */
} IfaceSet;

static void
iface_set_free (IfaceSet *set)
{
  g_clear_pointer (&set->ifaces, g_hash_table_unref);
  g_clear_pointer (&set->nodes, g_ptr_array_unref);
  g_free (set);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IfaceSet, iface_set_free)

static const gchar *
dir_from_env (const gchar *env, const gchar *fallback)
{
  const gchar *value = g_getenv (env);

  return (value && *value) ? value : fallback;
}

static const gchar *
ours_dir (void)
{
  return dir_from_env ("MD_TEST_OURS_DIR", MD_OURS_DIR);
}

static const gchar *
official_dir (void)
{
  return dir_from_env ("MD_TEST_OFFICIAL_DIR", MD_OFFICIAL_DIR);
}

static gboolean
official_available (void)
{
  g_autofree gchar *manager = g_build_filename (official_dir (), XML_PREFIX ".xml", NULL);
  g_autofree gchar *msg = NULL;

  if (g_file_test (manager, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  msg = g_strdup_printf ("official ModemManager1 XML not found in %s "
                         "(install modemmanager-dev)",
                         official_dir ());
  g_test_skip (msg);
  return FALSE;
}

static gboolean
add_node (IfaceSet *set, GDBusNodeInfo *node, const gchar *file, GError **error)
{
  for (guint i = 0; node->interfaces && node->interfaces[i]; i++) {
    GDBusInterfaceInfo *iface = node->interfaces[i];

    if (g_hash_table_contains (set->ifaces, iface->name)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s: interface %s defined twice", file, iface->name);
      return FALSE;
    }
    g_hash_table_insert (set->ifaces, iface->name, iface);
  }
  g_ptr_array_add (set->nodes, g_dbus_node_info_ref (node));
  return TRUE;
}

static IfaceSet *
load_xml_dir (const gchar *dir, GError **error)
{
  g_autoptr (IfaceSet) set = g_new0 (IfaceSet, 1);
  g_autoptr (GDir) d = NULL;
  const gchar *name;

  set->ifaces = g_hash_table_new (g_str_hash, g_str_equal);
  set->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_dbus_node_info_unref);
  d = g_dir_open (dir, 0, error);
  if (!d)
    return NULL;
  while ((name = g_dir_read_name (d))) {
    g_autofree gchar *path = NULL;
    g_autofree gchar *xml = NULL;
    g_autoptr (GDBusNodeInfo) node = NULL;

    if (!g_str_has_prefix (name, XML_PREFIX) || !g_str_has_suffix (name, ".xml"))
      continue;
    path = g_build_filename (dir, name, NULL);
    if (!g_file_get_contents (path, &xml, NULL, error))
      return NULL;
    node = g_dbus_node_info_new_for_xml (xml, error);
    if (!node) {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
    if (!add_node (set, node, path, error))
      return NULL;
  }
  return g_steal_pointer (&set);
}

static IfaceSet *
load_or_fail (const gchar *dir)
{
  g_autoptr (GError) error = NULL;
  IfaceSet *set = load_xml_dir (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

/* ---- structural comparison; every difference is appended to @diffs ---- */

/* Members ModemManager 1.22 and 1.24 added after Debian 12's 1.20 XML,
 * from their public API documentation: our files carry them, the official
 * files above do not, so they are checked against this list instead. For
 * a method, the signature is that of its in arguments. */
typedef struct {
  const gchar *iface;
  const gchar *kind; /* "method", "signal" or "property" */
  const gchar *name;
  const gchar *signature; /* in arguments, signal arguments, or the property's */
  const gchar *out;       /* out arguments of a method */
} Addition;

static const Addition additions[] = {
  { XML_PREFIX ".Modem.CellBroadcast", "method", "List", "", "ao" },
  { XML_PREFIX ".Modem.CellBroadcast", "method", "Delete", "o" },
  { XML_PREFIX ".Modem.CellBroadcast", "method", "SetChannels", "a(uu)" },
  { XML_PREFIX ".Modem.CellBroadcast", "property", "CellBroadcasts", "ao" },
  { XML_PREFIX ".Modem.CellBroadcast", "property", "Channels", "a(uu)" },
  { XML_PREFIX ".Modem.CellBroadcast", "signal", "Added", "o" },
  { XML_PREFIX ".Modem.CellBroadcast", "signal", "Deleted", "o" },
  { XML_PREFIX ".Cbm", "property", "State", "u" },
  { XML_PREFIX ".Cbm", "property", "Text", "s" },
  { XML_PREFIX ".Cbm", "property", "Channel", "u" },
  { XML_PREFIX ".Cbm", "property", "MessageCode", "u" },
  { XML_PREFIX ".Cbm", "property", "Update", "u" },
  { XML_PREFIX ".Modem", "property", "Physdev", "s" },
  { XML_PREFIX ".Modem.Modem3gpp", "property", "NetworkRejection", "a{sv}" },
  { XML_PREFIX ".Modem.Modem3gpp", "method", "SetCarrierLock", "ay" },
  { XML_PREFIX ".Modem.Messaging", "method", "SetDefaultStorage", "u" },
};

/* Interfaces 1.24 added, with their member counts (methods, signals,
 * properties). */
static const struct {
  const gchar *name;
  guint methods, signals, properties;
} added_interfaces[] = {
  { XML_PREFIX ".Modem.CellBroadcast", 3, 2, 2 },
  { XML_PREFIX ".Cbm", 0, 0, 5 },
};

static gboolean
is_added_interface (const gchar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (added_interfaces); i++) {
    if (g_str_equal (added_interfaces[i].name, name))
      return TRUE;
  }
  return FALSE;
}

static gboolean
is_addition (const gchar *iface, const gchar *kind, const gchar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (additions); i++) {
    if (g_str_equal (additions[i].iface, iface) && g_str_equal (additions[i].kind, kind)
        && g_str_equal (additions[i].name, name))
      return TRUE;
  }
  return FALSE;
}

static void diff (GPtrArray *diffs, const gchar *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
diff (GPtrArray *diffs, const gchar *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  g_ptr_array_add (diffs, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

static guint
n_args (GDBusArgInfo **args)
{
  guint n = 0;

  while (args && args[n])
    n++;
  return n;
}

static void
compare_args (GPtrArray *diffs, const gchar *where, const gchar *dir, GDBusArgInfo **official,
              GDBusArgInfo **ours)
{
  guint n_off = n_args (official);
  guint n_ours = n_args (ours);

  if (n_off != n_ours)
    diff (diffs, "%s: %u %s args, official has %u", where, n_ours, dir, n_off);
  for (guint i = 0; i < MIN (n_off, n_ours); i++) {
    if (g_strcmp0 (official[i]->name, ours[i]->name) != 0)
      diff (diffs, "%s: %s arg %u is named '%s', official '%s'", where, dir, i, ours[i]->name,
            official[i]->name);
    if (g_strcmp0 (official[i]->signature, ours[i]->signature) != 0)
      diff (diffs, "%s: %s arg '%s' has signature '%s', official '%s'", where, dir, official[i]->name,
            ours[i]->signature, official[i]->signature);
  }
}

static void
compare_methods (GPtrArray *diffs, const gchar *iface, GDBusInterfaceInfo *official, GDBusInterfaceInfo *ours)
{
  for (guint i = 0; official->methods && official->methods[i]; i++) {
    GDBusMethodInfo *m = official->methods[i];
    GDBusMethodInfo *o = g_dbus_interface_info_lookup_method (ours, m->name);
    g_autofree gchar *where = g_strdup_printf ("%s.%s()", iface, m->name);

    if (!o) {
      diff (diffs, "%s: method missing", where);
      continue;
    }
    compare_args (diffs, where, "in", m->in_args, o->in_args);
    compare_args (diffs, where, "out", m->out_args, o->out_args);
  }
  for (guint i = 0; ours->methods && ours->methods[i]; i++)
    if (!g_dbus_interface_info_lookup_method (official, ours->methods[i]->name)
        && !is_addition (iface, "method", ours->methods[i]->name))
      diff (diffs, "%s.%s(): method not in the official API", iface, ours->methods[i]->name);
}

static void
compare_signals (GPtrArray *diffs, const gchar *iface, GDBusInterfaceInfo *official, GDBusInterfaceInfo *ours)
{
  for (guint i = 0; official->signals && official->signals[i]; i++) {
    GDBusSignalInfo *s = official->signals[i];
    GDBusSignalInfo *o = g_dbus_interface_info_lookup_signal (ours, s->name);
    g_autofree gchar *where = g_strdup_printf ("%s::%s", iface, s->name);

    if (!o) {
      diff (diffs, "%s: signal missing", where);
      continue;
    }
    compare_args (diffs, where, "signal", s->args, o->args);
  }
  for (guint i = 0; ours->signals && ours->signals[i]; i++)
    if (!g_dbus_interface_info_lookup_signal (official, ours->signals[i]->name))
      diff (diffs, "%s::%s: signal not in the official API", iface, ours->signals[i]->name);
}

static void
compare_properties (GPtrArray *diffs, const gchar *iface, GDBusInterfaceInfo *official,
                    GDBusInterfaceInfo *ours)
{
  for (guint i = 0; official->properties && official->properties[i]; i++) {
    GDBusPropertyInfo *p = official->properties[i];
    GDBusPropertyInfo *o = g_dbus_interface_info_lookup_property (ours, p->name);

    if (!o) {
      diff (diffs, "%s:%s: property missing", iface, p->name);
      continue;
    }
    if (g_strcmp0 (p->signature, o->signature) != 0)
      diff (diffs, "%s:%s: signature '%s', official '%s'", iface, p->name, o->signature, p->signature);
    if (p->flags != o->flags)
      diff (diffs, "%s:%s: access flags %u, official %u", iface, p->name, (guint)o->flags, (guint)p->flags);
  }
  for (guint i = 0; ours->properties && ours->properties[i]; i++)
    if (!g_dbus_interface_info_lookup_property (official, ours->properties[i]->name)
        && !is_addition (iface, "property", ours->properties[i]->name))
      diff (diffs, "%s:%s: property not in the official API", iface, ours->properties[i]->name);
}

static void
compare_interface (GPtrArray *diffs, GDBusInterfaceInfo *official, GDBusInterfaceInfo *ours)
{
  compare_methods (diffs, official->name, official, ours);
  compare_signals (diffs, official->name, official, ours);
  compare_properties (diffs, official->name, official, ours);
}

static void
compare_sets (GPtrArray *diffs, IfaceSet *official, IfaceSet *ours)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, official->ifaces);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    GDBusInterfaceInfo *mine = g_hash_table_lookup (ours->ifaces, key);

    if (!mine)
      diff (diffs, "%s: interface missing", (const gchar *)key);
    else
      compare_interface (diffs, value, mine);
  }
  g_hash_table_iter_init (&iter, ours->ifaces);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_str_equal (key, TEST_IFACE) && !is_added_interface (key)
        && !g_hash_table_contains (official->ifaces, key))
      diff (diffs, "%s: interface not in the official API", (const gchar *)key);
}

static void
fail_on_diffs (GPtrArray *diffs)
{
  /* One message per difference keeps the TAP output one line per item. */
  for (guint i = 0; i < diffs->len; i++)
    g_test_message ("%s", (const gchar *)diffs->pdata[i]);
  if (diffs->len > 0)
    g_test_fail_printf ("%u difference(s) from the official API (see messages)", diffs->len);
}

/* ---- test cases ---- */

/* Each of our files holds one interface and is named after it. */
static void
test_ours_well_formed (void)
{
  g_autoptr (IfaceSet) ours = load_or_fail (ours_dir ());
  GHashTableIter iter;
  gpointer key;

  g_assert_cmpuint (ours->nodes->len, ==, g_hash_table_size (ours->ifaces));
  g_hash_table_iter_init (&iter, ours->ifaces);
  while (g_hash_table_iter_next (&iter, &key, NULL)) {
    g_autofree gchar *file = g_strconcat (key, ".xml", NULL);
    g_autofree gchar *path = g_build_filename (ours_dir (), file, NULL);

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_nonnull (g_hash_table_lookup (ours->ifaces, TEST_IFACE));
}

static void
test_matches_official (void)
{
  g_autoptr (IfaceSet) official = NULL;
  g_autoptr (IfaceSet) ours = NULL;
  g_autoptr (GPtrArray) diffs = g_ptr_array_new_with_free_func (g_free);

  if (!official_available ())
    return;
  official = load_or_fail (official_dir ());
  ours = load_or_fail (ours_dir ());
  g_assert_cmpuint (g_hash_table_size (official->ifaces), >, 0);
  compare_sets (diffs, official, ours);
  fail_on_diffs (diffs);
}

static void
test_test_interface (void)
{
  g_autoptr (IfaceSet) ours = load_or_fail (ours_dir ());
  GDBusInterfaceInfo *iface = g_hash_table_lookup (ours->ifaces, TEST_IFACE);
  GDBusMethodInfo *m;
  static const gchar *names[] = { "id", "plugin", "ports" };
  static const gchar *sigs[] = { "s", "s", "as" };

  g_assert_nonnull (iface);
  g_assert_null (iface->signals && iface->signals[0] ? iface->signals[0] : NULL);
  g_assert_null (iface->properties && iface->properties[0] ? iface->properties[0] : NULL);
  g_assert_nonnull (iface->methods);
  g_assert_nonnull (iface->methods[0]);
  g_assert_null (iface->methods[1]);
  m = iface->methods[0];
  g_assert_cmpstr (m->name, ==, "SetProfile");
  g_assert_cmpuint (n_args (m->in_args), ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (n_args (m->out_args), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_assert_cmpstr (m->in_args[i]->name, ==, names[i]);
    g_assert_cmpstr (m->in_args[i]->signature, ==, sigs[i]);
  }
}

/* The comparison itself must notice each kind of change: mutate one of our
 * files in memory and expect at least one difference. */
typedef struct {
  const gchar *file;
  const gchar *from;
  const gchar *to;
} Mutation;

static const Mutation mutations[] = {
  { "org.freedesktop.ModemManager1.Modem.Simple.xml", "type=\"a{sv}\"", "type=\"a{ss}\"" },
  { "org.freedesktop.ModemManager1.Modem.Simple.xml", "name=\"bearer\" type=\"o\" direction=\"out\"",
    "name=\"bearer\" type=\"o\" direction=\"in\"" },
  { "org.freedesktop.ModemManager1.Modem.xml", "name=\"old\"", "name=\"previous\"" },
  { "org.freedesktop.ModemManager1.Modem.xml", "name=\"State\" type=\"i\" access=\"read\"",
    "name=\"State\" type=\"i\" access=\"readwrite\"" },
  { "org.freedesktop.ModemManager1.Sim.xml", "<method name=\"SendPin\">", "<method name=\"SendPIN\">" },
  { "org.freedesktop.ModemManager1.Modem.Modem3gpp.xml", "Nr5gRegistrationSettings\" type=\"a{sv}\"",
    "Nr5gRegistrationSettings\" type=\"a{sv}v\"" },
};

static void
test_detects_mutation (gconstpointer data)
{
  const Mutation *mut = data;
  g_autoptr (IfaceSet) official = NULL;
  g_autoptr (GPtrArray) diffs = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *path = g_build_filename (ours_dir (), mut->file, NULL);
  g_autofree gchar *xml = NULL;
  g_autoptr (GString) changed = NULL;
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GError) error = NULL;

  if (!official_available ())
    return;
  official = load_or_fail (official_dir ());
  g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
  g_assert_nonnull (strstr (xml, mut->from));
  changed = g_string_new (xml);
  g_string_replace (changed, mut->from, mut->to, 1);
  node = g_dbus_node_info_new_for_xml (changed->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node->interfaces[0]);
  compare_interface (diffs, g_hash_table_lookup (official->ifaces, node->interfaces[0]->name),
                     node->interfaces[0]);
  g_assert_cmpuint (diffs->len, >, 0);
  g_test_message ("detected: %s", (const gchar *)diffs->pdata[0]);
}

/* Each later addition is in our files, with its signature, and is not
 * in the official files (else it belongs to the comparison above). */
static void
test_additions (void)
{
  g_autoptr (IfaceSet) ours = load_or_fail (ours_dir ());
  g_autoptr (IfaceSet) official = official_available () ? load_or_fail (official_dir ()) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (additions); i++) {
    const Addition *a = &additions[i];
    GDBusInterfaceInfo *mine = g_hash_table_lookup (ours->ifaces, a->iface);
    GDBusInterfaceInfo *theirs = official ? g_hash_table_lookup (official->ifaces, a->iface) : NULL;

    g_assert_nonnull (mine);
    if (g_str_equal (a->kind, "signal")) {
      GDBusSignalInfo *sig = g_dbus_interface_info_lookup_signal (mine, a->name);
      g_autoptr (GString) args = g_string_new (NULL);

      g_assert_nonnull (sig);
      for (guint k = 0; sig->args && sig->args[k]; k++)
        g_string_append (args, sig->args[k]->signature);
      g_assert_cmpstr (args->str, ==, a->signature);
    } else if (g_str_equal (a->kind, "property")) {
      GDBusPropertyInfo *p = g_dbus_interface_info_lookup_property (mine, a->name);

      g_assert_nonnull (p);
      g_assert_cmpstr (p->signature, ==, a->signature);
      g_assert_cmpint (p->flags, ==, G_DBUS_PROPERTY_INFO_FLAGS_READABLE);
      g_assert_null (theirs ? g_dbus_interface_info_lookup_property (theirs, a->name) : NULL);
    } else {
      GDBusMethodInfo *m = g_dbus_interface_info_lookup_method (mine, a->name);
      g_autoptr (GString) sig = g_string_new (NULL);
      g_autoptr (GString) out = g_string_new (NULL);

      g_assert_nonnull (m);
      for (guint k = 0; m->in_args && m->in_args[k]; k++)
        g_string_append (sig, m->in_args[k]->signature);
      g_assert_cmpstr (sig->str, ==, a->signature);
      for (guint k = 0; m->out_args && m->out_args[k]; k++)
        g_string_append (out, m->out_args[k]->signature);
      g_assert_cmpstr (out->str, ==, a->out ? a->out : "");
      g_assert_null (theirs ? g_dbus_interface_info_lookup_method (theirs, a->name) : NULL);
    }
  }
  /* A new interface holds exactly the members listed. */
  for (guint i = 0; i < G_N_ELEMENTS (added_interfaces); i++) {
    GDBusInterfaceInfo *mine = g_hash_table_lookup (ours->ifaces, added_interfaces[i].name);
    guint n[3] = { 0, 0, 0 };

    g_assert_nonnull (mine);
    g_assert_null (official ? g_hash_table_lookup (official->ifaces, added_interfaces[i].name) : NULL);
    while (mine->methods && mine->methods[n[0]])
      n[0]++;
    while (mine->signals && mine->signals[n[1]])
      n[1]++;
    while (mine->properties && mine->properties[n[2]])
      n[2]++;
    g_assert_cmpuint (n[0], ==, added_interfaces[i].methods);
    g_assert_cmpuint (n[1], ==, added_interfaces[i].signals);
    g_assert_cmpuint (n[2], ==, added_interfaces[i].properties);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/introspection/ours-well-formed", test_ours_well_formed);
  g_test_add_func ("/introspection/matches-official", test_matches_official);
  g_test_add_func ("/introspection/test-interface", test_test_interface);
  g_test_add_func ("/introspection/additions", test_additions);
  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++) {
    g_autofree gchar *name = g_strdup_printf ("/introspection/detects-mutation/%u", i);

    g_test_add_data_func (name, &mutations[i], test_detects_mutation);
  }
  return g_test_run ();
}

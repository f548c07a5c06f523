/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libmm-client's enums and error domains against ModemManager's own
 * headers, read at run time: every enum has ModemManager's members with
 * the same values, and every error code maps to ModemManager's D-Bus error
 * name (from the nick in ModemManager-errors.h) in both directions. Codes
 * newer than the installed headers are checked against later_members. */
#include <mm-client.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  char *name;
  gint64 value;
  char *nick;
} Member;

static void
member_free (Member *member)
{
  g_free (member->name);
  g_free (member->nick);
  g_free (member);
}

/* ModemManager's enum type name -> GPtrArray of Member. */
static GHashTable *
read_header (const char *file)
{
  g_autofree char *path = g_build_filename (MM_HEADERS_DIR, file, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) member_re = g_regex_new (
    "^\\s*(MM_[A-Z0-9_]+)\\s*=\\s*([^,/]*[^,/\\s])\\s*,?\\s*(/\\*<\\s*nick=(\\w+)\\s*>\\*/)?", 0, 0, NULL);
  g_autoptr (GRegex) end_re = g_regex_new ("^}\\s*(MM\\w+);", 0, 0, NULL);
  GHashTable *enums
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  g_autoptr (GPtrArray) current = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    g_autoptr (GMatchInfo) end = NULL;
    g_autoptr (GMatchInfo) match = NULL;

    if (g_str_has_prefix (lines[i], "typedef enum")) {
      g_clear_pointer (&current, g_ptr_array_unref);
      current = g_ptr_array_new_with_free_func ((GDestroyNotify)member_free);
    } else if (current && g_regex_match (end_re, lines[i], 0, &end)) {
      g_hash_table_insert (enums, g_match_info_fetch (end, 1), g_steal_pointer (&current));
    } else if (current && g_regex_match (member_re, lines[i], 0, &match)) {
      Member *member = g_new0 (Member, 1);
      g_autofree char *value = g_match_info_fetch (match, 2);
      char *nick = g_match_info_fetch (match, 4);
      guint shift;

      member->name = g_match_info_fetch (match, 1);
      member->nick = nick && *nick ? nick : (g_free (nick), NULL);
      if (sscanf (value, "1 << %u", &shift) == 1)
        member->value = (gint64)1 << shift;
      else
        member->value = g_ascii_strtoll (value, NULL, 0);
      g_ptr_array_add (current, member);
    }
  }
  return enums;
}

/* Members ModemManager added after the headers Debian 12 installs (1.20),
 * as its API documentation gives them: the Core error of 1.22
 * (RESET_AND_RETRY; its nick, and so its D-Bus name, is "ResetRetry") and
 * those of 1.24. Only these may be missing from the headers; a newer header
 * that has them is compared like every other member. */
static const struct {
  const char *type_name;
  const char *value_name;
  gint64 value;
  const char *dbus_name;
} later_members[] = {
  { "MmcCoreError", "MMC_CORE_ERROR_RESET_AND_RETRY", 15,
    "org.freedesktop.ModemManager1.Error.Core.ResetRetry" },
  { "MmcCoreError", "MMC_CORE_ERROR_TIMEOUT", 16, "org.freedesktop.ModemManager1.Error.Core.Timeout" },
  { "MmcCoreError", "MMC_CORE_ERROR_PROTOCOL", 17, "org.freedesktop.ModemManager1.Error.Core.Protocol" },
  { "MmcCoreError", "MMC_CORE_ERROR_THROTTLED", 18, "org.freedesktop.ModemManager1.Error.Core.Throttled" },
};

static gboolean
header_has (GPtrArray *members, const char *our_name)
{
  for (guint i = 0; i < members->len; i++) {
    const Member *member = g_ptr_array_index (members, i);

    if (strcmp (member->name + strlen ("MM_"), our_name + strlen ("MMC_")) == 0)
      return TRUE;
  }
  return FALSE;
}

/* How many of type's values the headers lack; each must be a later member
 * with its documented value. */
static guint
count_later_members (GPtrArray *members, GType type)
{
  g_autoptr (GTypeClass) klass = g_type_class_ref (type);
  guint n_values = G_IS_ENUM_CLASS (klass) ? G_ENUM_CLASS (klass)->n_values : G_FLAGS_CLASS (klass)->n_values;
  guint later = 0;

  for (guint i = 0; i < n_values; i++) {
    const char *name;
    gint64 value;
    gboolean documented = FALSE;

    if (G_IS_ENUM_CLASS (klass)) {
      name = G_ENUM_CLASS (klass)->values[i].value_name;
      value = G_ENUM_CLASS (klass)->values[i].value;
    } else {
      name = G_FLAGS_CLASS (klass)->values[i].value_name;
      value = G_FLAGS_CLASS (klass)->values[i].value;
    }

    if (header_has (members, name))
      continue;
    for (gsize k = 0; k < G_N_ELEMENTS (later_members); k++)
      if (strcmp (later_members[k].type_name, g_type_name (type)) == 0
          && strcmp (later_members[k].value_name, name) == 0 && later_members[k].value == value)
        documented = TRUE;
    g_test_message ("%s: %s = %" G_GINT64_FORMAT " is not in the headers", g_type_name (type), name, value);
    g_assert_true (documented);
    later++;
  }
  return later;
}

static void
compare_type (GHashTable *enums, GType type)
{
  const char *our_name = g_type_name (type);
  g_autofree char *their_name = g_strconcat ("MM", our_name + strlen ("Mmc"), NULL);
  GPtrArray *members = g_hash_table_lookup (enums, their_name);
  g_autoptr (GTypeClass) klass = g_type_class_ref (type);
  guint n_values = G_IS_ENUM_CLASS (klass) ? G_ENUM_CLASS (klass)->n_values : G_FLAGS_CLASS (klass)->n_values;

  g_test_message ("%s against %s", our_name, their_name);
  g_assert_nonnull (members);
  g_assert_cmpuint (n_values, ==, members->len + count_later_members (members, type));
  for (guint i = 0; i < members->len; i++) {
    const Member *member = g_ptr_array_index (members, i);
    g_autofree char *ours = g_strconcat ("MMC_", member->name + strlen ("MM_"), NULL);
    gint64 value;

    if (G_IS_ENUM_CLASS (klass)) {
      GEnumValue *found = g_enum_get_value_by_name (G_ENUM_CLASS (klass), ours);

      g_assert_nonnull (found);
      value = found->value;
    } else {
      GFlagsValue *found = g_flags_get_value_by_name (G_FLAGS_CLASS (klass), ours);

      g_assert_nonnull (found);
      value = found->value;
    }
    g_assert_cmpint (value, ==, member->value);
  }
}

static void
test_enums (void)
{
  g_autoptr (GHashTable) enums = read_header ("ModemManager-enums.h");
  const GType types[] = {
    MMC_TYPE_MODEM_CAPABILITY,
    MMC_TYPE_MODEM_LOCK,
    MMC_TYPE_MODEM_STATE,
    MMC_TYPE_MODEM_STATE_FAILED_REASON,
    MMC_TYPE_MODEM_POWER_STATE,
    MMC_TYPE_MODEM_STATE_CHANGE_REASON,
    MMC_TYPE_MODEM_ACCESS_TECHNOLOGY,
    MMC_TYPE_MODEM_MODE,
    MMC_TYPE_MODEM_3GPP_REGISTRATION_STATE,
    MMC_TYPE_SMS_PDU_TYPE,
    MMC_TYPE_SMS_STATE,
    MMC_TYPE_SMS_STORAGE,
    MMC_TYPE_SMS_VALIDITY_TYPE,
    MMC_TYPE_BEARER_TYPE,
    MMC_TYPE_BEARER_IP_METHOD,
    MMC_TYPE_BEARER_IP_FAMILY,
    MMC_TYPE_BEARER_ALLOWED_AUTH,
    MMC_TYPE_BEARER_MULTIPLEX_SUPPORT,
    MMC_TYPE_SIM_TYPE,
    MMC_TYPE_MODEM_3GPP_PACKET_SERVICE_STATE,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    compare_type (enums, types[i]);
}

static void
test_errors (void)
{
  g_autoptr (GHashTable) errors = read_header ("ModemManager-errors.h");
  const struct {
    GType type;
    GQuark domain;
    const char *dbus_domain;
  } domains[] = {
    { MMC_TYPE_CORE_ERROR, MMC_CORE_ERROR, "Core" },
    { MMC_TYPE_MOBILE_EQUIPMENT_ERROR, MMC_MOBILE_EQUIPMENT_ERROR, "MobileEquipment" },
    { MMC_TYPE_CONNECTION_ERROR, MMC_CONNECTION_ERROR, "Connection" },
    { MMC_TYPE_SERIAL_ERROR, MMC_SERIAL_ERROR, "Serial" },
    { MMC_TYPE_MESSAGE_ERROR, MMC_MESSAGE_ERROR, "Message" },
    { MMC_TYPE_CDMA_ACTIVATION_ERROR, MMC_CDMA_ACTIVATION_ERROR, "CdmaActivation" },
  };
  guint checked = 0;

  for (gsize d = 0; d < G_N_ELEMENTS (domains); d++) {
    const char *our_name = g_type_name (domains[d].type);
    g_autofree char *their_name = g_strconcat ("MM", our_name + strlen ("Mmc"), NULL);
    GPtrArray *members = g_hash_table_lookup (errors, their_name);

    compare_type (errors, domains[d].type);
    for (guint i = 0; i < members->len; i++) {
      const Member *member = g_ptr_array_index (members, i);
      g_autofree char *expected = g_strconcat ("org.freedesktop.ModemManager1.Error.", domains[d].dbus_domain,
                                               ".", member->nick, NULL);
      g_autoptr (GError) error = g_error_new_literal (domains[d].domain, member->value, "message");
      g_autofree char *encoded = g_dbus_error_encode_gerror (error);
      g_autoptr (GError) decoded = g_dbus_error_new_for_dbus_error (expected, "message");

      g_assert_nonnull (member->nick);
      g_assert_cmpstr (encoded, ==, expected);
      g_assert_error (decoded, domains[d].domain, member->value);
      checked++;
    }
  }
  for (gsize k = 0; k < G_N_ELEMENTS (later_members); k++) {
    g_autoptr (GEnumClass) klass = g_type_class_ref (g_type_from_name (later_members[k].type_name));
    GEnumValue *found = g_enum_get_value_by_name (klass, later_members[k].value_name);
    GQuark domain = 0;
    g_autoptr (GError) error = NULL;
    g_autofree char *encoded = NULL;
    g_autoptr (GError) decoded = NULL;

    for (gsize d = 0; d < G_N_ELEMENTS (domains); d++)
      if (domains[d].type == G_TYPE_FROM_CLASS (klass))
        domain = domains[d].domain;
    g_assert_cmpuint (domain, !=, 0);
    g_assert_nonnull (found);
    g_assert_cmpint (found->value, ==, later_members[k].value);
    error = g_error_new_literal (domain, later_members[k].value, "message");
    encoded = g_dbus_error_encode_gerror (error);
    decoded = g_dbus_error_new_for_dbus_error (later_members[k].dbus_name, "message");
    g_assert_cmpstr (encoded, ==, later_members[k].dbus_name);
    g_assert_error (decoded, domain, later_members[k].value);
    checked++;
  }
  g_test_message ("%u error names checked", checked);
  g_assert_cmpuint (checked, >, 200);
}

static void
test_unknown_names_stay_generic (void)
{
  g_autoptr (GError) error = NULL;

  (void)mmc_core_error_quark ();
  error = g_dbus_error_new_for_dbus_error ("org.freedesktop.ModemManager1.Error.Core.NoSuchName", "message");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/client/enums/values", test_enums);
  g_test_add_func ("/client/errors/names", test_errors);
  g_test_add_func ("/client/errors/unknown-name", test_unknown_names_stay_generic);
  return g_test_run ();
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The six ModemManager1 error domains, registered with GDBus once each so
 * that a reply's error name becomes a GError with our domain and code. A
 * D-Bus name is its code's name in CamelCase, but for three irregular ones;
 * tests/client checks every name against ModemManager-errors.h (and the
 * Core codes added after 1.20 against their documented names). */
#include "mmc-private.h"

#define ERROR_PREFIX "org.freedesktop.ModemManager1.Error."

/* The three names of the API that are not their code's name in CamelCase. */
static const struct {
  const char *value_name;
  const char *dbus_suffix;
} irregular_names[] = {
  { "MMC_CORE_ERROR_RESET_AND_RETRY", "ResetRetry" },
  { "MMC_MOBILE_EQUIPMENT_ERROR_SYNTACTICAL_ERROR_IN_PACKET_FILTER", "SyntacticalErrorsInPacketFilter" },
  { "MMC_MOBILE_EQUIPMENT_ERROR_NGKSI_ALREADY_IN_USE", "NkgsiAlreadyInUse" },
};

/* "invalid-args" -> "InvalidArgs"; digits stay ("5gcn" -> "5gcn"). */
static char *
camel_case (const char *nick)
{
  GString *name = g_string_new (NULL);
  gboolean word_start = TRUE;

  for (const char *p = nick; *p; p++) {
    if (*p == '-') {
      word_start = TRUE;
      continue;
    }
    g_string_append_c (name, word_start ? g_ascii_toupper (*p) : *p);
    word_start = FALSE;
  }
  return g_string_free (name, FALSE);
}

static char *
dbus_suffix (const GEnumValue *value)
{
  for (gsize i = 0; i < G_N_ELEMENTS (irregular_names); i++)
    if (strcmp (value->value_name, irregular_names[i].value_name) == 0)
      return g_strdup (irregular_names[i].dbus_suffix);
  return camel_case (value->value_nick);
}

/* Registers every value of enum_type as ERROR_PREFIX<domain>.<Name>. */
static void
register_domain (GQuark quark, GType enum_type, const char *domain)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (enum_type);

  for (guint i = 0; i < klass->n_values; i++) {
    const GEnumValue *value = &klass->values[i];
    g_autofree char *suffix = dbus_suffix (value);
    g_autofree char *name = g_strconcat (ERROR_PREFIX, domain, ".", suffix, NULL);

    g_dbus_error_register_error (quark, value->value, name);
  }
}

#define MMC_DEFINE_ERROR_DOMAIN(func, quark_name, get_type, domain)                                          \
  GQuark func (void)                                                                                         \
  {                                                                                                          \
    static gsize quark = 0;                                                                                  \
                                                                                                             \
    if (g_once_init_enter (&quark)) {                                                                        \
      GQuark q = g_quark_from_static_string (quark_name);                                                    \
                                                                                                             \
      register_domain (q, get_type (), domain);                                                              \
      g_once_init_leave (&quark, q);                                                                         \
    }                                                                                                        \
    return (GQuark)quark;                                                                                    \
  }

MMC_DEFINE_ERROR_DOMAIN (mmc_core_error_quark, "mmc-core-error-quark", mmc_core_error_get_type, "Core")
MMC_DEFINE_ERROR_DOMAIN (mmc_mobile_equipment_error_quark, "mmc-mobile-equipment-error-quark",
                         mmc_mobile_equipment_error_get_type, "MobileEquipment")
MMC_DEFINE_ERROR_DOMAIN (mmc_connection_error_quark, "mmc-connection-error-quark",
                         mmc_connection_error_get_type, "Connection")
MMC_DEFINE_ERROR_DOMAIN (mmc_serial_error_quark, "mmc-serial-error-quark", mmc_serial_error_get_type,
                         "Serial")
MMC_DEFINE_ERROR_DOMAIN (mmc_message_error_quark, "mmc-message-error-quark", mmc_message_error_get_type,
                         "Message")
MMC_DEFINE_ERROR_DOMAIN (mmc_cdma_activation_error_quark, "mmc-cdma-activation-error-quark",
                         mmc_cdma_activation_error_get_type, "CdmaActivation")

void
mmc_errors_register (void)
{
  /* Every domain must be known before the first reply arrives, or GDBus
   * turns an error name it does not know into G_IO_ERROR_DBUS_ERROR. */
  (void)mmc_core_error_quark ();
  (void)mmc_mobile_equipment_error_quark ();
  (void)mmc_connection_error_quark ();
  (void)mmc_serial_error_quark ();
  (void)mmc_message_error_quark ();
  (void)mmc_cdma_activation_error_quark ();
}

gboolean
mmc_error_is_ours (const GError *error)
{
  return error
         && (error->domain == MMC_CORE_ERROR || error->domain == MMC_MOBILE_EQUIPMENT_ERROR
             || error->domain == MMC_CONNECTION_ERROR || error->domain == MMC_SERIAL_ERROR
             || error->domain == MMC_MESSAGE_ERROR || error->domain == MMC_CDMA_ACTIVATION_ERROR);
}

gboolean
mmc_call_done (gboolean ok, GError **error)
{
  /* A mapped error keeps its name in domain and code, so the
   * "GDBus.Error:<name>: " prefix only repeats it; other errors keep the
   * prefix, which is then the only place their remote name is told. */
  if (!ok && error && mmc_error_is_ours (*error))
    g_dbus_error_strip_remote_error (*error);
  return ok;
}

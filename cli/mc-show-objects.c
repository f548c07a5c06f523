/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SIM (-i), bearer (-b) and SMS (-s) views, with mmcli's keys
 * (sim.*, bearer.*, sms.*) and its rules for values that mean nothing. */
#include "mc-nicks.h"
#include "mc-show.h"
#include "md-enums.h"

char *
mc_hex (GVariant *bytes)
{
  gsize n = 0;
  const guint8 *data = bytes ? g_variant_get_fixed_array (bytes, &n, 1) : NULL;
  GString *str = g_string_sized_new (n * 2);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (str, "%02X", data[i]);
  return g_string_free (str, FALSE);
}

char *
mc_ip_family_string (guint32 family)
{
  return mc_flags_string (mc_nicks_MdBearerIpFamily, family);
}

static char *
hex_or_null (GVariant *bytes)
{
  return bytes && g_variant_n_children (bytes) > 0 ? mc_hex (bytes) : NULL;
}

void
mc_show_sim (McContext *ctx, MdDbusSim *sim)
{
  GVariant *nets = md_dbus_sim_get_preferred_networks (sim);

  mc_output_string (ctx->out, MC_F_SIM_DBUS_PATH, g_dbus_proxy_get_object_path (G_DBUS_PROXY (sim)));
  mc_output_string (ctx->out, MC_F_SIM_ACTIVE, md_dbus_sim_get_active (sim) ? "yes" : "no");
  mc_output_string (ctx->out, MC_F_SIM_IMSI, md_dbus_sim_get_imsi (sim));
  mc_output_string (ctx->out, MC_F_SIM_ICCID, md_dbus_sim_get_sim_identifier (sim));
  mc_output_string (ctx->out, MC_F_SIM_EID, md_dbus_sim_get_eid (sim));
  mc_output_string (ctx->out, MC_F_SIM_OPERATOR_ID, md_dbus_sim_get_operator_identifier (sim));
  mc_output_string (ctx->out, MC_F_SIM_OPERATOR_NAME, md_dbus_sim_get_operator_name (sim));
  mc_output_array (ctx->out, MC_F_SIM_EMERGENCY_NUMBERS, md_dbus_sim_get_emergency_numbers (sim), FALSE);
  if (nets && g_variant_n_children (nets) > 0) {
    g_autoptr (GPtrArray) lines = g_ptr_array_new ();
    GVariantIter iter;
    const char *code;
    guint32 tech;

    g_variant_iter_init (&iter, nets);
    while (g_variant_iter_next (&iter, "(&su)", &code, &tech)) {
      g_autofree char *techs = mc_flags_string (mc_nicks_MdModemAccessTechnology, tech);

      g_ptr_array_add (lines,
                       ctx->out->type == MC_OUTPUT_HUMAN
                         ? g_strdup_printf ("%s (%s)", code, techs)
                         : g_strdup_printf ("operator-code: %s, access-technologies: %s", code, techs));
    }
    g_ptr_array_add (lines, NULL);
    mc_output_array_take (ctx->out, MC_F_SIM_PREFERRED_NETWORKS,
                          (char **)g_ptr_array_free (g_steal_pointer (&lines), FALSE), TRUE);
  }
  mc_output_string_take (ctx->out, MC_F_SIM_GID1, hex_or_null (md_dbus_sim_get_gid1 (sim)));
  mc_output_string_take (ctx->out, MC_F_SIM_GID2, hex_or_null (md_dbus_sim_get_gid2 (sim)));
  mc_output_string (ctx->out, MC_F_SIM_TYPE,
                    mc_enum_nick (mc_nicks_MdSimType, md_dbus_sim_get_sim_type (sim)));
  mc_output_string (ctx->out, MC_F_SIM_ESIM_STATUS,
                    mc_enum_nick (mc_nicks_MdSimEsimStatus, md_dbus_sim_get_esim_status (sim)));
  mc_output_string (ctx->out, MC_F_SIM_REMOVABILITY,
                    mc_enum_nick (mc_nicks_MdSimRemovability, md_dbus_sim_get_removability (sim)));
}

static void
show_ip_config (McContext *ctx, GVariant *config, McField first)
{
  guint32 method = 0, prefix = 0, mtu = 0;
  const char *address = NULL, *gateway = NULL, *dns = NULL;
  g_autoptr (GPtrArray) servers = g_ptr_array_new ();

  if (config)
    g_variant_lookup (config, "method", "u", &method);
  if (method != MD_BEARER_IP_METHOD_UNKNOWN) {
    g_variant_lookup (config, "address", "&s", &address);
    g_variant_lookup (config, "prefix", "u", &prefix);
    g_variant_lookup (config, "gateway", "&s", &gateway);
    g_variant_lookup (config, "mtu", "u", &mtu);
    if (g_variant_lookup (config, "dns1", "&s", &dns))
      g_ptr_array_add (servers, (char *)dns);
    if (g_variant_lookup (config, "dns2", "&s", &dns))
      g_ptr_array_add (servers, (char *)dns);
    if (g_variant_lookup (config, "dns3", "&s", &dns))
      g_ptr_array_add (servers, (char *)dns);
  }
  g_ptr_array_add (servers, NULL);
  /* The fields of IPv4 and IPv6 follow one another in the same order. */
  mc_output_string (ctx->out, first, mc_enum_nick (mc_nicks_MdBearerIpMethod, method));
  mc_output_string (ctx->out, first + 1, address);
  mc_output_string_take (ctx->out, first + 2,
                         method != MD_BEARER_IP_METHOD_UNKNOWN ? g_strdup_printf ("%u", prefix) : NULL);
  mc_output_string (ctx->out, first + 3, gateway);
  mc_output_array (ctx->out, first + 4, servers->len > 1 ? (const char *const *)servers->pdata : NULL, FALSE);
  mc_output_string_take (ctx->out, first + 5, mtu ? g_strdup_printf ("%u", mtu) : NULL);
}

static void
show_bearer_properties (McContext *ctx, MdDbusBearer *bearer)
{
  GVariant *p = md_dbus_bearer_get_properties (bearer);
  gint32 profile_id = -1;
  const char *apn = NULL, *user = NULL, *password = NULL;
  guint32 apn_type = 0, ip_type = 0, auth = 0, rm = 0, access = 0, allowance = 0;
  gboolean roaming = TRUE;
  gboolean attach = md_dbus_bearer_get_bearer_type (bearer) == MD_BEARER_TYPE_DEFAULT_ATTACH;

  if (p) {
    g_variant_lookup (p, "profile-id", "i", &profile_id);
    g_variant_lookup (p, "apn", "&s", &apn);
    g_variant_lookup (p, "apn-type", "u", &apn_type);
    g_variant_lookup (p, "ip-type", "u", &ip_type);
    g_variant_lookup (p, "allowed-auth", "u", &auth);
    g_variant_lookup (p, "user", "&s", &user);
    g_variant_lookup (p, "password", "&s", &password);
    g_variant_lookup (p, "allow-roaming", "b", &roaming);
    g_variant_lookup (p, "rm-protocol", "u", &rm);
    g_variant_lookup (p, "access-type-preference", "u", &access);
    g_variant_lookup (p, "roaming-allowance", "u", &allowance);
  }
  mc_output_string_take (ctx->out, MC_F_BEARER_PROP_PROFILE_ID,
                         p && profile_id != -1 ? g_strdup_printf ("%d", profile_id) : NULL);
  mc_output_string (ctx->out, MC_F_BEARER_PROP_APN, apn);
  mc_output_string_take (ctx->out, MC_F_BEARER_PROP_APN_TYPE,
                         p ? mc_flags_string (mc_nicks_MdBearerApnType, apn_type) : NULL);
  mc_output_string (ctx->out, MC_F_BEARER_PROP_ROAMING,
                    p && !attach ? (roaming ? "allowed" : "forbidden") : NULL);
  mc_output_string_take (ctx->out, MC_F_BEARER_PROP_IP_TYPE, p ? mc_ip_family_string (ip_type) : NULL);
  mc_output_string (ctx->out, MC_F_BEARER_PROP_USER, user);
  mc_output_string (ctx->out, MC_F_BEARER_PROP_PASSWORD, password);
  mc_output_string (ctx->out, MC_F_BEARER_PROP_RM_PROTOCOL,
                    p && !attach ? mc_enum_nick (mc_nicks_MdModemCdmaRmProtocol, rm) : NULL);
  mc_output_list_take (ctx->out, MC_F_BEARER_PROP_ALLOWED_AUTH,
                       p ? mc_flags_string (mc_nicks_MdBearerAllowedAuth, auth) : NULL);
  mc_output_string (ctx->out, MC_F_BEARER_PROP_ACCESS_TYPE_PREFERENCE,
                    p ? mc_enum_nick (mc_nicks_MdBearerAccessTypePreference, access) : NULL);
  mc_output_string_take (ctx->out, MC_F_BEARER_PROP_ROAMING_ALLOWANCE,
                         p ? mc_flags_string (mc_nicks_MdBearerRoamingAllowance, allowance) : NULL);
}

static void
stat_number (McContext *ctx, GVariant *stats, McField field, const char *key, gboolean wide)
{
  guint64 value = 0;

  if (stats && wide)
    g_variant_lookup (stats, key, "t", &value);
  else if (stats) {
    guint32 v32 = 0;

    g_variant_lookup (stats, key, "u", &v32);
    value = v32;
  }
  mc_output_string_take (ctx->out, field, value ? g_strdup_printf ("%" G_GUINT64_FORMAT, value) : NULL);
}

void
mc_show_bearer (McContext *ctx, MdDbusBearer *bearer)
{
  GVariant *error = md_dbus_bearer_get_connection_error (bearer);
  GVariant *stats = md_dbus_bearer_get_stats (bearer);
  const char *error_name = NULL, *error_message = NULL;
  gint32 profile_id = md_dbus_bearer_get_profile_id (bearer);
  guint64 start = 0;

  if (error)
    g_variant_get (error, "(&s&s)", &error_name, &error_message);
  if (!error_name || !error_name[0])
    error_name = error_message = NULL;
  mc_output_string (ctx->out, MC_F_BEARER_DBUS_PATH, g_dbus_proxy_get_object_path (G_DBUS_PROXY (bearer)));
  mc_output_string (ctx->out, MC_F_BEARER_TYPE,
                    mc_enum_nick (mc_nicks_MdBearerType, md_dbus_bearer_get_bearer_type (bearer)));
  mc_output_string (ctx->out, MC_F_BEARER_CONNECTED, md_dbus_bearer_get_connected (bearer) ? "yes" : "no");
  mc_output_string (ctx->out, MC_F_BEARER_ERROR_NAME, error_name);
  mc_output_string (ctx->out, MC_F_BEARER_ERROR_MESSAGE, error_message);
  mc_output_string (ctx->out, MC_F_BEARER_SUSPENDED, md_dbus_bearer_get_suspended (bearer) ? "yes" : "no");
  mc_output_string (ctx->out, MC_F_BEARER_MULTIPLEXED,
                    md_dbus_bearer_get_multiplexed (bearer) ? "yes" : "no");
  mc_output_string (ctx->out, MC_F_BEARER_INTERFACE, md_dbus_bearer_get_interface (bearer));
  mc_output_string_take (ctx->out, MC_F_BEARER_IP_TIMEOUT,
                         g_strdup_printf ("%u", md_dbus_bearer_get_ip_timeout (bearer)));
  mc_output_string_take (ctx->out, MC_F_BEARER_PROFILE_ID,
                         profile_id != -1 ? g_strdup_printf ("%d", profile_id) : NULL);
  show_bearer_properties (ctx, bearer);
  show_ip_config (ctx, md_dbus_bearer_get_ip4_config (bearer), MC_F_BEARER_IPV4_METHOD);
  show_ip_config (ctx, md_dbus_bearer_get_ip6_config (bearer), MC_F_BEARER_IPV6_METHOD);
  if (stats && g_variant_lookup (stats, "start-date", "t", &start) && start) {
    g_autoptr (GDateTime) when = start <= G_MAXINT64 ? g_date_time_new_from_unix_utc ((gint64)start) : NULL;

    /* Scripts get the number (as from mmcli), humans a date. */
    mc_output_string_take (ctx->out, MC_F_BEARER_STATS_START_DATE,
                           ctx->out->type == MC_OUTPUT_HUMAN && when
                             ? g_date_time_format_iso8601 (when)
                             : g_strdup_printf ("%" G_GUINT64_FORMAT, start));
  }
  stat_number (ctx, stats, MC_F_BEARER_STATS_DURATION, "duration", FALSE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_BYTES_RX, "rx-bytes", TRUE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_BYTES_TX, "tx-bytes", TRUE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_ATTEMPTS, "attempts", FALSE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_FAILED_ATTEMPTS, "failed-attempts", FALSE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_TOTAL_DURATION, "total-duration", FALSE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_TOTAL_BYTES_RX, "total-rx-bytes", TRUE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_TOTAL_BYTES_TX, "total-tx-bytes", TRUE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_UPLINK_SPEED, "uplink-speed", TRUE);
  stat_number (ctx, stats, MC_F_BEARER_STATS_DOWNLINK_SPEED, "downlink-speed", TRUE);
}

void
mc_show_sms (McContext *ctx, MdDbusSms *sms)
{
  GVariant *validity = md_dbus_sms_get_validity (sms);
  guint32 validity_type = 0;
  g_autoptr (GVariant) validity_value = NULL;
  guint32 pdu_type = md_dbus_sms_get_pdu_type (sms);
  guint32 reference = md_dbus_sms_get_message_reference (sms);
  guint32 delivery = md_dbus_sms_get_delivery_state (sms);
  gint32 klass = md_dbus_sms_get_class (sms);
  g_autofree char *relative = NULL;

  if (validity) {
    g_variant_get (validity, "(uv)", &validity_type, &validity_value);
    if (validity_type == MD_SMS_VALIDITY_TYPE_RELATIVE
        && g_variant_is_of_type (validity_value, G_VARIANT_TYPE_UINT32))
      relative = g_strdup_printf ("%u", g_variant_get_uint32 (validity_value));
  }
  mc_output_string (ctx->out, MC_F_SMS_DBUS_PATH, g_dbus_proxy_get_object_path (G_DBUS_PROXY (sms)));
  mc_output_string (ctx->out, MC_F_SMS_NUMBER, md_dbus_sms_get_number (sms));
  mc_output_string (ctx->out, MC_F_SMS_TEXT, md_dbus_sms_get_text (sms));
  mc_output_string_take (ctx->out, MC_F_SMS_DATA, hex_or_null (md_dbus_sms_get_data (sms)));
  mc_output_string (ctx->out, MC_F_SMS_PDU_TYPE, mc_enum_nick (mc_nicks_MdSmsPduType, pdu_type));
  mc_output_string (ctx->out, MC_F_SMS_STATE,
                    mc_enum_nick (mc_nicks_MdSmsState, md_dbus_sms_get_state (sms)));
  mc_output_string_take (ctx->out, MC_F_SMS_VALIDITY, g_steal_pointer (&relative));
  mc_output_string (ctx->out, MC_F_SMS_STORAGE,
                    mc_enum_nick (mc_nicks_MdSmsStorage, md_dbus_sms_get_storage (sms)));
  mc_output_string (ctx->out, MC_F_SMS_SMSC, md_dbus_sms_get_smsc (sms));
  mc_output_string_take (ctx->out, MC_F_SMS_CLASS, klass >= 0 ? g_strdup_printf ("%d", klass) : NULL);
  mc_output_string (ctx->out, MC_F_SMS_TELESERVICE_ID,
                    mc_enum_nick (mc_nicks_MdSmsCdmaTeleserviceId, md_dbus_sms_get_teleservice_id (sms)));
  mc_output_string (ctx->out, MC_F_SMS_SERVICE_CATEGORY,
                    mc_enum_nick (mc_nicks_MdSmsCdmaServiceCategory, md_dbus_sms_get_service_category (sms)));
  mc_output_string (ctx->out, MC_F_SMS_DELIVERY_REPORT,
                    pdu_type == MD_SMS_PDU_TYPE_SUBMIT
                      ? (md_dbus_sms_get_delivery_report_request (sms) ? "requested" : "not requested")
                      : NULL);
  mc_output_string_take (ctx->out, MC_F_SMS_MSG_REFERENCE,
                         reference ? g_strdup_printf ("%u", reference) : NULL);
  mc_output_string (ctx->out, MC_F_SMS_TIMESTAMP, md_dbus_sms_get_timestamp (sms));
  mc_output_string (
    ctx->out, MC_F_SMS_DELIVERY_STATE,
    delivery != MD_SMS_DELIVERY_STATE_UNKNOWN ? mc_enum_nick (mc_nicks_MdSmsDeliveryState, delivery) : NULL);
  mc_output_string (ctx->out, MC_F_SMS_DISCH_TIMESTAMP, md_dbus_sms_get_discharge_timestamp (sms));
}

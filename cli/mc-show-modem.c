/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The modem view (-m): Modem, Modem3gpp and ModemCdma properties as the
 * values and keys mmcli prints (-K keys modem.generic.*, modem.3gpp.*). */
#include <string.h>

#include "mc-nicks.h"
#include "mc-show.h"
#include "md-enums.h"

static char *
capabilities_string (GVariant *caps)
{
  g_autoptr (GString) str = g_string_new (NULL);
  GVariantIter iter;
  guint32 cap;

  if (!caps || g_variant_n_children (caps) == 0)
    return g_strdup ("none");
  g_variant_iter_init (&iter, caps);
  while (g_variant_iter_next (&iter, "u", &cap)) {
    g_autofree char *one = mc_flags_string (mc_nicks_MdModemCapability, cap);

    g_string_append_printf (str, "%s%s", str->len ? "\n" : "", one ? one : "");
  }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static char *
modes_string (guint32 allowed, guint32 preferred)
{
  g_autofree char *a = mc_flags_string (mc_nicks_MdModemMode, allowed);
  g_autofree char *p = mc_flags_string (mc_nicks_MdModemMode, preferred);

  return g_strdup_printf ("allowed: %s; preferred: %s", a ? a : "(null)", p ? p : "(null)");
}

static char *
supported_modes_string (GVariant *modes)
{
  g_autoptr (GString) str = g_string_new (NULL);
  GVariantIter iter;
  guint32 allowed, preferred;

  /* No combination at all reads as "any mode", as in ModemManager's client
   * library (the other lists read as empty). */
  if (!modes || g_variant_n_children (modes) == 0)
    return modes_string (MD_MODEM_MODE_ANY, MD_MODEM_MODE_NONE);
  g_variant_iter_init (&iter, modes);
  while (g_variant_iter_next (&iter, "(uu)", &allowed, &preferred)) {
    g_autofree char *one = modes_string (allowed, preferred);

    g_string_append_printf (str, "%s%s", str->len ? "\n" : "", one);
  }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static char *
bands_string (GVariant *bands)
{
  g_autoptr (GString) str = g_string_new (NULL);
  GVariantIter iter;
  guint32 band;

  if (!bands || g_variant_n_children (bands) == 0)
    return g_strdup ("none");
  g_variant_iter_init (&iter, bands);
  while (g_variant_iter_next (&iter, "u", &band)) {
    const char *nick = mc_enum_nick (mc_nicks_MdModemBand, band);

    g_string_append_printf (str, "%s%s", str->len ? ", " : "", nick ? nick : "(null)");
  }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static char *
ports_string (GVariant *ports)
{
  g_autoptr (GString) str = g_string_new (NULL);
  GVariantIter iter;
  const char *name;
  guint32 type;

  if (!ports || g_variant_n_children (ports) == 0)
    return g_strdup ("none");
  g_variant_iter_init (&iter, ports);
  while (g_variant_iter_next (&iter, "(&su)", &name, &type)) {
    const char *nick = mc_enum_nick (mc_nicks_MdModemPortType, type);

    g_string_append_printf (str, "%s%s (%s)", str->len ? ", " : "", name, nick ? nick : "(null)");
  }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* mmcli lists retries in the order of a GLib hash table keyed by lock,
 * filled in the order of the D-Bus dictionary; the same table here gives
 * the same order. */
static char *
unlock_retries_string (GVariant *retries)
{
  g_autoptr (GHashTable) table = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GString) str = NULL;
  GHashTableIter hiter;
  GVariantIter iter;
  gpointer key, value;
  guint32 lock, count;

  if (retries) {
    g_variant_iter_init (&iter, retries);
    while (g_variant_iter_next (&iter, "{uu}", &lock, &count))
      g_hash_table_replace (table, GUINT_TO_POINTER (lock), GUINT_TO_POINTER (count));
  }
  g_hash_table_iter_init (&hiter, table);
  while (g_hash_table_iter_next (&hiter, &key, &value)) {
    const char *nick = mc_enum_nick (mc_nicks_MdModemLock, GPOINTER_TO_UINT (key));

    if (!str)
      str = g_string_new (NULL);
    else
      g_string_append (str, ", ");
    g_string_append_printf (str, "%s (%u)", nick ? nick : "(null)", GPOINTER_TO_UINT (value));
  }
  return str ? g_string_free (g_steal_pointer (&str), FALSE) : NULL;
}

static void
show_state (McContext *ctx, MdDbusModem *modem)
{
  gint32 state = md_dbus_modem_get_state (modem);
  const char *nick = mc_enum_nick (mc_nicks_MdModemState, (guint32)state);
  guint32 reason = md_dbus_modem_get_state_failed_reason (modem);
  guint32 quality = 0;
  gboolean recent = FALSE;
  GVariant *sq = md_dbus_modem_get_signal_quality (modem);

  if (sq)
    g_variant_get (sq, "(ub)", &quality, &recent);
  mc_output_string (ctx->out, MC_F_MODEM_STATE, nick);
  mc_output_string (ctx->out, MC_F_MODEM_FAILED_REASON,
                    state == MD_MODEM_STATE_FAILED ? mc_enum_nick (mc_nicks_MdModemStateFailedReason, reason)
                                                   : NULL);
  mc_output_string (ctx->out, MC_F_MODEM_POWER_STATE,
                    mc_enum_nick (mc_nicks_MdModemPowerState, md_dbus_modem_get_power_state (modem)));
  mc_output_list_take (
    ctx->out, MC_F_MODEM_ACCESS_TECH,
    mc_flags_string (mc_nicks_MdModemAccessTechnology, md_dbus_modem_get_access_technologies (modem)));
  if (ctx->out->type == MC_OUTPUT_HUMAN) {
    /* Humans get one line, and no number while it means nothing. */
    mc_output_string_take (ctx->out, MC_F_MODEM_SIGNAL_QUALITY_VALUE,
                           state >= MD_MODEM_STATE_ENABLED
                             ? g_strdup_printf ("%u%% (%s)", quality, recent ? "recent" : "cached")
                             : NULL);
    return;
  }
  mc_output_string_take (ctx->out, MC_F_MODEM_SIGNAL_QUALITY_VALUE, g_strdup_printf ("%u", quality));
  mc_output_string (ctx->out, MC_F_MODEM_SIGNAL_QUALITY_RECENT, recent ? "yes" : "no");
}

static void
show_3gpp (McContext *ctx, MdDbusObject *object, MdDbusModem *modem)
{
  g_autoptr (MdDbusModemModem3gpp) gpp = md_dbus_object_get_modem_modem3gpp (object);
  const char *initial = NULL;
  const char *apn = NULL, *user = NULL, *password = NULL;
  g_autofree char *ip_type = NULL;
  g_autoptr (GPtrArray) pco = g_ptr_array_new_with_free_func (g_free);
  guint32 caps = md_dbus_modem_get_current_capabilities (modem);

  if (gpp) {
    GVariant *settings = md_dbus_modem_modem3gpp_get_initial_eps_bearer_settings (gpp);
    GVariant *pcos = md_dbus_modem_modem3gpp_get_pco (gpp);

    initial = md_dbus_modem_modem3gpp_get_initial_eps_bearer (gpp);
    if ((caps & MD_MODEM_CAPABILITY_LTE) && settings) {
      guint32 ip = 0;

      g_variant_lookup (settings, "apn", "&s", &apn);
      g_variant_lookup (settings, "user", "&s", &user);
      g_variant_lookup (settings, "password", "&s", &password);
      g_variant_lookup (settings, "ip-type", "u", &ip);
      ip_type = mc_ip_family_string (ip);
    }
    if (pcos) {
      GVariantIter iter;
      guint32 session;
      gboolean complete;
      g_autoptr (GVariant) data = NULL;

      g_variant_iter_init (&iter, pcos);
      while (g_variant_iter_next (&iter, "(ub@ay)", &session, &complete, &data)) {
        g_autofree char *hex = mc_hex (data);

        g_ptr_array_add (
          pco, ctx->out->type == MC_OUTPUT_HUMAN
                 ? g_strdup_printf ("%u: (%s) '%s'\n", session, complete ? "complete" : "partial", hex)
                 : g_strdup_printf ("session-id: %u, complete: %s, data: %s\n", session,
                                    complete ? "yes" : "no", hex));
        g_clear_pointer (&data, g_variant_unref);
      }
    }
  }
  mc_output_string (ctx->out, MC_F_3GPP_IMEI, gpp ? md_dbus_modem_modem3gpp_get_imei (gpp) : NULL);
  mc_output_list_take (ctx->out, MC_F_3GPP_ENABLED_LOCKS,
                       gpp ? mc_flags_string (mc_nicks_MdModem3gppFacility,
                                              md_dbus_modem_modem3gpp_get_enabled_facility_locks (gpp))
                           : NULL);
  mc_output_string (ctx->out, MC_F_3GPP_OPERATOR_ID,
                    gpp ? md_dbus_modem_modem3gpp_get_operator_code (gpp) : NULL);
  mc_output_string (ctx->out, MC_F_3GPP_OPERATOR_NAME,
                    gpp ? md_dbus_modem_modem3gpp_get_operator_name (gpp) : NULL);
  mc_output_string (ctx->out, MC_F_3GPP_REGISTRATION,
                    gpp ? mc_enum_nick (mc_nicks_MdModem3gppRegistrationState,
                                        md_dbus_modem_modem3gpp_get_registration_state (gpp))
                        : NULL);
  mc_output_string (ctx->out, MC_F_3GPP_PACKET_SERVICE_STATE,
                    gpp ? mc_enum_nick (mc_nicks_MdModem3gppPacketServiceState,
                                        md_dbus_modem_modem3gpp_get_packet_service_state (gpp))
                        : NULL);
  mc_output_string (ctx->out, MC_F_3GPP_EPS_UE_MODE,
                    gpp ? mc_enum_nick (mc_nicks_MdModem3gppEpsUeModeOperation,
                                        md_dbus_modem_modem3gpp_get_eps_ue_mode_operation (gpp))
                        : NULL);
  mc_output_string (ctx->out, MC_F_3GPP_EPS_INITIAL_BEARER_PATH,
                    g_strcmp0 (initial, "/") != 0 ? initial : NULL);
  mc_output_string (ctx->out, MC_F_3GPP_EPS_BEARER_APN, apn);
  mc_output_string_take (ctx->out, MC_F_3GPP_EPS_BEARER_IP_TYPE, g_steal_pointer (&ip_type));
  mc_output_string (ctx->out, MC_F_3GPP_EPS_BEARER_USER, user);
  mc_output_string (ctx->out, MC_F_3GPP_EPS_BEARER_PASSWORD, password);
  mc_output_string (ctx->out, MC_F_3GPP_5GNR_MICO_MODE, NULL);
  mc_output_string (ctx->out, MC_F_3GPP_5GNR_DRX_CYCLE, NULL);
  if (pco->len == 0) {
    mc_output_string (ctx->out, MC_F_3GPP_PCO, NULL);
  } else {
    g_ptr_array_add (pco, NULL);
    mc_output_array_take (ctx->out, MC_F_3GPP_PCO, (char **)g_ptr_array_free (g_steal_pointer (&pco), FALSE),
                          TRUE);
  }
}

static void
show_cdma (McContext *ctx, MdDbusObject *object)
{
  g_autoptr (MdDbusModemCdma) cdma = md_dbus_object_get_modem_cdma (object);
  guint sid = cdma ? md_dbus_modem_cdma_get_sid (cdma) : 0,
        nid = cdma ? md_dbus_modem_cdma_get_nid (cdma) : 0;

  mc_output_string (ctx->out, MC_F_CDMA_MEID, cdma ? md_dbus_modem_cdma_get_meid (cdma) : NULL);
  mc_output_string (ctx->out, MC_F_CDMA_ESN, cdma ? md_dbus_modem_cdma_get_esn (cdma) : NULL);
  mc_output_string_take (ctx->out, MC_F_CDMA_SID, cdma && sid ? g_strdup_printf ("%u", sid) : NULL);
  mc_output_string_take (ctx->out, MC_F_CDMA_NID, cdma && nid ? g_strdup_printf ("%u", nid) : NULL);
  mc_output_string (ctx->out, MC_F_CDMA_REGISTRATION_CDMA1X,
                    cdma ? mc_enum_nick (mc_nicks_MdModemCdmaRegistrationState,
                                         md_dbus_modem_cdma_get_cdma1x_registration_state (cdma))
                         : NULL);
  mc_output_string (ctx->out, MC_F_CDMA_REGISTRATION_EVDO,
                    cdma ? mc_enum_nick (mc_nicks_MdModemCdmaRegistrationState,
                                         md_dbus_modem_cdma_get_evdo_registration_state (cdma))
                         : NULL);
  mc_output_string (
    ctx->out, MC_F_CDMA_ACTIVATION,
    cdma ? mc_enum_nick (mc_nicks_MdModemCdmaActivationState, md_dbus_modem_cdma_get_activation_state (cdma))
         : NULL);
}

static void
show_sim_and_bearers (McContext *ctx, MdDbusModem *modem)
{
  const char *sim = md_dbus_modem_get_sim (modem);
  const char *const *slots = md_dbus_modem_get_sim_slots (modem);
  const char *const *bearers = md_dbus_modem_get_bearers (modem);
  guint primary = md_dbus_modem_get_primary_sim_slot (modem);

  mc_output_string (ctx->out, MC_F_MODEM_SIM_PATH, g_strcmp0 (sim, "/") != 0 ? sim : NULL);
  if (slots && !slots[0])
    slots = NULL;
  if (ctx->out->type != MC_OUTPUT_HUMAN || !slots) {
    mc_output_string_take (ctx->out, MC_F_MODEM_PRIMARY_SIM_SLOT,
                           primary ? g_strdup_printf ("%u", primary) : NULL);
    mc_output_array (ctx->out, MC_F_MODEM_SIM_SLOTS, slots, TRUE);
  } else {
    g_autoptr (GPtrArray) lines = g_ptr_array_new ();

    for (guint i = 0; slots[i]; i++)
      g_ptr_array_add (lines, g_strdup_printf ("slot %u: %s%s", i + 1,
                                               g_str_equal (slots[i], "/") ? "none" : slots[i],
                                               primary == i + 1 ? " (active)" : ""));
    g_ptr_array_add (lines, NULL);
    mc_output_array_take (ctx->out, MC_F_MODEM_SIM_SLOTS,
                          (char **)g_ptr_array_free (g_steal_pointer (&lines), FALSE), TRUE);
  }
  mc_output_array (ctx->out, MC_F_MODEM_BEARERS, bearers && bearers[0] ? bearers : NULL, TRUE);
}

void
mc_show_modem (McContext *ctx, MdDbusObject *object)
{
  g_autoptr (MdDbusModem) modem = md_dbus_object_get_modem (object);
  GVariant *modes = md_dbus_modem_get_current_modes (modem);
  guint32 allowed = 0, preferred = 0;

  if (modes)
    g_variant_get (modes, "(uu)", &allowed, &preferred);
  mc_output_string (ctx->out, MC_F_MODEM_DBUS_PATH, g_dbus_object_get_object_path (G_DBUS_OBJECT (object)));
  mc_output_string (ctx->out, MC_F_MODEM_DEVICE_ID, md_dbus_modem_get_device_identifier (modem));
  mc_output_string (ctx->out, MC_F_MODEM_MANUFACTURER, md_dbus_modem_get_manufacturer (modem));
  mc_output_string (ctx->out, MC_F_MODEM_MODEL, md_dbus_modem_get_model (modem));
  mc_output_string (ctx->out, MC_F_MODEM_REVISION, md_dbus_modem_get_revision (modem));
  mc_output_string (ctx->out, MC_F_MODEM_CARRIER_CONF, md_dbus_modem_get_carrier_configuration (modem));
  mc_output_string (ctx->out, MC_F_MODEM_CARRIER_CONF_REV,
                    md_dbus_modem_get_carrier_configuration_revision (modem));
  mc_output_string (ctx->out, MC_F_MODEM_HW_REVISION, md_dbus_modem_get_hardware_revision (modem));
  mc_output_multiline_take (ctx->out, MC_F_MODEM_SUPPORTED_CAPABILITIES,
                            capabilities_string (md_dbus_modem_get_supported_capabilities (modem)));
  mc_output_multiline_take (
    ctx->out, MC_F_MODEM_CURRENT_CAPABILITIES,
    mc_flags_string (mc_nicks_MdModemCapability, md_dbus_modem_get_current_capabilities (modem)));
  mc_output_string (ctx->out, MC_F_MODEM_EQUIPMENT_ID, md_dbus_modem_get_equipment_identifier (modem));
  mc_output_string (ctx->out, MC_F_MODEM_DEVICE, md_dbus_modem_get_device (modem));
  mc_output_array (ctx->out, MC_F_MODEM_DRIVERS, md_dbus_modem_get_drivers (modem), FALSE);
  mc_output_string (ctx->out, MC_F_MODEM_PLUGIN, md_dbus_modem_get_plugin (modem));
  mc_output_string (ctx->out, MC_F_MODEM_PRIMARY_PORT, md_dbus_modem_get_primary_port (modem));
  mc_output_list_take (ctx->out, MC_F_MODEM_PORTS, ports_string (md_dbus_modem_get_ports (modem)));
  mc_output_array (ctx->out, MC_F_MODEM_OWN_NUMBERS, md_dbus_modem_get_own_numbers (modem), FALSE);
  mc_output_string (ctx->out, MC_F_MODEM_LOCK,
                    mc_enum_nick (mc_nicks_MdModemLock, md_dbus_modem_get_unlock_required (modem)));
  mc_output_list_take (ctx->out, MC_F_MODEM_UNLOCK_RETRIES,
                       unlock_retries_string (md_dbus_modem_get_unlock_retries (modem)));
  show_state (ctx, modem);
  mc_output_multiline_take (ctx->out, MC_F_MODEM_SUPPORTED_MODES,
                            supported_modes_string (md_dbus_modem_get_supported_modes (modem)));
  mc_output_string_take (ctx->out, MC_F_MODEM_CURRENT_MODES, modes_string (allowed, preferred));
  mc_output_list_take (ctx->out, MC_F_MODEM_SUPPORTED_BANDS,
                       bands_string (md_dbus_modem_get_supported_bands (modem)));
  mc_output_list_take (ctx->out, MC_F_MODEM_CURRENT_BANDS,
                       bands_string (md_dbus_modem_get_current_bands (modem)));
  mc_output_list_take (ctx->out, MC_F_MODEM_SUPPORTED_IP,
                       mc_ip_family_string (md_dbus_modem_get_supported_ip_families (modem)));
  show_3gpp (ctx, object, modem);
  show_cdma (ctx, object);
  show_sim_and_bearers (ctx, modem);
}

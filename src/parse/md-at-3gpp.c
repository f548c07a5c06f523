/* SPDX-License-Identifier: GPL-2.0-or-later */
/* 3GPP TS 27.007 network response parsers; see md-at-3gpp.h. Each parser
 * accepts what real modems print, including missing optional fields and
 * vendors' spacing, and fails with MD_CORE_ERROR_FAILED on anything else. */
#include "md-at-3gpp.h"

#include <string.h>

#include "md-at-fields.h"
#include "md-errors.h"

static gboolean
parse_error (GError **error, const char *what, const char *text)
{
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Cannot parse %s response '%s'", what, text);
  return FALSE;
}

guint32
md_at_access_technology_from_act (gint act)
{
  switch (act) {
  case 0: return MD_MODEM_ACCESS_TECHNOLOGY_GSM;
  case 1: return MD_MODEM_ACCESS_TECHNOLOGY_GSM_COMPACT;
  case 2: return MD_MODEM_ACCESS_TECHNOLOGY_UMTS;
  case 3: return MD_MODEM_ACCESS_TECHNOLOGY_EDGE;
  case 4: return MD_MODEM_ACCESS_TECHNOLOGY_HSDPA;
  case 5: return MD_MODEM_ACCESS_TECHNOLOGY_HSUPA;
  case 6: return MD_MODEM_ACCESS_TECHNOLOGY_HSPA;
  case 7: return MD_MODEM_ACCESS_TECHNOLOGY_LTE;
  case 8: return MD_MODEM_ACCESS_TECHNOLOGY_GSM;
  case 9: return MD_MODEM_ACCESS_TECHNOLOGY_LTE_NB_IOT;
  case 10: return MD_MODEM_ACCESS_TECHNOLOGY_LTE;
  case 11: return MD_MODEM_ACCESS_TECHNOLOGY_5GNR;
  case 12: return MD_MODEM_ACCESS_TECHNOLOGY_5GNR;
  case 13: return MD_MODEM_ACCESS_TECHNOLOGY_LTE | MD_MODEM_ACCESS_TECHNOLOGY_5GNR;
  default: return MD_MODEM_ACCESS_TECHNOLOGY_UNKNOWN;
  }
}

static MdModem3gppRegistrationState
registration_from_stat (guint64 stat)
{
  switch (stat) {
  case 0: return MD_MODEM_3GPP_REGISTRATION_STATE_IDLE;
  case 1: return MD_MODEM_3GPP_REGISTRATION_STATE_HOME;
  case 2: return MD_MODEM_3GPP_REGISTRATION_STATE_SEARCHING;
  case 3: return MD_MODEM_3GPP_REGISTRATION_STATE_DENIED;
  case 5: return MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING;
  case 6: return MD_MODEM_3GPP_REGISTRATION_STATE_HOME_SMS_ONLY;
  case 7: return MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING_SMS_ONLY;
  case 8: return MD_MODEM_3GPP_REGISTRATION_STATE_EMERGENCY_ONLY;
  case 9: return MD_MODEM_3GPP_REGISTRATION_STATE_HOME_CSFB_NOT_PREFERRED;
  case 10: return MD_MODEM_3GPP_REGISTRATION_STATE_ROAMING_CSFB_NOT_PREFERRED;
  case 11: return MD_MODEM_3GPP_REGISTRATION_STATE_ATTACHED_RLOS;
  default: return MD_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN;
  }
}

static const struct {
  const char *prefix;
  MdAtRegDomain domain;
} reg_prefixes[] = {
  { "+CREG:", MD_AT_REG_CS },
  { "+CGREG:", MD_AT_REG_PS },
  { "+CEREG:", MD_AT_REG_EPS },
  { "+C5GREG:", MD_AT_REG_5GS },
};

/* Where <stat> is: the query answer starts with <n>, an unsolicited report
 * does not. A quoted second field is a location, so the line is a report;
 * two bare numbers are "<n>,<stat>". */
static guint
stat_index (GPtrArray *fields)
{
  if (fields->len == 1)
    return 0;
  if (md_at_field_is_quoted (g_ptr_array_index (fields, 1)))
    return 0;
  return 1;
}

gboolean
md_at_parse_registration (const char *line, MdAtRegistration *out, GError **error)
{
  const char *value = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  guint64 stat = 0, act = 0, number = 0;
  guint index;

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < G_N_ELEMENTS (reg_prefixes) && !value; i++) {
    value = md_at_skip_prefix (line, reg_prefixes[i].prefix);
    out->domain = reg_prefixes[i].domain;
  }
  if (!value)
    return parse_error (error, "registration", line);
  fields = md_at_split_fields (value);
  index = stat_index (fields);
  if ((index == 1 && !md_at_field_uint (g_ptr_array_index (fields, 0), 255, &number))
      || !md_at_field_uint (g_ptr_array_index (fields, index), 255, &stat))
    return parse_error (error, "registration", line);
  out->state = registration_from_stat (stat);
  if (fields->len >= index + 3) {
    out->has_location = md_at_field_hex (g_ptr_array_index (fields, index + 1), &number)
                        && (out->lac = (guint32)number, TRUE)
                        && md_at_field_hex (g_ptr_array_index (fields, index + 2), &out->cell_id);
  }
  if (fields->len >= index + 4 && md_at_field_uint (g_ptr_array_index (fields, index + 3), 255, &act))
    out->access_technology = md_at_access_technology_from_act ((gint)act);
  return TRUE;
}

gboolean
md_at_parse_csq (const char *text, guint *out_percent, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CSQ:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 rssi;

  if (!value)
    return parse_error (error, "+CSQ", text);
  fields = md_at_split_fields (value);
  if (!md_at_field_uint (g_ptr_array_index (fields, 0), 99, &rssi) || (rssi > 31 && rssi != 99))
    return parse_error (error, "+CSQ", text);
  if (rssi == 99) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Signal quality unknown");
    return FALSE;
  }
  /* rssi 0..31 spans -113..-51 dBm; map it linearly to 0..100. */
  *out_percent = (guint)((rssi * 100) / 31);
  return TRUE;
}

gboolean
md_at_parse_cops_query (const char *text, guint *out_format, char **out_operator,
                        guint32 *out_access_technology, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+COPS:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 mode, format = 0, act = 0;

  *out_operator = NULL;
  *out_access_technology = MD_MODEM_ACCESS_TECHNOLOGY_UNKNOWN;
  *out_format = 0;
  if (!value)
    return parse_error (error, "+COPS", text);
  fields = md_at_split_fields (value);
  if (!md_at_field_uint (g_ptr_array_index (fields, 0), 4, &mode))
    return parse_error (error, "+COPS", text);
  if (fields->len < 3)
    return TRUE;
  if (!md_at_field_uint (g_ptr_array_index (fields, 1), 2, &format))
    return parse_error (error, "+COPS", text);
  *out_format = (guint)format;
  *out_operator = md_at_field_unquote (g_ptr_array_index (fields, 2));
  if (fields->len >= 4 && md_at_field_uint (g_ptr_array_index (fields, 3), 255, &act))
    *out_access_technology = md_at_access_technology_from_act ((gint)act);
  return TRUE;
}

void
md_at_network_free (MdAtNetwork *network)
{
  if (!network)
    return;
  g_free (network->long_name);
  g_free (network->short_name);
  g_free (network->code);
  g_free (network);
}

static MdAtNetwork *
parse_cops_entry (const char *group)
{
  g_autofree char *inner = g_strndup (group + 1, strlen (group) - 2);
  g_autoptr (GPtrArray) fields = md_at_split_fields (inner);
  g_autoptr (MdAtNetwork) network = NULL;
  guint64 status, act;

  if (fields->len < 4 || !md_at_field_uint (g_ptr_array_index (fields, 0), 3, &status))
    return NULL;
  network = g_new0 (MdAtNetwork, 1);
  network->status = (guint)status;
  network->long_name = md_at_field_unquote (g_ptr_array_index (fields, 1));
  network->short_name = md_at_field_unquote (g_ptr_array_index (fields, 2));
  network->code = md_at_field_unquote (g_ptr_array_index (fields, 3));
  if (fields->len >= 5 && md_at_field_uint (g_ptr_array_index (fields, 4), 255, &act))
    network->access_technology = md_at_access_technology_from_act ((gint)act);
  return g_steal_pointer (&network);
}

GPtrArray *
md_at_parse_cops_test (const char *text, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+COPS:");
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GPtrArray) networks = g_ptr_array_new_with_free_func ((GDestroyNotify)md_at_network_free);

  if (!value) {
    parse_error (error, "+COPS=?", text);
    return NULL;
  }
  fields = md_at_split_fields (value);
  for (guint i = 0; i < fields->len; i++) {
    const char *field = g_ptr_array_index (fields, i);
    MdAtNetwork *network;

    /* An empty field separates the operators from the supported-values
     * lists, which are not operators. */
    if (!*field)
      break;
    if (field[0] != '(' || field[strlen (field) - 1] != ')')
      continue;
    network = parse_cops_entry (field);
    if (network)
      g_ptr_array_add (networks, network);
  }
  return g_steal_pointer (&networks);
}

gboolean
md_at_parse_cfun (const char *text, MdModemPowerState *out_state, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+CFUN:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 fun;

  if (!value)
    return parse_error (error, "+CFUN", text);
  fields = md_at_split_fields (value);
  if (!md_at_field_uint (g_ptr_array_index (fields, 0), 255, &fun))
    return parse_error (error, "+CFUN", text);
  *out_state = fun == 1 ? MD_MODEM_POWER_STATE_ON : MD_MODEM_POWER_STATE_LOW;
  return TRUE;
}

gboolean
md_at_parse_cemode (const char *text, MdModem3gppEpsUeModeOperation *out_mode, GError **error)
{
  static const MdModem3gppEpsUeModeOperation modes[] = {
    MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_PS_2,
    MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_CSPS_1,
    MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_CSPS_2,
    MD_MODEM_3GPP_EPS_UE_MODE_OPERATION_PS_1,
  };
  const char *value = md_at_skip_prefix (text, "+CEMODE:");
  g_autoptr (GPtrArray) fields = NULL;
  guint64 mode;

  if (!value)
    return parse_error (error, "+CEMODE", text);
  fields = md_at_split_fields (value);
  if (fields->len < 1 || !md_at_field_uint (g_ptr_array_index (fields, 0), G_N_ELEMENTS (modes) - 1, &mode))
    return parse_error (error, "+CEMODE", text);
  *out_mode = modes[mode];
  return TRUE;
}

guint32
md_at_parse_cgdcont_test (const char *text)
{
  g_auto (GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  guint32 families = MD_BEARER_IP_FAMILY_NONE;

  for (guint i = 0; lines[i]; i++) {
    const char *value = md_at_skip_prefix (lines[i], "+CGDCONT:");
    g_autoptr (GPtrArray) fields = NULL;
    g_autofree char *type = NULL;

    if (!value)
      continue;
    fields = md_at_split_fields (value);
    if (fields->len < 2)
      continue;
    type = md_at_field_unquote (g_ptr_array_index (fields, 1));
    if (g_ascii_strcasecmp (type, "IP") == 0)
      families |= MD_BEARER_IP_FAMILY_IPV4;
    else if (g_ascii_strcasecmp (type, "IPV6") == 0)
      families |= MD_BEARER_IP_FAMILY_IPV6;
    else if (g_ascii_strcasecmp (type, "IPV4V6") == 0)
      families |= MD_BEARER_IP_FAMILY_IPV4V6;
    else if (g_ascii_strcasecmp (type, "Non-IP") == 0)
      families |= MD_BEARER_IP_FAMILY_NON_IP;
  }
  return families;
}

static guint32
ws46_modes (guint64 value)
{
  const guint32 g2 = MD_MODEM_MODE_2G, g3 = MD_MODEM_MODE_3G, g4 = MD_MODEM_MODE_4G, g5 = MD_MODEM_MODE_5G;

  switch (value) {
  case 12: return g2;
  case 22: return g3;
  case 25: return g2 | g3 | g4;
  case 28: return g4;
  case 29: return g2 | g3;
  case 30: return g2 | g4;
  case 31: return g3 | g4;
  case 36: return g5;
  case 37: return g4 | g5;
  case 38: return g3 | g4 | g5;
  case 39: return g2 | g3 | g4 | g5;
  case 40: return g3 | g5;
  case 41: return g2 | g3 | g5;
  case 42: return g2 | g4 | g5;
  default: return 0;
  }
}

GArray *
md_at_parse_ws46_test (const char *text, GError **error)
{
  const char *value = md_at_skip_prefix (text, "+WS46:");
  g_autoptr (GArray) modes = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
  g_auto (GStrv) items = NULL;

  if (!value || !strchr (value, '(')) {
    parse_error (error, "+WS46=?", text);
    return NULL;
  }
  items = g_strsplit_set (value, "(),- ", -1);
  for (guint i = 0; items[i]; i++) {
    guint64 number;
    guint32 pair[2] = { 0, MD_MODEM_MODE_NONE };

    if (!md_at_field_uint (items[i], 255, &number) || !(pair[0] = ws46_modes (number)))
      continue;
    g_array_append_val (modes, pair);
  }
  return g_steal_pointer (&modes);
}

guint32
md_at_parse_gcap (const char *text)
{
  guint32 caps = MD_MODEM_CAPABILITY_NONE;

  if (strstr (text, "+CGSM"))
    caps |= MD_MODEM_CAPABILITY_GSM_UMTS;
  if (strstr (text, "+CLTE") || strstr (text, "+LTE"))
    caps |= MD_MODEM_CAPABILITY_LTE;
  if (strstr (text, "+CIS707") || strstr (text, "+IS707") || strstr (text, "CDMA"))
    caps |= MD_MODEM_CAPABILITY_CDMA_EVDO;
  return caps;
}

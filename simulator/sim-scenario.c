/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Loads a scenario GKeyFile into a new model and AT options. A table names
 * every accepted group/key with its type, so a typo in a scenario is an
 * error that names the key instead of a silently different modem. */
#include "sim-scenario.h"

#include <gio/gio.h>
#include <string.h>

typedef struct {
  SimScenario *scenario;
  gboolean pin_retries_set;
  gboolean puk_retries_set;
} LoadContext;

typedef gboolean (*CustomLoader) (LoadContext *ctx, const char *value, GError **error);

typedef enum {
  KEY_STRING, /* char * */
  KEY_DIGITS, /* char *, only digits, length min-max */
  KEY_UINT,   /* guint, min-max */
  KEY_CODE,   /* guint up to max, decimal or 0x-prefixed hexadecimal */
  KEY_BOOL,   /* gboolean */
  KEY_CUSTOM,
} KeyType;

typedef enum {
  IN_MODEL,
  IN_OPTIONS,
} KeyTarget;

typedef struct {
  const char *group;
  const char *key;
  KeyType type;
  KeyTarget target;
  gsize offset;
  guint min;
  guint max;
  CustomLoader custom;
} KeySpec;

#define MODEL_FIELD(field)  IN_MODEL, G_STRUCT_OFFSET (SimModel, field)
#define OPTION_FIELD(field) IN_OPTIONS, G_STRUCT_OFFSET (SimAtOptions, field)

static gboolean
bad_value (GError **error, const char *what, const char *value, const char *expected)
{
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               "invalid value '%s' for %s: expected %s", value, what, expected);
  return FALSE;
}

static gboolean
load_registration (LoadContext *ctx, const char *value, GError **error)
{
  if (!sim_reg_state_from_name (value, &ctx->scenario->model->net.target))
    return bad_value (error, "[network] registration", value,
                      "idle, home, searching, denied, roaming or unknown");
  return TRUE;
}

static gboolean
load_tech (LoadContext *ctx, const char *value, GError **error)
{
  if (!sim_tech_from_name (value, &ctx->scenario->model->net.tech))
    return bad_value (error, "[network] access-technology", value,
                      "gsm, gprs, edge, umts, hsdpa, hsupa, hspa, lte or 5gnr");
  return TRUE;
}

static gboolean
parse_uint (const char *value, guint min, guint max, guint *out)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    return FALSE;
  *out = (guint)number;
  return TRUE;
}

static gboolean
load_signal (LoadContext *ctx, const char *value, GError **error)
{
  guint rssi;

  if (!parse_uint (value, 0, 99, &rssi) || (rssi > 31 && rssi != 99))
    return bad_value (error, "[network] signal", value, "0-31 or 99");
  ctx->scenario->model->net.rssi = rssi;
  return TRUE;
}

static gboolean
digits_ok (const char *value, gsize min, gsize max)
{
  return sim_pin_is_valid (value, (guint)min, (guint)max);
}

static gboolean
load_operator_code (LoadContext *ctx, const char *value, GError **error)
{
  SimNetwork *net = &ctx->scenario->model->net;

  if (!digits_ok (value, 5, 6))
    return bad_value (error, "[network] operator-code", value, "5 or 6 digits (MCC and MNC)");
  g_free (net->network_code);
  net->network_code = g_strdup (value);
  return TRUE;
}

static gboolean
load_operator_name (LoadContext *ctx, const char *value, GError **error)
{
  g_free (ctx->scenario->model->net.network_name);
  ctx->scenario->model->net.network_name = g_strdup (value);
  return TRUE;
}

static gboolean
load_operator_status (const char *value, SimOperatorStatus *out)
{
  static const char *const names[] = { "unknown", "available", "current", "forbidden" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    if (strcmp (value, names[i]) == 0) {
      *out = (SimOperatorStatus)i;
      return TRUE;
    }
  }
  return FALSE;
}

/* One entry: "MCCMNC:Long name[:Short name]:tech:status". */
static gboolean
load_operator_entry (LoadContext *ctx, const char *entry, GError **error)
{
  g_auto (GStrv) f = g_strsplit (entry, ":", -1);
  guint n = g_strv_length (f);
  SimOperatorStatus status;
  SimTech tech;

  if ((n != 4 && n != 5) || !digits_ok (f[0], 5, 6) || !*f[1] || !sim_tech_from_name (f[n - 2], &tech)
      || !load_operator_status (f[n - 1], &status))
    return bad_value (error, "[operators] available", entry,
                      "MCCMNC:Long name[:Short name]:technology:available|current|forbidden|unknown");
  g_ptr_array_add (ctx->scenario->model->net.available,
                   sim_operator_new (f[0], f[1], n == 5 ? f[2] : NULL, tech, status));
  return TRUE;
}

static gboolean
load_cfun (LoadContext *ctx, const char *value, GError **error)
{
  guint cfun;

  if (!parse_uint (value, 0, 4, &cfun) || (cfun != 0 && cfun != 1 && cfun != 4))
    return bad_value (error, "[power] cfun", value, "0, 1 or 4");
  ctx->scenario->model->cfun = cfun;
  return TRUE;
}

/* One entry: "cid:type:apn". */
static gboolean
load_context_entry (LoadContext *ctx, const char *entry, GError **error)
{
  g_auto (GStrv) f = g_strsplit (entry, ":", 3);
  g_autofree char *type = NULL;
  guint cid;

  if (g_strv_length (f) != 3 || !parse_uint (f[0], 1, 255, &cid))
    return bad_value (error, "[data] contexts", entry, "cid:IP|IPV6|IPV4V6:apn");
  type = g_ascii_strup (f[1], -1);
  if (!sim_model_define_context (ctx->scenario->model, cid, type, f[2], NULL))
    return bad_value (error, "[data] contexts", entry, "cid:IP|IPV6|IPV4V6:apn");
  return TRUE;
}

/* One entry: "[unread|read|unsent|sent:]<hex PDU with SMSC>". */
static gboolean
load_sms_entry (LoadContext *ctx, const char *entry, GError **error)
{
  static const char *const names[] = { "unread", "read", "unsent", "sent" };
  const char *colon = strchr (entry, ':');
  SimSmsStatus status = SIM_SMS_READ;
  g_autoptr (GError) local = NULL;

  if (colon) {
    guint i;

    for (i = 0; i < G_N_ELEMENTS (names); i++) {
      if (strncmp (entry, names[i], colon - entry) == 0 && strlen (names[i]) == (gsize)(colon - entry))
        break;
    }
    if (i == G_N_ELEMENTS (names))
      return bad_value (error, "[sms] stored", entry, "[unread|read|unsent|sent:]hex PDU");
    status = (SimSmsStatus)i;
    entry = colon + 1;
  }
  if (!sim_model_store_sms (ctx->scenario->model, status, entry, &local))
    return bad_value (error, "[sms] stored", entry, local->message);
  return TRUE;
}

static gboolean
load_clock_time (LoadContext *ctx, const char *value, GError **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (value, utc);

  if (!time)
    return bad_value (error, "[clock] time", value, "an ISO 8601 date and time");
  sim_model_set_clock (ctx->scenario->model, time);
  return TRUE;
}

static gboolean
load_utc_offset (LoadContext *ctx, const char *value, GError **error)
{
  gint64 minutes;

  if (!g_ascii_string_to_signed (value, 10, -720, 840, &minutes, NULL) || minutes % 15 != 0)
    return bad_value (error, "[clock] utc-offset-minutes", value, "a multiple of 15 in -720..840");
  ctx->scenario->model->utc_offset_minutes = (int)minutes;
  return TRUE;
}

static gboolean
load_unsupported_entry (LoadContext *ctx, const char *entry, GError **error)
{
  g_autofree char *name = sim_at_command_canonical_name (entry);
  GStrvBuilder *builder;
  SimAtOptions *at = &ctx->scenario->at;

  if (!name)
    return bad_value (error, "[commands] unsupported", entry, "an AT command the simulator implements");
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **)at->unsupported);
  g_strv_builder_add (builder, name);
  g_strfreev (at->unsupported);
  at->unsupported = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return TRUE;
}

static gboolean
load_pin_retries (LoadContext *ctx, const char *value, GError **error)
{
  if (!parse_uint (value, 0, 10, &ctx->scenario->model->sim.pin_retries))
    return bad_value (error, "[sim] pin-retries", value, "0-10");
  ctx->pin_retries_set = TRUE;
  return TRUE;
}

static gboolean
load_puk_retries (LoadContext *ctx, const char *value, GError **error)
{
  if (!parse_uint (value, 0, 10, &ctx->scenario->model->sim.puk_retries))
    return bad_value (error, "[sim] puk-retries", value, "0-10");
  ctx->puk_retries_set = TRUE;
  return TRUE;
}

static gboolean
load_own_number_entry (LoadContext *ctx, const char *entry, GError **error)
{
  SimCard *sim = &ctx->scenario->model->sim;
  guint n = g_strv_length (sim->own_numbers);
  const char *digits = entry[0] == '+' ? entry + 1 : entry;

  if (!digits_ok (digits, 1, 20))
    return bad_value (error, "[sim] own-numbers", entry, "a phone number ([+]digits)");
  sim->own_numbers = g_renew (char *, sim->own_numbers, n + 2);
  sim->own_numbers[n] = g_strdup (entry);
  sim->own_numbers[n + 1] = NULL;
  return TRUE;
}

static gboolean
is_address (const char *value, gboolean ipv6)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (value);

  return address
         && g_inet_address_get_family (address) == (ipv6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4);
}

static gboolean
set_address (char **field, const char *value, gboolean ipv6, gboolean optional, const char *what,
             GError **error)
{
  if (!(optional && !*value) && !is_address (value, ipv6))
    return bad_value (error, what, value, ipv6 ? "an IPv6 address" : "an IPv4 address");
  g_free (*field);
  *field = *value ? g_strdup (value) : NULL;
  return TRUE;
}

/* A whole ';'-separated address list, replacing the default (empty: none). */
static gboolean
set_address_list (GStrv *field, const char *value, gboolean ipv6, const char *what, GError **error)
{
  g_auto (GStrv) entries = g_strsplit (value, ";", -1);
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; entries[i]; i++) {
    g_strstrip (entries[i]);
    if (!*entries[i])
      continue;
    if (!is_address (entries[i], ipv6)) {
      g_strv_builder_unref (builder);
      return bad_value (error, what, entries[i], ipv6 ? "IPv6 addresses" : "IPv4 addresses");
    }
    g_strv_builder_add (builder, entries[i]);
  }
  g_strfreev (*field);
  *field = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return TRUE;
}

static gboolean
load_ipv4_address (LoadContext *ctx, const char *value, GError **error)
{
  return set_address (&ctx->scenario->model->ipv4_address, value, FALSE, FALSE, "[data] ipv4-address", error);
}

static gboolean
load_ipv6_address (LoadContext *ctx, const char *value, GError **error)
{
  return set_address (&ctx->scenario->model->ipv6_address, value, TRUE, FALSE, "[data] ipv6-address", error);
}

static gboolean
load_ipv4_gateway (LoadContext *ctx, const char *value, GError **error)
{
  return set_address (&ctx->scenario->model->ipv4_gateway, value, FALSE, TRUE, "[data] ipv4-gateway", error);
}

static gboolean
load_ipv6_gateway (LoadContext *ctx, const char *value, GError **error)
{
  return set_address (&ctx->scenario->model->ipv6_gateway, value, TRUE, TRUE, "[data] ipv6-gateway", error);
}

static gboolean
load_ipv4_dns (LoadContext *ctx, const char *value, GError **error)
{
  return set_address_list (&ctx->scenario->model->ipv4_dns, value, FALSE, "[data] ipv4-dns", error);
}

static gboolean
load_ipv6_dns (LoadContext *ctx, const char *value, GError **error)
{
  return set_address_list (&ctx->scenario->model->ipv6_dns, value, TRUE, "[data] ipv6-dns", error);
}

static gboolean
load_reject_apns (LoadContext *ctx, const char *value, GError **error)
{
  g_auto (GStrv) entries = g_strsplit (value, ";", -1);
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; entries[i]; i++) {
    g_strstrip (entries[i]);
    if (*entries[i])
      g_strv_builder_add (builder, entries[i]);
  }
  g_strfreev (ctx->scenario->model->reject_apns);
  ctx->scenario->model->reject_apns = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return TRUE;
}

/* "ctl,dms,nas,wds,wda": the QMI services the modem lists; CTL is always
 * served, so naming it is allowed but changes nothing. */
static gboolean
load_qmi_services (LoadContext *ctx, const char *value, GError **error)
{
  static const char *const known[] = { "ctl", "dms", "nas", "uim", "wds", "wda", NULL };
  g_auto (GStrv) entries = g_strsplit (value, ",", -1);
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; entries[i]; i++) {
    g_strstrip (entries[i]);
    if (!g_strv_contains (known, entries[i])) {
      g_strv_builder_unref (builder);
      return bad_value (error, "[modem] qmi-services", entries[i], "ctl, dms, nas, uim, wds or wda");
    }
    g_strv_builder_add (builder, entries[i]);
  }
  g_strfreev (ctx->scenario->model->qmi_services);
  ctx->scenario->model->qmi_services = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return TRUE;
}

/* "802-3-only;raw-ip": per QMI port, in --qmi order, the link layer it
 * starts with; "-only": Set Data Format cannot change it. */
static gboolean
load_qmi_data_formats (LoadContext *ctx, const char *value, GError **error)
{
  static const char *const names[] = { "802-3", "raw-ip", "802-3-only", "raw-ip-only" };
  g_auto (GStrv) entries = g_strsplit (value, ";", -1);
  SimModel *model = ctx->scenario->model;
  guint n = 0;

  for (guint i = 0; entries[i]; i++) {
    guint kind = G_N_ELEMENTS (names);

    g_strstrip (entries[i]);
    if (!entries[i][0] && !entries[i + 1])
      break; /* a trailing ';' */
    for (guint k = 0; k < G_N_ELEMENTS (names); k++) {
      if (g_str_equal (entries[i], names[k]))
        kind = k;
    }
    if (kind == G_N_ELEMENTS (names))
      return bad_value (error, "[modem] qmi-data-formats", entries[i],
                        "802-3, raw-ip, 802-3-only or raw-ip-only");
    if (n == SIM_MAX_QMI_PORTS)
      return bad_value (error, "[modem] qmi-data-formats", value, "at most 4 entries");
    model->qmi_link[n] = kind % 2 ? SIM_LINK_LAYER_RAW_IP : SIM_LINK_LAYER_802_3;
    model->qmi_link_fixed[n] = kind >= 2;
    n++;
  }
  /* The first port's format is the model's (get data-format). */
  model->data_format.link_layer = model->qmi_link[0];
  return TRUE;
}

/* Keys whose value is a ';'-separated list run their loader per entry. */
static const CustomLoader list_loaders[] = {
  load_own_number_entry, load_operator_entry, load_context_entry, load_sms_entry, load_unsupported_entry,
};

static const KeySpec keys[] = {
  { "identity", "manufacturer", KEY_STRING, MODEL_FIELD (identity.manufacturer) },
  { "identity", "model", KEY_STRING, MODEL_FIELD (identity.model) },
  { "identity", "revision", KEY_STRING, MODEL_FIELD (identity.revision) },
  { "identity", "imei", KEY_DIGITS, MODEL_FIELD (identity.imei), 14, 17 },
  { "identity", "ati1", KEY_STRING, MODEL_FIELD (identity.ati1) },
  { "modem", "qmi-over-mbim", KEY_BOOL, MODEL_FIELD (qmi_over_mbim) },
  { "modem", "wda-endpoint-required", KEY_BOOL, MODEL_FIELD (wda_endpoint_required) },
  { "modem", "mbim-query-refuses-inactive", KEY_BOOL, MODEL_FIELD (mbim_query_refuses_inactive) },
  { "modem", "qmap", KEY_BOOL, MODEL_FIELD (qmap) },
  { "modem", "qmi-services", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_qmi_services },
  { "modem", "qmi-data-formats", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_qmi_data_formats },
  { "sim", "present", KEY_BOOL, MODEL_FIELD (sim.present) },
  { "sim", "iccid", KEY_DIGITS, MODEL_FIELD (sim.iccid), 18, 20 },
  { "sim", "imsi", KEY_DIGITS, MODEL_FIELD (sim.imsi), 6, 15 },
  { "sim", "spn", KEY_STRING, MODEL_FIELD (sim.spn) },
  { "sim", "mnc-length", KEY_UINT, MODEL_FIELD (sim.mnc_length), 2, 3 },
  { "sim", "pin", KEY_DIGITS, MODEL_FIELD (sim.pin), 4, 8 },
  { "sim", "puk", KEY_DIGITS, MODEL_FIELD (sim.puk), 8, 8 },
  { "sim", "pin-enabled", KEY_BOOL, MODEL_FIELD (sim.pin_enabled) },
  { "sim", "pin-retries", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_pin_retries },
  { "sim", "puk-retries", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_puk_retries },
  { "sim", "pin-max-retries", KEY_UINT, MODEL_FIELD (sim.pin_max), 1, 10 },
  { "sim", "puk-max-retries", KEY_UINT, MODEL_FIELD (sim.puk_max), 1, 10 },
  { "sim", "own-numbers", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_own_number_entry },
  { "network", "registration", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_registration },
  { "network", "operator-code", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_operator_code },
  { "network", "operator-name", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_operator_name },
  { "network", "access-technology", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_tech },
  { "network", "signal", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_signal },
  { "network", "ber", KEY_UINT, MODEL_FIELD (net.ber), 0, 99 },
  { "network", "lac", KEY_CODE, MODEL_FIELD (net.lac), 0, 0xFFFF },
  { "network", "tac", KEY_CODE, MODEL_FIELD (net.tac), 0, 0xFFFFFF },
  { "network", "cell-id", KEY_CODE, MODEL_FIELD (net.cell_id), 0, 0xFFFFFFF },
  { "network", "registration-delay-ms", KEY_UINT, MODEL_FIELD (net.registration_delay_ms), 0, 600000 },
  { "operators", "available", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_operator_entry },
  { "power", "cfun", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_cfun },
  { "data", "max-cid", KEY_UINT, MODEL_FIELD (max_cid), 1, 255 },
  { "data", "contexts", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_context_entry },
  { "data", "ipv4-address", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_ipv4_address },
  { "data", "ipv4-prefix", KEY_UINT, MODEL_FIELD (ipv4_prefix), 0, 32 },
  { "data", "ipv4-gateway", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_ipv4_gateway },
  { "data", "ipv4-dns", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_ipv4_dns },
  { "data", "ipv4-mtu", KEY_UINT, MODEL_FIELD (ipv4_mtu), 0, 65535 },
  { "data", "ipv6-address", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_ipv6_address },
  { "data", "ipv6-prefix", KEY_UINT, MODEL_FIELD (ipv6_prefix), 0, 128 },
  { "data", "ipv6-gateway", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_ipv6_gateway },
  { "data", "ipv6-dns", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_ipv6_dns },
  { "data", "ipv6-mtu", KEY_UINT, MODEL_FIELD (ipv6_mtu), 0, 65535 },
  { "data", "max-sessions", KEY_UINT, MODEL_FIELD (max_sessions), 1, 16 },
  { "data", "reject-apns", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_reject_apns },
  { "sms", "capacity", KEY_UINT, MODEL_FIELD (sms_capacity), 1, 10000 },
  { "sms", "stored", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_sms_entry },
  { "sms", "storages", KEY_STRING, MODEL_FIELD (sms_storages) },
  { "clock", "time", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_clock_time },
  { "clock", "utc-offset-minutes", KEY_CUSTOM, IN_MODEL, 0, 0, 0, load_utc_offset },
  { "commands", "unsupported", KEY_CUSTOM, IN_OPTIONS, 0, 0, 0, load_unsupported_entry },
  { "commands", "cops-scan-delay-ms", KEY_UINT, OPTION_FIELD (cops_scan_delay_ms), 0, 600000 },
  { "commands", "escape-guard-ms", KEY_UINT, OPTION_FIELD (escape_guard_ms), 10, 10000 },
  { "commands", "csms-service", KEY_UINT, OPTION_FIELD (csms_service), 0, 1 },
  { "commands", "sms-routed", KEY_BOOL, OPTION_FIELD (sms_routed) },
};

static gboolean
is_list_loader (CustomLoader loader)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_loaders); i++) {
    if (list_loaders[i] == loader)
      return TRUE;
  }
  return FALSE;
}

static gboolean
load_custom (LoadContext *ctx, GKeyFile *file, const KeySpec *spec, GError **error)
{
  g_auto (GStrv) entries = NULL;
  g_autofree char *value = NULL;

  if (!is_list_loader (spec->custom)) {
    value = g_key_file_get_string (file, spec->group, spec->key, error);
    return value && spec->custom (ctx, g_strstrip (value), error);
  }
  entries = g_key_file_get_string_list (file, spec->group, spec->key, NULL, error);
  if (!entries)
    return FALSE;
  for (guint i = 0; entries[i]; i++) {
    g_strstrip (entries[i]);
    if (*entries[i] && !spec->custom (ctx, entries[i], error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
load_key (LoadContext *ctx, GKeyFile *file, const KeySpec *spec, GError **error)
{
  gpointer base = spec->target == IN_MODEL ? (gpointer)ctx->scenario->model : (gpointer)&ctx->scenario->at;
  g_autofree char *what = g_strdup_printf ("[%s] %s", spec->group, spec->key);
  g_autofree char *value = NULL;
  g_autofree char *expected = NULL;
  guint64 number;

  if (spec->type == KEY_CUSTOM)
    return load_custom (ctx, file, spec, error);
  value = g_key_file_get_string (file, spec->group, spec->key, error);
  if (!value)
    return FALSE;
  g_strstrip (value);
  switch (spec->type) {
  case KEY_STRING:
    g_free (G_STRUCT_MEMBER (char *, base, spec->offset));
    G_STRUCT_MEMBER (char *, base, spec->offset) = g_steal_pointer (&value);
    return TRUE;
  case KEY_DIGITS:
    expected = g_strdup_printf ("%u-%u digits", spec->min, spec->max);
    if (!digits_ok (value, spec->min, spec->max))
      return bad_value (error, what, value, expected);
    g_free (G_STRUCT_MEMBER (char *, base, spec->offset));
    G_STRUCT_MEMBER (char *, base, spec->offset) = g_steal_pointer (&value);
    return TRUE;
  case KEY_UINT:
  case KEY_CODE:
    expected = g_strdup_printf ("%u-%u", spec->min, spec->max);
    if (spec->type == KEY_CODE && g_ascii_strncasecmp (value, "0x", 2) == 0
        && g_ascii_string_to_unsigned (value + 2, 16, spec->min, spec->max, &number, NULL)) {
      G_STRUCT_MEMBER (guint, base, spec->offset) = (guint)number;
      return TRUE;
    }
    if (!g_ascii_string_to_unsigned (value, 10, spec->min, spec->max, &number, NULL))
      return bad_value (error, what, value, expected);
    G_STRUCT_MEMBER (guint, base, spec->offset) = (guint)number;
    return TRUE;
  case KEY_BOOL:
    if (strcmp (value, "true") != 0 && strcmp (value, "false") != 0)
      return bad_value (error, what, value, "true or false");
    G_STRUCT_MEMBER (gboolean, base, spec->offset) = strcmp (value, "true") == 0;
    return TRUE;
  case KEY_CUSTOM: break;
  }
  return FALSE;
}

static const KeySpec *
find_spec (const char *group, const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++) {
    if (strcmp (keys[i].group, group) == 0 && (!key || strcmp (keys[i].key, key) == 0))
      return &keys[i];
  }
  return NULL;
}

static gboolean
check_names (GKeyFile *file, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (file, NULL);

  for (guint g = 0; groups[g]; g++) {
    g_auto (GStrv) names = NULL;

    if (!find_spec (groups[g], NULL)) {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND, "unknown group [%s]",
                   groups[g]);
      return FALSE;
    }
    names = g_key_file_get_keys (file, groups[g], NULL, NULL);
    for (guint k = 0; names && names[k]; k++) {
      if (!find_spec (groups[g], names[k])) {
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                     "unknown key '%s' in group [%s]", names[k], groups[g]);
        return FALSE;
      }
    }
  }
  return TRUE;
}

static SimOperator *
find_operator (SimModel *model, const char *code)
{
  for (guint i = 0; i < model->net.available->len; i++) {
    SimOperator *op = g_ptr_array_index (model->net.available, i);

    if (strcmp (op->code, code) == 0)
      return op;
  }
  return NULL;
}

/* Checks across keys, and derived state: the retry counters against their
 * maxima, the serving operator in the scan list. */
static gboolean
finish (LoadContext *ctx, GError **error)
{
  SimModel *model = ctx->scenario->model;
  SimCard *sim = &model->sim;

  if (!ctx->pin_retries_set)
    sim->pin_retries = sim->pin_max;
  if (!ctx->puk_retries_set)
    sim->puk_retries = sim->puk_max;
  if (sim->pin_retries > sim->pin_max || sim->puk_retries > sim->puk_max) {
    g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                 "[sim] pin-retries/puk-retries exceed pin-max-retries/puk-max-retries");
    return FALSE;
  }
  if (!find_operator (model, model->net.network_code))
    g_ptr_array_insert (model->net.available, 0,
                        sim_operator_new (model->net.network_code, model->net.network_name, NULL,
                                          model->net.tech, SIM_OPERATOR_AVAILABLE));
  g_free (model->net.operator_code);
  g_free (model->net.operator_name);
  model->net.operator_code = g_strdup (model->net.network_code);
  model->net.operator_name = g_strdup (model->net.network_name);
  sim_model_start (model);
  return TRUE;
}

static SimScenario *
load (GKeyFile *file, GError **error)
{
  g_autoptr (SimScenario) scenario = g_new0 (SimScenario, 1);
  LoadContext ctx = { scenario };

  scenario->model = sim_model_new ();
  sim_at_options_init (&scenario->at);
  if (!check_names (file, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++) {
    if (g_key_file_has_key (file, keys[i].group, keys[i].key, NULL)
        && !load_key (&ctx, file, &keys[i], error))
      return NULL;
  }
  if (!finish (&ctx, error))
    return NULL;
  return g_steal_pointer (&scenario);
}

SimScenario *
sim_scenario_load_data (const char *data, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();

  if (!g_key_file_load_from_data (file, data, -1, G_KEY_FILE_NONE, error))
    return NULL;
  return load (file, error);
}

SimScenario *
sim_scenario_load_file (const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  SimScenario *scenario = NULL;

  if (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    scenario = load (file, &local);
  if (!scenario) {
    g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", path);
    return NULL;
  }
  return scenario;
}

void
sim_scenario_free (SimScenario *self)
{
  if (!self)
    return;
  sim_model_free (self->model);
  sim_at_options_clear (&self->at);
  g_free (self);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Init ops over AT: port setup (echo off, verbose errors), identity from the
 * 3GPP +CGMx commands with the V.25ter +GMx and ATI fallbacks plus the raw
 * ATI reply, and capabilities from +GCAP. Response parsing lives in src/parse. */
#include "md-at-ops.h"

#include <stddef.h>

#include "md-at-3gpp.h"
#include "md-at-info.h"
#include "md-at-op.h"
#include "md-at-sim.h"
#include "md-errors.h"
#include "md-log.h"

/* --- setup --------------------------------------------------------------- */

static const char *const setup_commands[] = { "ATE0", "ATV1", "AT+CMEE=1", NULL };

static void setup_next (GTask *task);

static void
setup_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  /* Old modems refuse some of these; only a dead port is fatal. */
  if (!response
      && (g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
          || g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT))) {
    g_task_return_error (task, g_steal_pointer (&error));
    return;
  }
  setup_next (g_steal_pointer (&task));
}

static void
setup_next (GTask *task)
{
  guint *index = g_task_get_task_data (task);
  const char *command = setup_commands[(*index)++];

  if (!command) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  md_at_modem_command (g_task_get_source_object (task), command, MD_AT_TIMEOUT_SHORT_MS,
                       g_task_get_cancellable (task), setup_ready, task);
}

static void
at_setup (MdModem *modem, GTask *task)
{
  GError *error = NULL;

  if (!md_at_modem_control_port (modem, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);
  setup_next (task);
}

/* --- identity ------------------------------------------------------------ */

typedef struct {
  const char *commands[3]; /* tried in order until one answers */
  const char *prefix;      /* echoed by some modems before the value */
  gsize offset;            /* field of MdModemIdentity */
} IdentityItem;

static const IdentityItem identity_items[] = {
  { { "AT+CGMI", "AT+GMI" }, "+CGMI:", G_STRUCT_OFFSET (MdModemIdentity, manufacturer) },
  { { "AT+CGMM", "AT+GMM" }, "+CGMM:", G_STRUCT_OFFSET (MdModemIdentity, model) },
  { { "AT+CGMR", "AT+GMR" }, "+CGMR:", G_STRUCT_OFFSET (MdModemIdentity, revision) },
  { { "AT+CGSN", "AT+GSN" }, "+CGSN:", G_STRUCT_OFFSET (MdModemIdentity, equipment_identifier) },
};

typedef struct {
  MdModemIdentity *identity;
  guint item;
  guint attempt;
} IdentityContext;

static void
identity_context_free (gpointer data)
{
  IdentityContext *ctx = data;

  md_modem_identity_free (ctx->identity);
  g_free (ctx);
}

static char **
identity_field (MdModemIdentity *identity, gsize offset)
{
  return (char **)G_STRUCT_MEMBER_P (identity, offset);
}

static void identity_next (GTask *task);

static void
ati_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  IdentityContext *ctx = g_task_get_task_data (task);
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, NULL);

  if (response && (!ctx->identity->manufacturer || !ctx->identity->model))
    md_at_parse_ati (response, &ctx->identity->manufacturer, &ctx->identity->model, &ctx->identity->revision);
  ctx->identity->ati = g_steal_pointer (&response);
  g_task_return_pointer (task, g_steal_pointer (&ctx->identity), (GDestroyNotify)md_modem_identity_free);
}

static void
identity_item_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  IdentityContext *ctx = g_task_get_task_data (task);
  const IdentityItem *item = &identity_items[ctx->item];
  g_autoptr (GError) error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)) {
    g_task_return_error (task, g_steal_pointer (&error));
    return;
  }
  if (response) {
    char **field = identity_field (ctx->identity, item->offset);

    if (item->offset == G_STRUCT_OFFSET (MdModemIdentity, equipment_identifier))
      *field = md_at_parse_imei (response);
    else
      *field = md_at_info_value (response, item->prefix);
  }
  if (response || !item->commands[++ctx->attempt]) {
    ctx->item++;
    ctx->attempt = 0;
  }
  identity_next (g_steal_pointer (&task));
}

static void
identity_next (GTask *task)
{
  IdentityContext *ctx = g_task_get_task_data (task);
  MdModem *modem = g_task_get_source_object (task);

  if (ctx->item < G_N_ELEMENTS (identity_items)) {
    md_at_modem_command (modem, identity_items[ctx->item].commands[ctx->attempt], MD_AT_TIMEOUT_SHORT_MS,
                         g_task_get_cancellable (task), identity_item_ready, task);
    return;
  }
  /* ATI always: its reply enters the device identifier, and it names the
   * modem when +CGMI/+CGMM did not. */
  md_at_modem_command (modem, "ATI", MD_AT_TIMEOUT_SHORT_MS, g_task_get_cancellable (task), ati_ready, task);
}

static void
at_load_identity (MdModem *modem, GTask *task)
{
  IdentityContext *ctx = g_new0 (IdentityContext, 1);

  ctx->identity = g_new0 (MdModemIdentity, 1);
  g_task_set_task_data (task, ctx, identity_context_free);
  identity_next (task);
}

/* --- capabilities, modes, IP families, own numbers ------------------------ */

static gboolean
parse_gcap (const char *response, gssize *out, GError **error)
{
  *out = md_at_parse_gcap (response);
  return TRUE;
}

static void
at_load_capabilities (MdModem *modem, GTask *task)
{
  md_at_op_int (modem, task, "AT+GCAP", MD_AT_TIMEOUT_SHORT_MS, parse_gcap);
}

static gboolean
parse_ip_families (const char *response, gssize *out, GError **error)
{
  guint32 families = md_at_parse_cgdcont_test (response);

  if (!families) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "No PDP types in '%s'", response);
    return FALSE;
  }
  *out = families;
  return TRUE;
}

static void
at_load_ip_families (MdModem *modem, GTask *task)
{
  md_at_op_int (modem, task, "AT+CGDCONT=?", MD_AT_TIMEOUT_SHORT_MS, parse_ip_families);
}

static gpointer
parse_own_numbers (const char *response, GError **error)
{
  return md_at_parse_cnum (response);
}

static void
at_load_own_numbers (MdModem *modem, GTask *task)
{
  md_at_op_pointer (modem, task, "AT+CNUM", MD_AT_TIMEOUT_SHORT_MS, parse_own_numbers,
                    (GDestroyNotify)g_strfreev);
}

/* Without SetCurrentModes the modem stays in the mode it is in, so only the
 * combination of every mode it supports is offered. */
static gpointer
parse_supported_modes (const char *response, GError **error)
{
  g_autoptr (GArray) pairs = md_at_parse_ws46_test (response, error);
  MdModeCombination all = { 0, MD_MODEM_MODE_NONE };
  GArray *modes;

  if (!pairs)
    return NULL;
  for (guint i = 0; i < pairs->len; i++)
    all.allowed |= ((guint32 *)pairs->data)[2 * i];
  modes = g_array_new (FALSE, TRUE, sizeof (MdModeCombination));
  if (all.allowed)
    g_array_append_val (modes, all);
  return modes;
}

static void
at_load_supported_modes (MdModem *modem, GTask *task)
{
  md_at_op_pointer (modem, task, "AT+WS46=?", MD_AT_TIMEOUT_SHORT_MS, parse_supported_modes,
                    (GDestroyNotify)g_array_unref);
}

static gboolean
parse_eps_ue_mode (const char *response, gssize *out, GError **error)
{
  MdModem3gppEpsUeModeOperation mode;

  if (!md_at_parse_cemode (response, &mode, error))
    return FALSE;
  *out = mode;
  return TRUE;
}

/* Read at initialization, as ModemManager does, so the value is there
 * while the modem is disabled. */
static void
at_load_eps_ue_mode (MdModem *modem, GTask *task)
{
  md_at_op_int (modem, task, "AT+CEMODE?", MD_AT_TIMEOUT_SHORT_MS, parse_eps_ue_mode);
}

const MdModemInitOps md_at_init_ops = {
  .setup = at_setup,
  .load_identity = at_load_identity,
  .load_capabilities = at_load_capabilities,
  .load_ip_families = at_load_ip_families,
  .load_own_numbers = at_load_own_numbers,
  .load_supported_modes = at_load_supported_modes,
  .load_eps_ue_mode = at_load_eps_ue_mode,
};

/* +CGMR names the running firmware (init's identity); AT keeps no others. */
const MdModemFirmwareOps md_at_firmware_ops = {
  .load_images = NULL,
};

const MdModemOps md_at_modem_ops = {
  .init = &md_at_init_ops,
  .sim = &md_at_sim_ops,
  .power = &md_at_power_ops,
  .netreg = &md_at_netreg_ops,
  .bearer = &md_at_bearer_ops,
  .signal = &md_at_signal_ops,
  .time = &md_at_time_ops,
  .location = &md_at_location_ops,
  .ussd = &md_at_ussd_ops,
  .firmware = &md_at_firmware_ops,
  .profiles = &md_at_profile_ops,
  .sms = &md_at_sms_ops,
};

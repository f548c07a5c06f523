/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Init ops over AT: port setup (echo off, verbose errors), identity from the
 * 3GPP +CGMx commands with the V.25ter +GMx and ATI fallbacks, and
 * capabilities from +GCAP. Response parsing lives in src/parse. */
#include "md-at-modem.h"

#include <stddef.h>

#include "md-at-info.h"
#include "md-errors.h"
#include "md-log.h"

#define SHORT_TIMEOUT_MS 3000

/* --- setup --------------------------------------------------------------- */

static const char *const setup_commands[] = { "ATE0", "ATV1", "AT+CMEE=1", NULL };

static void setup_next (GTask *task);

static void
setup_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  /* Old modems refuse some of these; only a dead port is fatal. */
  if (!response && (g_error_matches (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN)
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
  md_at_modem_command (g_task_get_source_object (task), command, SHORT_TIMEOUT_MS,
                       g_task_get_cancellable (task), setup_ready, task);
}

static void
at_setup (MdModem *modem, GTask *task)
{
  GError *error = NULL;

  if (!md_at_modem_primary (modem, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  g_task_set_task_data (task, g_new0 (guint, 1), g_free);
  setup_next (task);
}

/* --- identity ------------------------------------------------------------ */

typedef struct {
  const char *commands[3];   /* tried in order until one answers */
  const char *prefix;        /* echoed by some modems before the value */
  gsize offset;              /* field of MdModemIdentity */
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
  return (char **) G_STRUCT_MEMBER_P (identity, offset);
}

static void identity_next (GTask *task);

static void
ati_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  IdentityContext *ctx = g_task_get_task_data (task);
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, NULL);

  if (response)
    md_at_parse_ati (response, &ctx->identity->manufacturer, &ctx->identity->model,
                     &ctx->identity->revision);
  g_task_return_pointer (task, g_steal_pointer (&ctx->identity),
                         (GDestroyNotify) md_modem_identity_free);
}

static void
identity_item_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  IdentityContext *ctx = g_task_get_task_data (task);
  const IdentityItem *item = &identity_items[ctx->item];
  g_autoptr(GError) error = NULL;
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
    md_at_modem_command (modem, identity_items[ctx->item].commands[ctx->attempt], SHORT_TIMEOUT_MS,
                         g_task_get_cancellable (task), identity_item_ready, task);
    return;
  }
  if (!ctx->identity->manufacturer || !ctx->identity->model) {
    md_at_modem_command (modem, "ATI", SHORT_TIMEOUT_MS, g_task_get_cancellable (task),
                         ati_ready, task);
    return;
  }
  g_task_return_pointer (task, g_steal_pointer (&ctx->identity),
                         (GDestroyNotify) md_modem_identity_free);
  g_object_unref (task);
}

static void
at_load_identity (MdModem *modem, GTask *task)
{
  IdentityContext *ctx = g_new0 (IdentityContext, 1);

  ctx->identity = g_new0 (MdModemIdentity, 1);
  g_task_set_task_data (task, ctx, identity_context_free);
  identity_next (task);
}

/* --- capabilities -------------------------------------------------------- */

static void
gcap_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_int (task, md_at_parse_gcap (response));
}

static void
at_load_capabilities (MdModem *modem, GTask *task)
{
  md_at_modem_command (modem, "AT+GCAP", SHORT_TIMEOUT_MS, g_task_get_cancellable (task),
                       gcap_ready, task);
}

const MdModemInitOps md_at_init_ops = {
  .setup = at_setup,
  .load_identity = at_load_identity,
  .load_capabilities = at_load_capabilities,
};

const MdModemOps md_at_modem_ops = {
  .init = &md_at_init_ops,
};
